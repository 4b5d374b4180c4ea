"""Who is asking: teachers and students through Flask-Login, CSRF on every POST (Flask-WTF).

Both are used as their documentation describes: CSRFProtect checks every POST and gives
templates ``csrf_token()``; Flask-Login loads the signed-in teacher or student with the user
loader below, once per request.
"""
import hmac

from flask import Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import Forbidden, NotFound

from ..services import sign_ins
from ..extensions import csrf, db, login_manager
from ..models import Student, Teacher


@login_manager.user_loader
def load_user(user_id: str):
    """Identities are "t:<id>:<password stamp>:<sign-in token>" for teachers and
    "s:<id>:<sign-in key>" for students ("s:<id>" for a student without a key yet)."""
    role, _, raw_id = (user_id or "").partition(":")
    if role == "t":
        teacher_id, _, rest = raw_id.partition(":")
        stamp, _, token = rest.partition(":")
        # A sign-in that was signed out or is too old has no live row (quizapp.sign_ins).
        teacher = sign_ins.load(int(teacher_id), token) if teacher_id.isdigit() and token else None
        # A session from before the last password change carries another stamp: signed out;
        # so is every session of a disabled teacher, at its next request.
        return (teacher if teacher is not None and teacher.active and hmac.compare_digest(teacher.session_stamp, stamp)
                else None)
    student_id, _, key = raw_id.partition(":")
    if role == "s" and student_id.isdigit():
        student = db.session.get(Student, int(student_id))
        # Signing out replaced the key, so a cookie from before names an old one (or none).
        return student if student is not None and hmac.compare_digest(student.sign_in_key or "", key) else None
    return None


def current_student() -> Student | None:
    """The signed-in student, or None.

    The model itself, not Flask-Login's proxy: looked up by id, it is the object the user
    loader put in this request's session (no second query).
    """
    if current_user.is_authenticated and current_user.is_student:
        return db.session.get(Student, current_user.id)
    return None


def student_record() -> Student | None:
    """The signed-in student, for code that changes the student (same as current_student)."""
    return current_student()


def current_teacher() -> Teacher | None:
    """The signed-in teacher as a plain model object (not the proxy), or None."""
    if current_user.is_authenticated and current_user.is_teacher:
        return db.session.get(Teacher, current_user.id)
    return None


def require_teacher():
    """Guard a whole blueprint (``bp.before_request(require_teacher)``), so a new route cannot
    forget it: anonymous visitors are sent to sign in, students get 403."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_teacher:
        raise TeachersOnly(_("This page is for teachers. You are signed in as a student; a teacher signs "
                             "in on this device after the student has signed out."))
    return None


class TeachersOnly(Forbidden):
    """A 403 whose description is the message shown to the student (see web.register_error_pages)."""

    show_description = True


class SignedOut(NotFound):
    """A student's page asked for by a browser where no student is signed in, e.g. after the
    student signed out on another device: a 404 like any page one may not see, whose message
    says how to sign in again, with a link to joining the class (see web.register_error_pages)."""

    show_description = True
    offer_join = True
    heading = _l("Not signed in")

    def __init__(self, description: str, come_back_to: str):
        super().__init__(description)
        self.come_back_to = come_back_to  # where joining the class again leads


def init_app(app: Flask) -> None:
    csrf.init_app(app)  # also offers csrf_token() to templates
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in as a teacher to open this page.")
    login_manager.login_message_category = "info"
    sign_ins.init_app(app)
