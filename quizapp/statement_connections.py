"""The connection for statements that stand alone, outside the ORM session, kept per thread.

For the attempt pages: reads of rows that never change once written, and the submit's one
guarded UPDATE. Without the session they skip its bookkeeping (a session per request cost
about as much as the query). On PostgreSQL they run in autocommit, which saves the BEGIN
and ROLLBACK round trips around each query; SQLite begins no transaction for a read anyway,
and a write there is committed with ``connection.commit()``.

Each thread keeps its connection from one request to the next: taking it from the pool,
switching it to autocommit and handing it back cost about 60 µs a request on PostgreSQL,
a tenth of a student page. A connection that idled is tested before use, as the pool tests
its own (quizapp.database); one that a request left failed or inside a transaction is
closed, and the next request takes a new one. So besides its pool, a worker holds one such
connection per thread (see DATABASE_POOL_SIZE in the README).
"""
import threading
import time

from flask import Flask, current_app, g
from sqlalchemy.engine import Connection, Engine

from .database import answers_ping, ping_after_idle_seconds
from .extensions import db

_MAX_ENGINES = 4  # one database in production; a test run makes many


class _Held(threading.local):
    def __init__(self):
        self.connections: dict[Engine, list] = {}  # engine -> [connection, when last used]


_held = _Held()


def statement_connection() -> Connection:
    """This request's connection for standalone statements (see the module's description)."""
    connection = g.get("_quizapp_connection")
    if connection is None:
        connection = g._quizapp_connection = _take(db.engine)
    return connection


def _take(engine: Engine) -> Connection:
    held = _held.connections.get(engine)
    if held is not None:
        if _usable(engine, *held):
            return held[0]
        _discard(engine)
    if len(_held.connections) >= _MAX_ENGINES:
        for stale in list(_held.connections):
            _discard(stale)
    connection = engine.connect()
    if connection.dialect.name != "sqlite":
        connection.execution_options(isolation_level="AUTOCOMMIT")
    _held.connections[engine] = [connection, time.monotonic()]
    return connection


def _usable(engine: Engine, connection: Connection, last_used: float) -> bool:
    if connection.closed or connection.invalidated:
        return False
    idle_seconds = ping_after_idle_seconds(current_app)
    if engine.dialect.name == "sqlite" or idle_seconds is None or time.monotonic() - last_used < idle_seconds:
        return True
    if answers_ping(engine, connection.connection.dbapi_connection):
        return True
    connection.invalidate()  # cut while idle (a database restart, a failover): never pooled again
    return False


def _discard(engine: Engine) -> None:
    connection, _ = _held.connections.pop(engine)
    connection.close()  # back to the pool, which resets it, or drops it if it is dead


def _left_clean(connection: Connection) -> bool:
    """No failed transaction and, on SQLite, no write begun but not committed."""
    transaction = connection.get_transaction()
    if transaction is not None and not transaction.is_active:
        return False
    return not getattr(connection.connection.driver_connection, "in_transaction", False)


def _release(error: BaseException | None = None) -> None:
    connection = g.pop("_quizapp_connection", None)
    if connection is None:
        return
    held = _held.connections.get(connection.engine)
    if held is None or held[0] is not connection:
        connection.close()
    elif error is not None or connection.invalidated or not _left_clean(connection):
        _discard(connection.engine)
    else:
        held[1] = time.monotonic()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_release)
