"""Teachers' sessions: begun at sign-in, ended on the server at sign-out, limited in time.

- A sign-in adds a row with a random token; the token is part of the identity that the session
  cookie and the remember-me cookie carry (Teacher.get_id). Signing out deletes the row, so a
  saved copy of either cookie no longer signs anyone in.
- No teacher session lasts longer than TEACHER_SESSION_HOURS after its sign-in (default 12),
  remember-me included; the user loader refuses an older one.
- A session unused for TEACHER_IDLE_MINUTES (default 60) is signed out at its next teacher
  page. The time of the last use lives in the signed session cookie, so reading a page never
  writes to the database. A remember-me cookie ("stay signed in") starts a new idle period.
Students keep long sessions: they have no password, and their name and PIN bring them back.
Their cookies carry the student's sign-in key (Student.get_id); signing out replaces the key,
so every earlier cookie of that student, copied or on another device, stops signing in, with
no statement added to any page (the user loader compares the key it reads anyway).
"""
import secrets
import time
from datetime import timedelta

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from ..extensions import db
from ..models import SignIn, Student, Teacher, utcnow

TEACHER_BLUEPRINTS = frozenset({"teacher", "authoring", "results"})
_SEEN = "teacher_seen"  # seconds since 1970 of the session's last teacher page
_SEEN_STEP = 60  # the cookie is rewritten at most once a minute


def _lifetime() -> timedelta:
    return timedelta(hours=float(current_app.config["TEACHER_SESSION_HOURS"]))


def begin(teacher: Teacher) -> None:
    """Start a sign-in for ``teacher`` (their expired ones go); the caller logs them in."""
    db.session.execute(db.delete(SignIn).where(SignIn.teacher_id == teacher.id,
                                               SignIn.started_at < utcnow() - _lifetime()))
    teacher.sign_in_token = secrets.token_urlsafe(32)
    db.session.add(SignIn(token=teacher.sign_in_token, teacher_id=teacher.id))
    db.session.commit()
    session[_SEEN] = int(time.time())


def end(teacher: Teacher) -> None:
    """End this sign-in on the server: its cookies, saved anywhere, stop working."""
    db.session.execute(db.delete(SignIn).where(SignIn.token == teacher.sign_in_token))
    db.session.commit()


def end_student(student: Student) -> None:
    """Sign the student out everywhere: a new key, so no earlier cookie names the current one."""
    student.end_sign_ins()
    db.session.commit()


def load(teacher_id: int, token: str) -> Teacher | None:
    """The teacher of a live sign-in (one statement), or None when it ended or expired."""
    teacher = db.session.execute(
        db.select(Teacher).join(SignIn, SignIn.teacher_id == Teacher.id)
        .where(Teacher.id == teacher_id, SignIn.token == token, SignIn.started_at >= utcnow() - _lifetime())
    ).scalar_one_or_none()
    if teacher is not None:
        teacher.sign_in_token = token
    return teacher


def sign_out_idle_teachers():
    """Before a teacher page: sign out a session that was idle too long, else note this use."""
    if request.blueprint not in TEACHER_BLUEPRINTS or not current_user.is_authenticated \
            or not current_user.is_teacher:
        return None
    now, seen = int(time.time()), session.get(_SEEN)
    idle = 60 * float(current_app.config["TEACHER_IDLE_MINUTES"])
    if seen is not None and now - seen > idle:
        end(current_user)
        session.clear()
        logout_user()  # after clear(): it notes in the session that the remember-me cookie must go
        flash(_("You were signed out after %(minutes)d minutes without activity. Please sign in again.",
                minutes=int(idle // 60)), "info")
        return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
    if seen is None or now - seen >= _SEEN_STEP:
        session[_SEEN] = now
    return None


def init_app(app: Flask) -> None:
    app.before_request(sign_out_idle_teachers)
