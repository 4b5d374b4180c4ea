"""Teacher pages: dashboard, accounts, classes and quizzes. Every route needs a signed-in teacher."""
from flask import Blueprint, Flask, current_app

from ..web.identity import require_teacher

bp = Blueprint("teacher", __name__)
bp.before_request(require_teacher)


def has_endpoint(endpoint: str) -> bool:
    """Whether a route exists, so templates can link to pages other blueprints may not have yet."""
    return endpoint in current_app.view_functions


@bp.record_once
def _template_helpers(state) -> None:
    app: Flask = state.app
    app.jinja_env.globals["has_endpoint"] = has_endpoint


from . import accounts, classes, compose, dashboard, quizzes  # noqa: E402,F401  (routes register on bp)
