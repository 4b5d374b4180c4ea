"""Who is asking: teachers and students through Flask-Login, CSRF on every POST.

A signed-in student is held as a StudentIdentity, three plain columns read with one Core
query, not as an ORM Student: the quiz, submit and result pages are the busiest requests,
and loading the ORM object cost about a fifth of such a request. Code that changes a student
(joining a class) loads the model with student_record().
"""
import hmac
from functools import wraps

from flask import Flask, abort, current_app, g, session
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin, current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import bindparam, select

from . import holes
from .csrf import FIELD as _CSRF_FIELD, remember_verified
from .extensions import csrf, db, login_manager
from .lru import app_cache
from .models import Classroom, Student, Teacher




class StudentIdentity(UserMixin):
    """The signed-in student as Flask-Login and the templates see it (read-only)."""

    is_teacher = False
    is_student = True
    __slots__ = ("id", "display_name", "classroom_id", "_classroom")

    def __init__(self, id: int, display_name: str, classroom_id: int | None):
        self.id, self.display_name, self.classroom_id = id, display_name, classroom_id
        self._classroom = None

    def get_id(self) -> str:
        return f"s:{self.id}"

    @property
    def classroom(self) -> Classroom | None:
        """The student's class, loaded only by the pages that show it."""
        if self._classroom is None and self.classroom_id is not None:
            self._classroom = db.session.get(Classroom, self.classroom_id)
        return self._classroom


STUDENT_COLUMNS = (Student.id, Student.display_name, Student.classroom_id)
_STUDENT = select(*STUDENT_COLUMNS).where(Student.id == bindparam("student_id"))


def preload_student(row) -> None:
    """Hand the student columns a page already read (id, display_name, classroom_id) to
    Flask-Login, so identifying the signed-in student costs no query of its own.

    When the signed session names exactly this student, the request's user is set at once:
    it is what Flask-Login's loader would give (load_user below), without running its
    machinery, which cost a twentieth of a student page. Otherwise the loader runs as usual
    and takes the row only if the ids match.
    """
    row = tuple(row)
    if signed_in_student_id() == row[0]:
        login_manager._update_request_context_with_user(StudentIdentity(*row))
    else:
        g._quizapp_student_row = row


@login_manager.user_loader
def load_user(user_id: str):
    """Identities are "t:<id>:<password stamp>" for teachers and "s:<id>" for students."""
    role, _, raw_id = (user_id or "").partition(":")
    if role == "t":
        teacher_id, _, stamp = raw_id.partition(":")
        teacher = db.session.get(Teacher, int(teacher_id)) if teacher_id.isdigit() else None
        # A session from before the last password change carries another stamp: signed out;
        # so is every session of a disabled teacher, at its next request.
        return (teacher if teacher is not None and teacher.active and hmac.compare_digest(teacher.session_stamp, stamp)
                else None)
    if role != "s" or not raw_id.isdigit():
        return None
    row = g.get("_quizapp_student_row")
    if row is None or row[0] != int(raw_id):
        row = db.session.connection().execute(_STUDENT, {"student_id": int(raw_id)}).first()
    return StudentIdentity(*row) if row is not None else None


def current_student() -> StudentIdentity | Student | None:
    """The signed-in student (an identity, or the model right after login_user), or None."""
    user = current_user._get_current_object()
    return user if user.is_authenticated and user.is_student else None


def signed_in_student_id() -> int | None:
    """The student id the signed session cookie names, without loading the student.

    Only where the id is checked against the database: by the submit's guarded UPDATE
    (quizapp.attempts.submit_posted) or against a row just read (preload_student);
    everything else asks current_student(). None when the session names no student (signed
    in by a remember-me cookie alone, say) or when "strong" session protection must first
    compare the client: then the caller takes current_student()'s way.
    """
    if current_app.config.get("SESSION_PROTECTION", login_manager.session_protection) == "strong":
        return None
    role, _, raw_id = str(session.get("_user_id", "")).partition(":")
    return int(raw_id) if role == "s" and raw_id.isdigit() else None


def student_record() -> Student | None:
    """The signed-in student as an ORM model, for code that changes the student."""
    student = current_student()
    return db.session.get(Student, student.id) if student is not None else None


def current_teacher() -> Teacher | None:
    """The signed-in teacher as a plain model object (not the proxy), or None."""
    user = current_user._get_current_object()
    return user if user.is_authenticated and user.is_teacher else None


def csrf_token() -> str:
    """Flask-WTF's CSRF token, signed once per session token in each worker.

    Tokens do not expire (WTF_CSRF_TIME_LIMIT is None: the session bounds them), so the time
    in a signature does not matter and an earlier signature of the same session token is as
    valid as a new one; signing anew cost a tenth of a student page.
    """
    if holes.rendering_shared():
        return holes.TOKEN
    raw = session.get(_CSRF_FIELD)
    if raw is None or current_app.config.get("WTF_CSRF_TIME_LIMIT") is not None:
        return generate_csrf()
    cache = app_cache("csrf", 20_000)
    signed = cache.get(raw)
    if signed is None:
        signed = generate_csrf()
        cache.put(raw, signed)
        remember_verified(signed, raw)
    else:
        setattr(g, _CSRF_FIELD, signed)  # where Flask-WTF looks first, so forms use it too
    return signed


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
    # Instead of Flask-WTF's generate_csrf, which it offers both ways; a later context
    # processor wins, and one rendering of a shared page must get the marker, never a token.
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in as a teacher to open this page.")
    login_manager.login_message_category = "info"
