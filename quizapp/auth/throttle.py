"""Sign-in rate limiting, counted in the database so every worker and machine agrees."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func

from ..extensions import db
from ..models import LoginFailure, utcnow


def _window_start():
    return utcnow() - timedelta(seconds=current_app.config["LOGIN_RATE_WINDOW"])


def too_many_failures(email: str, remote_addr: str) -> bool:
    """Whether this email, or this address, failed too often within the window."""
    limit = current_app.config["LOGIN_RATE_LIMIT"]
    since = _window_start()
    by_email = db.session.scalar(db.select(func.count()).select_from(LoginFailure)
                                 .where(LoginFailure.email == email, LoginFailure.created_at >= since))
    by_addr = db.session.scalar(db.select(func.count()).select_from(LoginFailure)
                                .where(LoginFailure.remote_addr == remote_addr, LoginFailure.created_at >= since))
    # An address may serve a whole school behind NAT, so it gets a larger allowance.
    return by_email >= limit or by_addr >= limit * 10


def record_failure(email: str, remote_addr: str) -> None:
    db.session.add(LoginFailure(email=email or "-", remote_addr=remote_addr))
    db.session.execute(delete(LoginFailure).where(LoginFailure.created_at < _window_start()))
    db.session.commit()


def clear_failures(email: str) -> None:
    db.session.execute(delete(LoginFailure).where(LoginFailure.email == email))
    db.session.commit()
