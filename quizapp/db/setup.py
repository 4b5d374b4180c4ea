"""Database wiring: engine settings per database, migrations, and the schema check at startup.

At startup the app compares the database's Alembic revision with the migrations it ships.
On SQLite (the zero-setup default) it upgrades by itself, unless AUTO_UPGRADE_SQLITE is off;
on any other database it refuses to start and names the command to run. `flask db ...`
commands skip the check, since they are how an old schema gets upgraded.
"""
import fcntl
import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

from ..extensions import db, migrate

MIGRATIONS_DIR = "migrations"
UPGRADE_COMMAND = "flask --app quizapp db upgrade"


class SchemaOutOfDate(RuntimeError):
    """The database's schema does not match this code; the message says what to do."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers and one writer work at once (several gunicorn workers); the busy
    # timeout makes a writer wait instead of failing; SQLite enforces FKs only when asked.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _engine_options(app: Flask) -> dict:
    """Per-database engine options on top of SQLALCHEMY_ENGINE_OPTIONS (copied, never mutated)."""
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql"):
        # A dead server should fail /healthz in seconds, not after the OS's TCP timeout.
        options["connect_args"] = {"connect_timeout": 5, **options.get("connect_args", {})}
        # Every use, or only after idling (see _ping_after_idle); SQLAlchemy's own pre-ping is the former.
        options.setdefault("pool_pre_ping", ping_after_idle_seconds(app) == 0)
        # Each worker keeps at most 2 × DATABASE_POOL_SIZE connections: size the pool so that
        # workers × that stays below the server's max_connections.
        size = int(app.config.get("DATABASE_POOL_SIZE") or 5)
        options.setdefault("pool_size", size)
        options.setdefault("max_overflow", size)
    return options


def ping_after_idle_seconds(app: Flask) -> float | None:
    """Seconds a connection may idle before it is tested; None: never tested."""
    if not app.config.get("DATABASE_PRE_PING", True):
        return None
    return max(0.0, float(app.config.get("DATABASE_PING_AFTER_IDLE", 1.0)))


def _ping_after_idle(engine: Engine, idle_seconds: float) -> None:
    """Test a pooled connection before use if it sat unused for ``idle_seconds`` or more.

    SQLAlchemy's pool_pre_ping tests before every use, a round trip that cost a tenth of a
    PostgreSQL page. A connection used a moment ago is alive; one that idled may have been
    cut by a database restart, a failover or a firewall, and a dead one is replaced (the
    pool's DisconnectionError protocol) before any request sees it. Only a restart under
    continuous load can still fail a request, one per worker, after which SQLAlchemy
    replaces that worker's whole pool.
    """
    @event.listens_for(engine, "checkin")
    def note_idle(_dbapi_connection, record) -> None:
        record.info["quizapp_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping_if_idle(dbapi_connection, record, _proxy) -> None:
        since = record.info.get("quizapp_idle_since")  # None: connected just now
        if since is None or time.monotonic() - since < idle_seconds:
            return
        if not answers_ping(engine, dbapi_connection):
            raise DisconnectionError("the pooled connection is gone")


def answers_ping(engine: Engine, dbapi_connection) -> bool:
    """Whether the database still answers on this connection (False once it was cut)."""
    try:
        engine.dialect.do_ping(dbapi_connection)
    except engine.dialect.loaded_dbapi.Error:
        return False
    return True


def alembic_config():
    """The Alembic config Flask-Migrate uses; call inside an app context."""
    config = migrate.get_config()
    config.attributes["configure_logger"] = False  # keep the app's logging as it is
    return config


def schema_revisions() -> tuple[set[str], set[str], bool]:
    """Return (the database's revisions, the code's head revisions, whether tables exist)."""
    with db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
        has_tables = bool(inspect(connection).get_table_names())
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    return current, heads, has_tables


@contextmanager
def _sqlite_migration_lock(engine: Engine):
    """Let one process upgrade a SQLite file while others (workers, servers) wait."""
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


@contextmanager
def write_lock():
    """Hold this around a busy write transaction: on SQLite, writers queue on an OS lock.

    SQLite admits one writer at a time and makes the others poll with growing sleeps (1, 2,
    5 … 100 ms), which under a class submitting at once wastes most of the time; a blocking
    file lock wakes the next writer the moment the last one commits. Elsewhere a no-op.
    """
    engine = db.engine
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    handle = _lock_handle(f"{database}.write-lock")
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)


_lock_files = threading.local()


def _lock_handle(path: str):
    """This thread's own open lock file: flock excludes open files, so threads must not share
    one; and opening it for every submit cost more than the lock."""
    handles = getattr(_lock_files, "handles", None)
    if handles is None:
        handles = _lock_files.handles = {}
    handle = handles.get(path)
    if handle is None:
        if len(handles) >= 4:  # one database in production; many in a test run
            for stale in handles.values():
                stale.close()
            handles.clear()
        handle = handles[path] = open(path, "a")  # noqa: SIM115 (kept open for later writes)
    return handle


def _problem(current: set[str], heads: set[str], has_tables: bool, engine: Engine) -> str:
    if not current and has_tables:
        fresh = (f"delete {engine.url.database} to start afresh" if engine.dialect.name == "sqlite"
                 else "otherwise start from an empty database")
        return ("The database has tables but no migration history (made by db.create_all()?). "
                "If they match the current models, record that with `flask --app quizapp db stamp head`; "
                f"{fresh}.")
    if current - _known_revisions():
        return (f"The database is at revision {', '.join(sorted(current))}, which this code does not know: "
                "it was migrated by a newer release. Deploy that release or restore a matching backup.")
    at = ", ".join(sorted(current)) or "an empty database"
    return (f"The database schema is out of date ({at}; this code needs {', '.join(sorted(heads))}). "
            f"Run: {UPGRADE_COMMAND}")


def check_schema(app: Flask) -> None:
    """Upgrade a SQLite database if allowed, else raise SchemaOutOfDate unless it is current."""
    with app.app_context():
        engine = db.engine
        try:
            current, heads, has_tables = schema_revisions()
            if current == heads:
                return
            if (engine.dialect.name == "sqlite" and app.config["AUTO_UPGRADE_SQLITE"]
                    and (current or not has_tables)):
                with _sqlite_migration_lock(engine):
                    current, heads, has_tables = schema_revisions()  # another process may have done it
                    if current != heads and not (current - _known_revisions()):
                        app.logger.warning("Upgrading the SQLite database schema to %s", ", ".join(heads))
                        command.upgrade(alembic_config(), "heads")
                    current, heads, has_tables = schema_revisions()
                if current == heads:
                    return
            raise SchemaOutOfDate(_problem(current, heads, has_tables, engine))
        finally:
            # Workers fork after this (gunicorn preload): they must not inherit open connections.
            engine.dispose()


def running_migration_command(argv: list[str] | None = None) -> bool:
    """Whether this process is `flask ... db ...`, which has to work on an outdated schema."""
    if os.environ.get("FLASK_RUN_FROM_CLI") != "true":
        return False
    args = list(sys.argv[1:] if argv is None else argv)
    while args:
        token = args.pop(0)
        if token in ("-A", "--app", "-e", "--env-file"):
            args = args[1:]
        elif not token.startswith("-"):
            return token == "db"
    return False


def init_app(app: Flask) -> None:
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = _engine_options(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / MIGRATIONS_DIR),
                     render_as_batch=True)
    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        elif (idle_seconds := ping_after_idle_seconds(app)):  # 0 and None: see _engine_options
            _ping_after_idle(engine, idle_seconds)
    if app.config["SCHEMA_CHECK"] and not running_migration_command():
        check_schema(app)
