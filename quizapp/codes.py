"""Short codes people type: class join codes and quiz codes.

The alphabet leaves out 0/O and 1/I, which look alike on a projector or in handwriting, so a
code read aloud or copied from the board is typed right the first time.
"""
import secrets

from .extensions import db

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6  # 32**6 ≈ 10**9 codes: guessing one is hopeless, typing one is easy
_TRIES = 20


def random_code(length: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalize_code(text: str | None) -> str:
    """What a person typed, as stored: upper case, without spaces or dashes."""
    return "".join((text or "").split()).replace("-", "").upper()


def unused_code(column, length: int = CODE_LENGTH) -> str:
    """A random code not yet stored in ``column``; the unique constraint still has the last word."""
    for _ in range(_TRIES):
        code = random_code(length)
        if db.session.scalar(db.select(column).where(column == code).limit(1)) is None:
            return code
    raise RuntimeError("no free code found; the code space is exhausted")
