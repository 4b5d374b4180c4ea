"""Password-reset links an administrator issues for a teacher (there is no mail: the
administrator hands the link over), and setting a new password through one.

A link carries the teacher's id and their session stamp (Teacher.session_stamp, a keyed hash of
the password hash), signed with the app's secret key and timed. So it
- cannot be forged or altered (signature),
- expires after RESET_LINK_HOURS (24 by default),
- works once: setting the password changes the stamp, and the UPDATE only succeeds while the
  password hash is still the one the link was issued for (two tabs racing: one wins);
- dies too when the teacher changes their password themselves, or the secret key changes.
A new password changes the teacher's identity (Teacher.get_id): every session of theirs ends.
No table is needed, and nothing secret is stored. The token travels in the query string
(/auth/reset?token=…), which the request log leaves out.
"""
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import generate_password_hash

from .accounts import AccountError, require_admin
from ..extensions import db
from ..models import Teacher
from .passwords import password_problem

SALT = "quizapp.password-reset"


def link_lifetime() -> timedelta:
    return timedelta(hours=float(current_app.config["RESET_LINK_HOURS"]))


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=SALT)


def _invalid() -> AccountError:
    return AccountError("", _("This link is not valid (any more): it was used already, the password was changed "
                              "since, or it was copied incompletely. Ask an administrator for a new one."))


def issue_link(acting: Teacher, target: Teacher) -> str:
    """The absolute reset URL for target; only an administrator may ask, never for themselves."""
    require_admin(acting, target)
    if not target.active:
        raise AccountError("", _("%(name)s is disabled: enable the account first.", name=target.name))
    token = _serializer().dumps([target.id, target.session_stamp])
    return url_for("auth.reset_password", token=token, _external=True)


def teacher_for_token(token: str) -> Teacher:
    """The active teacher the link is for, or AccountError saying why it does not work."""
    try:
        teacher_id, stamp = _serializer().loads(token, max_age=link_lifetime().total_seconds())
    except SignatureExpired:
        raise AccountError("", _("This link has expired. Ask an administrator for a new one.")) from None
    except (BadSignature, ValueError, TypeError):
        raise _invalid() from None
    teacher = db.session.get(Teacher, teacher_id) if isinstance(teacher_id, int) else None
    if teacher is None or not isinstance(stamp, str) or teacher.session_stamp != stamp:
        raise _invalid()
    if not teacher.active:
        raise AccountError("", _("This account is disabled. Please ask an administrator."))
    return teacher


def reset_password(token: str, new_password: str) -> Teacher:
    """Set the teacher's new password through the link; raise AccountError if it cannot."""
    teacher = teacher_for_token(token)
    if problem := password_problem(new_password, teacher.email, teacher.name):
        raise AccountError("new_password", problem)
    old_hash = teacher.password_hash
    # Compare-and-set: of two uses of the same link at once, only one finds the old hash.
    changed = db.session.execute(
        db.update(Teacher).where(Teacher.id == teacher.id, Teacher.password_hash == old_hash)
        .values(password_hash=generate_password_hash(new_password))
        .execution_options(synchronize_session=False)).rowcount
    if changed != 1:  # the link was used a moment ago
        db.session.rollback()
        raise _invalid()
    db.session.commit()
    return teacher
