"""Teachers (administrators among them, disabled ones kept), their classrooms and students."""
import hashlib
import hmac
import secrets
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from .timeutil import utcnow


def new_sign_in_key() -> str:
    return secrets.token_urlsafe(32)  # 43 characters


class Teacher(UserMixin, db.Model):
    __tablename__ = "teachers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Administrators create, disable and reset the accounts of others (quizapp/services/accounts.py).
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=false())
    # A disabled teacher cannot sign in and their sessions end; their classes and quizzes stay.
    active: Mapped[bool] = mapped_column(default=True, server_default=true())

    classrooms: Mapped[list["Classroom"]] = relationship(back_populates="teacher", order_by="Classroom.name")

    # An administrator cannot be disabled: take the role away first, so one always can act.
    __table_args__ = (CheckConstraint("active OR NOT is_admin", name="admin_is_active"),)

    is_teacher = True
    is_student = False

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses login_user() for an inactive user; load_user drops their sessions."""
        return self.active

    # The sign-in this object was loaded for (quizapp.services.sign_ins); not a column.
    sign_in_token: str = ""

    def get_id(self) -> str:
        # The password's stamp and the sign-in's token are part of the id that sessions and
        # remember-me cookies keep: a new password ends every other session, which still
        # carries the old stamp, and signing out deletes the token's row.
        return f"t:{self.id}:{self.session_stamp}:{self.sign_in_token}"

    @property
    def session_stamp(self) -> str:
        """Changes with the password; keyed, so the cookie tells nothing about the hash."""
        key = current_app.secret_key.encode() if isinstance(current_app.secret_key, str) else current_app.secret_key
        return hmac.new(key, self.password_hash.encode(), hashlib.sha256).hexdigest()[:20]

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)  # scrypt, werkzeug's current default

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class Classroom(db.Model):
    __tablename__ = "classrooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    teacher: Mapped[Teacher] = relationship(back_populates="classrooms")
    students: Mapped[list["Student"]] = relationship(back_populates="classroom", order_by="Student.display_name")

    __table_args__ = (UniqueConstraint("teacher_id", "name"),)


class Student(UserMixin, db.Model):
    """A learner known by a display name, optionally in a classroom; no email needed."""

    __tablename__ = "students"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(80))
    classroom_id: Mapped[int | None] = mapped_column(ForeignKey("classrooms.id", ondelete="SET NULL"), index=True)
    pin_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Part of the identity every session and remember-me cookie of this student carries
    # (get_id); signing out replaces it, so no earlier cookie, copied or on another device,
    # signs in again (quizapp.services.sign_ins). NULL only for students from before it existed,
    # whose cookies carry no key until they sign out once.
    sign_in_key: Mapped[str | None] = mapped_column(String(43), default=new_sign_in_key)

    classroom: Mapped[Classroom | None] = relationship(back_populates="students")

    # Within a class a name identifies a student; without a class names may repeat.
    __table_args__ = (UniqueConstraint("classroom_id", "display_name"),)

    is_teacher = False
    is_student = True

    def get_id(self) -> str:
        return f"s:{self.id}:{self.sign_in_key}" if self.sign_in_key else f"s:{self.id}"

    def end_sign_ins(self) -> None:
        """A new sign-in key: every cookie issued before names the old one and signs nobody in."""
        self.sign_in_key = new_sign_in_key()

    def set_pin(self, pin: str | None) -> None:
        self.pin_hash = generate_password_hash(pin) if pin else None

    def check_pin(self, pin: str) -> bool:
        return bool(self.pin_hash) and check_password_hash(self.pin_hash, pin)

