"""Teacher pages: dashboard, accounts, classes and quizzes. Every route needs a signed-in teacher."""
from flask import Blueprint, Flask, abort, current_app
from flask_login import current_user

from ..extensions import login_manager

bp = Blueprint("teacher", __name__)


@bp.before_request
def require_teacher():
    """Guard the whole blueprint, so a new route cannot forget it: anonymous → sign in, student → 403."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_teacher:
        abort(403)
    return None


def has_endpoint(endpoint: str) -> bool:
    """Whether a route exists, so templates can link to pages other blueprints may not have yet."""
    return endpoint in current_app.view_functions


@bp.record_once
def _template_helpers(state) -> None:
    app: Flask = state.app
    app.jinja_env.globals["has_endpoint"] = has_endpoint


from . import accounts, classes, compose, dashboard, quizzes  # noqa: E402,F401  (routes register on bp)
