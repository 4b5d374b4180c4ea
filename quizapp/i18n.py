"""Languages: German by default, English on request, remembered in a cookie (no server state)."""
from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale

from .extensions import babel

LANGUAGE_COOKIE = "lang"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and background work speak the default
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    wanted = request.args.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    return wanted if wanted in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def remember_language(response):
    wanted = request.args.get("lang")
    if wanted in current_app.config["LANGUAGES"]:
        response.set_cookie(LANGUAGE_COOKIE, wanted, max_age=60 * 60 * 24 * 365, samesite="Lax", httponly=True)
    return response


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(remember_language)
    app.jinja_env.globals["current_language"] = lambda: str(get_locale())
