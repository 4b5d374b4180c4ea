"""Languages: German by default, English on request, remembered in a cookie (no server state)."""
from babel import Locale
from flask import Flask, current_app, g, has_request_context, request
from flask_babel import get_locale, get_translations

from .extensions import babel

LANGUAGE_COOKIE = "lang"


_PARSED: dict[str, Locale] = {}  # Flask-Babel would parse the code again on every request


def select_locale() -> Locale:
    languages = current_app.config["LANGUAGES"]
    code = current_app.config["BABEL_DEFAULT_LOCALE"]
    if has_request_context():  # CLI commands and background work speak the default
        wanted = request.args.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
        code = wanted if wanted in languages else code
    return _PARSED.get(code) or _PARSED.setdefault(code, Locale.parse(code))


def _translations():
    """This request's catalogue, looked up once: templates call _() dozens of times per page.

    The locale is fixed for a request (quizapp never uses force_locale), so the catalogue is
    kept on g without asking Flask-Babel for the locale again, which cost more than the lookup.
    """
    try:
        return g._quizapp_translations
    except AttributeError:
        g._quizapp_translations = get_translations()
        return g._quizapp_translations


def current_language() -> str:
    """The request's language code ("de" or "en"), for templates; computed once per request."""
    try:
        return g._quizapp_language
    except AttributeError:
        g._quizapp_language = str(get_locale())
        return g._quizapp_language


def remember_language(response):
    wanted = request.args.get("lang")
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
