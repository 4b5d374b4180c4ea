"""Teacher accounts: create them and change passwords; the one place that writes teachers.

Passwords reach this module in clear only to be hashed (Teacher.set_password, scrypt); they are
never logged or echoed in messages.
"""
import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from .extensions import db
from .models import Teacher

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
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
    if not email or len(email) > 254 or not EMAIL_PATTERN.match(email):
        return _("Please enter a valid email address, like name@school.ch.")
    return None


def password_problem(password: str | None) -> str | None:
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        return _("The password needs at least %(count)d characters.", count=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return _("The password may have at most %(count)d characters.", count=MAX_PASSWORD_LENGTH)
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


def create_teacher(email: str, name: str | None, password: str) -> Teacher:
    """Create a teacher account with a hashed password; raise AccountError on bad input."""
    email = check_new_teacher(email)
    name = " ".join((name or "").split()) or email.split("@")[0]
    if len(name) > 120:
        raise AccountError("name", _("At most %(count)d characters, please.", count=120))
    if problem := password_problem(password):
        raise AccountError("password", problem)
    teacher = Teacher(email=email, name=name)
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
    if problem := password_problem(new):
        raise AccountError("new_password", problem)
    teacher.set_password(new)
    db.session.commit()


def all_teachers() -> list[Teacher]:
    return list(db.session.execute(db.select(Teacher).order_by(Teacher.name, Teacher.email)).scalars())
