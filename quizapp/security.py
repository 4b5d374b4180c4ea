"""Who is asking: teachers and students through Flask-Login, CSRF on every POST."""
from functools import wraps

from flask import Flask, abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .extensions import csrf, db, login_manager
from .models import Student, Teacher


@login_manager.user_loader
def load_user(user_id: str):
    """Identities are "t:<id>" for teachers and "s:<id>" for students."""
    role, _, raw_id = (user_id or "").partition(":")
    if not raw_id.isdigit():
        return None
    model = {"t": Teacher, "s": Student}.get(role)
    return db.session.get(model, int(raw_id)) if model else None


def current_student() -> Student | None:
    """The signed-in student as a plain model object (not the proxy), or None."""
    user = current_user._get_current_object()
    return user if user.is_authenticated and user.is_student else None


def current_teacher() -> Teacher | None:
    """The signed-in teacher as a plain model object (not the proxy), or None."""
    user = current_user._get_current_object()
    return user if user.is_authenticated and user.is_teacher else None


def teacher_required(view):
    """Send anonymous visitors to sign in; refuse students."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_teacher:
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in as a teacher to open this page.")
    login_manager.login_message_category = "info"
