"""Rate limits counted in the database, atomically, so every worker and machine agrees.

A ``Limit`` allows so many tries per key (an account, an address, a pair of both) in a
window of so many seconds that begins with the key's first try. ``reserve`` records a try
under each key and reads the new counts in one transaction, before the secret is checked: ``INSERT … ON CONFLICT DO UPDATE … RETURNING``
adds and counts in one statement and locks the counter row until the commit (on SQLite the
transaction holds the database's write lock), so 20 parallel tries with a limit of 5 get at
most 5 answers and 15 refusals, never more. A refused try is rolled back: it counts nowhere,
so tries that were never checked cannot lock anyone out for longer.

Keys are stored as an HMAC of the scope and the identifier with the app's SECRET_KEY, so the
table never holds an email or an address. Flask-Limiter could keep these counters in Redis or
Memcached, but not in SQL, which is all a SQLite or plain PostgreSQL deployment has.
"""
import hashlib
import hmac
import ipaddress
import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import case, delete, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..extensions import db
from ..models import RateCount


@dataclass(frozen=True)
class Limit:
    """A scope's allowance: config keys for the number of tries and the window's seconds."""

    scope: str
    tries_setting: str
    window_setting: str

    @property
    def tries(self) -> int:
        return current_app.config[self.tries_setting]

    @property
    def seconds(self) -> int:
        return max(1, int(current_app.config[self.window_setting]))


@dataclass(frozen=True)
class Refusal:
    limit: Limit
    retry_after: int  # seconds until the refusing window ends


def key(limit: Limit, identifier: str) -> str:
    """The stored key of ``identifier`` under ``limit``: a keyed hash, not the identifier."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, f"{limit.scope}\0{identifier}".encode(), hashlib.sha256).hexdigest()


def network(address: str) -> str:
    """The unit an address is counted by: an IPv4 address, or an IPv6 /64 (one household or
    device usually holds a whole /64, so counting single IPv6 addresses would count nothing)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:  # ::ffff:192.0.2.7 is 192.0.2.7
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def _insert():
    return postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert


def reserve(*tries: tuple[Limit, str]) -> Refusal | None:
    """Count one try under each (limit, identifier), in order, in one transaction.

    A key's window begins with its first try and lasts the limit's seconds; the next try after
    it begins a new one. Returns None when every count stays within its allowance (the tries
    stay recorded), else the first refusal; then nothing is recorded. Every caller names its
    limits in the same order of scopes, so two transactions never wait for each other's rows
    crosswise. Call it with nothing else pending in the session: a refusal rolls back.
    """
    insert = _insert()
    now = int(time.time())
    fresh_window = False
    for limit, identifier in tries:
        ended = RateCount.expires_at <= now
        statement = insert(RateCount).values(key=key(limit, identifier), tries=1, expires_at=now + limit.seconds)
        statement = statement.on_conflict_do_update(index_elements=[RateCount.key], set_={
            "tries": case((ended, 1), else_=RateCount.tries + 1),
            "expires_at": case((ended, now + limit.seconds), else_=RateCount.expires_at),
        }).returning(RateCount.tries, RateCount.expires_at)
        count, expires_at = db.session.execute(statement).one()
        if count > limit.tries:
            db.session.rollback()
            return Refusal(limit, max(1, expires_at - now))
        fresh_window = fresh_window or count == 1
    if fresh_window:  # a new window began: drop the ended ones while we are writing anyway
        db.session.execute(delete(RateCount).where(RateCount.expires_at <= now))
    db.session.commit()
    return None


def exhausted(limit: Limit, identifier: str) -> bool:
    """Whether ``identifier`` has used up ``limit`` in its current window (a read, records nothing)."""
    count = db.session.scalar(db.select(RateCount.tries).where(
        RateCount.key == key(limit, identifier), RateCount.expires_at > int(time.time())))
    return (count or 0) >= limit.tries


def release(clear: tuple[tuple[Limit, str], ...] = (), give_back: tuple[tuple[Limit, str], ...] = ()) -> None:
    """After a right answer: forget ``clear``'s counts, and take back this one try from ``give_back``."""
    for limit, identifier in clear:
        db.session.execute(delete(RateCount).where(RateCount.key == key(limit, identifier)))
    for limit, identifier in give_back:
        db.session.execute(update(RateCount).where(
            RateCount.key == key(limit, identifier), RateCount.expires_at > int(time.time()), RateCount.tries > 0,
        ).values(tries=RateCount.tries - 1))
    db.session.commit()
