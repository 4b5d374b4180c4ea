"""Short codes people type: class join codes and quiz codes.

The alphabet leaves out 0/O and 1/I, which look alike on a projector or in handwriting, so a
code read aloud or copied from the board is typed right the first time.
"""
import secrets

from ..extensions import db
from .ratelimits import Limit, exhausted, network, reserve

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


# Codes that match nothing count against the address that typed them, so nobody can walk the
# code space for quizzes and classes that are not listed. The count is read before a lookup
# (a locked address learns nothing, not even from a right code) and a miss is recorded and
# counted in one statement; lookups that find something cost no write.
CODE_GUESSES = Limit("code miss address", "CODE_RATE_LIMIT", "CODE_RATE_WINDOW")


def code_guesses_exhausted(address: str) -> bool:
    """Whether this address typed too many codes that matched nothing in this window."""
    return exhausted(CODE_GUESSES, network(address))


def count_code_miss(address: str) -> bool:
    """Record a code that matched nothing; False when that was one too many (answer 429)."""
    return reserve((CODE_GUESSES, network(address))) is None
