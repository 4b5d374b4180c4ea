"""Counters of tries (sign-ins, PINs, codes) per key and time window; quizapp.services.ratelimits uses them."""
from sqlalchemy import BigInteger, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class RateCount(db.Model):
    """How many tries a key made in its current window; the key is a keyed hash, never an email or address."""

    __tablename__ = "rate_counts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    tries: Mapped[int]
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)  # seconds since 1970: the end of the window

    __table_args__ = (CheckConstraint("tries >= 0", name="tries_not_negative"),)
