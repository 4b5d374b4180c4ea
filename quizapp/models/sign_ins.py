"""A teacher's sign-ins: one row per signed-in browser, so that signing out ends that session
on the server too (a replayed cookie finds no row) and no session outlives its lifetime."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .timeutil import utcnow


class SignIn(db.Model):
    __tablename__ = "sign_ins"

    token: Mapped[str] = mapped_column(String(43), primary_key=True)  # secrets.token_urlsafe(32)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
