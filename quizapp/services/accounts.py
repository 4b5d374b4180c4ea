"""Teacher accounts: create, disable and enable them, grant the administrator role, change
passwords; the one place that writes teachers (a reset link's password: password_reset.py).

Only administrators manage other accounts (the routes check it; these functions check it
again, so no caller can forget). An administrator cannot disable or demote themselves, so one
who can act always remains; the database refuses a disabled administrator as well.
Passwords reach this module in clear only to be hashed (Teacher.set_password, scrypt); they are
never logged or echoed in messages.
"""
import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..web.input_guard import unstorable_character
from ..models import Teacher
from .passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problem

__all__ = ["AccountError", "MAX_PASSWORD_LENGTH", "MIN_PASSWORD_LENGTH", "password_problem", "check_new_teacher",
           "create_teacher", "change_password", "set_active", "set_admin", "all_teachers", "teacher_by_email"]

# Deliberately loose: one @, no spaces, a dot in the domain. The mail server has the last word.
EMAIL_PATTERN = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"'.]+(\.[^@\s<>\"'.]+)+$")


@dataclass
class AccountError(Exception):
    field: str
    message: str

    def __str__(self) -> str:
        return self.message


def normalize_email(email: str | None) -> str:
    return (email or "").strip().lower()


def email_problem(email: str) -> str | None:
    if not email or len(email) > 254 or not EMAIL_PATTERN.match(email) or unstorable_character(email) is not None:
        return _("Please enter a valid email address, like name@school.ch.")
    return None


def email_taken(email: str) -> bool:
    return db.session.scalar(db.select(func.count()).select_from(Teacher)
                             .where(Teacher.email == normalize_email(email))) > 0


def check_new_teacher(email: str) -> str:
    """Return the normalized email or raise AccountError; lets the CLI fail before asking for a password."""
    email = normalize_email(email)
    if problem := email_problem(email):
        raise AccountError("email", problem)
    if email_taken(email):
        raise AccountError("email", _("A teacher with this email already exists."))
    return email


def _name_problem(name: str) -> str | None:
    if len(name) > 120:
        return _("At most %(count)d characters, please.", count=120)
    # The web refuses these for every form (input_guard); the CLI reaches this check directly.
    if unstorable_character(name) is not None:
        return _("The name contains control characters; please type it again.")
    return None


def create_teacher(email: str, name: str | None, password: str, is_admin: bool = False) -> Teacher:
    """Create a teacher account with a hashed password; raise AccountError on bad input."""
    email = check_new_teacher(email)
    name = " ".join((name or "").split()) or email.split("@")[0]
    if problem := _name_problem(name):
        raise AccountError("name", problem)
    if problem := password_problem(password, email, name):
        raise AccountError("password", problem)
    teacher = Teacher(email=email, name=name, is_admin=is_admin)
    teacher.set_password(password)
    db.session.add(teacher)
    try:
        db.session.commit()
    except IntegrityError:  # created by someone else a moment ago
        db.session.rollback()
        raise AccountError("email", _("A teacher with this email already exists.")) from None
    return teacher


def change_password(teacher: Teacher, current: str, new: str) -> None:
    """Replace the teacher's password after checking the current one."""
    if not teacher.check_password(current or ""):
        raise AccountError("current_password", _("The current password is wrong."))
    if problem := password_problem(new, teacher.email, teacher.name):
        raise AccountError("new_password", problem)
    teacher.set_password(new)
    db.session.commit()


def require_admin(acting: Teacher, target: Teacher) -> None:
    if not acting.is_admin or not acting.active:
        raise PermissionError("only an active administrator manages other accounts")
    if target.id == acting.id:
        raise AccountError("", _("You cannot change your own account here; another administrator can."))


def set_active(acting: Teacher, target: Teacher, active: bool) -> None:
    """Disable (sign-in refused, every session ends at its next request) or enable an account."""
    require_admin(acting, target)
    refused = AccountError("", _("%(name)s is an administrator: take the role away first.", name=target.name))
    if not active and target.is_admin:
        raise refused
    target.active = active
    try:
        db.session.commit()
    except IntegrityError:  # made an administrator by someone else a moment ago (ck_teachers_admin_is_active)
        db.session.rollback()
        raise refused from None


def set_admin(acting: Teacher | None, target: Teacher, is_admin: bool) -> None:
    """Grant or take away the administrator role; acting None is the operator's CLI."""
    if acting is not None:
        require_admin(acting, target)
    refused = AccountError("", _("%(name)s is disabled: enable the account first.", name=target.name))
    if is_admin and not target.active:
        raise refused
    target.is_admin = is_admin
    try:
        db.session.commit()
    except IntegrityError:  # disabled by someone else a moment ago (ck_teachers_admin_is_active)
        db.session.rollback()
        raise refused from None


def teacher_by_email(email: str) -> Teacher | None:
    return db.session.execute(db.select(Teacher).where(Teacher.email == normalize_email(email))).scalar_one_or_none()


def all_teachers() -> list[Teacher]:
    return list(db.session.execute(db.select(Teacher).order_by(Teacher.name, Teacher.email)).scalars())
