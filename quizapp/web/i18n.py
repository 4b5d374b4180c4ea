"""Languages: German by default, English on request, remembered in a cookie (no server state)."""
from flask import Flask, current_app, g, has_request_context, request

from ..extensions import babel

LANGUAGE_COOKIE = "lang"


def _requested_language() -> str:
    config = current_app.config
    if has_request_context():  # CLI commands and background work speak the default
        wanted = request.args.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
        if wanted in config["LANGUAGES"]:
            return wanted
    return config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    """The language code ("de" or "en") of this request (or app context), decided once."""
    if "quizapp_language" not in g:
        g.quizapp_language = _requested_language()
    return g.quizapp_language


def remember_language(response):
    wanted = request.args.get("lang")
    if wanted in current_app.config["LANGUAGES"]:
        response.set_cookie(LANGUAGE_COOKIE, wanted, max_age=60 * 60 * 24 * 365, samesite="Lax", httponly=True)
    return response


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=current_language)
    app.after_request(remember_language)
    app.jinja_env.globals["current_language"] = current_language
