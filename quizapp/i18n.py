"""Languages: German by default, English on request, remembered in a cookie (no server state)."""
from babel import Locale
from flask import Flask, current_app, g, has_request_context, request
from flask_babel import get_translations

from .extensions import babel
from .lru import app_cache

LANGUAGE_COOKIE = "lang"


_PARSED: dict[str, Locale] = {}  # Flask-Babel would parse the code again on every request


def _language_asked_in_url() -> str | None:
    """?lang=… of this request. Most requests have no query string: then nothing is parsed."""
    return request.args.get("lang") if b"lang=" in request.query_string else None


def _requested_language() -> str:
    config = current_app.config
    if has_request_context():  # CLI commands and background work speak the default
        wanted = _language_asked_in_url() or request.cookies.get(LANGUAGE_COOKIE)
        if wanted in config["LANGUAGES"]:
            return wanted
    return config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    """The language code ("de" or "en") of this request (or app context), decided once.

    quizapp never uses force_locale, so the language is fixed for a request; asking
    Flask-Babel's get_locale() for it each time cost more than most lookups it served.
    """
    try:
        return g._quizapp_language
    except AttributeError:
        g._quizapp_language = _requested_language()
        return g._quizapp_language


def select_locale() -> Locale:
    """Flask-Babel's locale selector: the same language as current_language()."""
    code = current_language()
    return _PARSED.get(code) or _PARSED.setdefault(code, Locale.parse(code))


def _translations():
    """This request's catalogue: templates call _() dozens of times per page.

    Kept on g, and per language in the app, since Flask-Babel's get_translations() resolved
    the locale and its cache key anew on every call.
    """
    try:
        return g._quizapp_translations
    except AttributeError:
        catalogues = app_cache("translations", 16)
        language = current_language()
        translations = catalogues.get(language)
        if translations is None:
            translations = get_translations()
            catalogues.put(language, translations)
        g._quizapp_translations = translations
        return translations


def remember_language(response):
    wanted = _language_asked_in_url()
    if wanted in current_app.config["LANGUAGES"]:
        response.set_cookie(LANGUAGE_COOKIE, wanted, max_age=60 * 60 * 24 * 365, samesite="Lax", httponly=True)
    return response


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(  # as Flask-Babel's, with the catalogue looked up once
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True)
    app.after_request(remember_language)
    app.jinja_env.globals["current_language"] = current_language
