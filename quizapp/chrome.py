"""The site header, rendered once per worker for each language and kind of visitor.

For anonymous visitors and students the header differs only in the student's name and the
CSRF token of the sign-out form, yet rendering it (a dozen url_for, gettext and csrf_token
calls) cost about a third of the quiz and result pages. So it is rendered once with markers
in their place (quizapp.holes), and each request fills in its own name (escaped) and token.
Teachers' navigation marks the current page and is rendered every time.
"""
from flask import Flask, render_template, request
from flask_login import current_user
from markupsafe import Markup

from . import holes
from .i18n import current_language
from .lru import app_cache
from .security import csrf_token

TEMPLATE = "_site_header.html"


def site_header() -> Markup:
    user = current_user._get_current_object()
    if user.is_authenticated and user.is_teacher:
        return Markup(render_template(TEMPLATE, role="teacher", sign_out_token=csrf_token()))
    role = "student" if user.is_authenticated else "anonymous"
    # The links are relative to the app's mount point, which a proxy may set per request.
    key = (role, current_language(), request.script_root)
    cache = app_cache("chrome", 64)
    shell = cache.get(key)
    if shell is None:
        shell = holes.Shared(render_template(TEMPLATE, role=role, visitor_name=holes.NAME,
                                             sign_out_token=holes.TOKEN))
        cache.put(key, shell)
    if role == "anonymous" or holes.rendering_shared():  # a shared page fills the holes itself
        return Markup(shell.html)
    return shell.fill(name=user.display_name, token=csrf_token())


def init_app(app: Flask) -> None:
    app.jinja_env.globals["site_header"] = site_header
