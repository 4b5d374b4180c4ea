"""The attempt pages' statements, run on the DB-API cursor: the read and the submit's UPDATE.

Connection.execute spends about 65 µs of Python per call setting up its execution context,
parameters and result: on PostgreSQL about as much as the driver's own work and the round
trip together, and on SQLite more than the UPDATE of a submit. DirectStatement lets
SQLAlchemy compile the statement once per dialect, then runs it on the connection's DB-API
cursor itself, keeping what SQLAlchemy's way does for such a statement:

- the bound parameters' processors (JSON, datetimes on SQLite) and the values the statement
  binds itself;
- the column types' result processors (SQLite returns datetimes and booleans as text and
  integers), worked out from the first result's description as SQLAlchemy does;
- the before/after_cursor_execute events, so statement counters see it (listeners registered
  with ``retval=True`` cannot change the statement here);
- disconnect handling: an error that means the connection is gone invalidates it, and every
  driver error is raised as SQLAlchemy's DBAPIError, as Connection.execute raises it.

SQLAlchemy does not see these statements begin a transaction: a write is committed with
``commit(connection)``, on the driver's connection.
"""
from dataclasses import dataclass
from typing import Any, Callable
from weakref import WeakKeyDictionary

from sqlalchemy import exc
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql import Executable


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]  # the bound parameters, in the order of a positional paramstyle
    positional: bool
    defaults: dict[str, Any]  # the values bound in the statement itself
    bind_processors: tuple[tuple[str, Callable], ...]


class DirectStatement:
    """A prebuilt statement: ``first`` returns a SELECT's first row, ``rowcount`` a write's count."""

    def __init__(self, statement: Executable):
        self.statement = statement
        # Per dialect object, not class: an engine's processors use its own settings (its
        # json_serializer among them), as SQLAlchemy keeps them per dialect.
        self._compiled: WeakKeyDictionary[Dialect, _Compiled] = WeakKeyDictionary()
        self._processors: WeakKeyDictionary[Dialect, tuple] = WeakKeyDictionary()  # per result column

    def first(self, connection: Connection, parameters: dict[str, Any]) -> tuple | None:
        """The first row as a tuple of Python values, or None."""
        row, processors = self._run(connection, parameters, fetch=True)
        if row is None:
            return None
        return tuple(value if process is None or value is None else process(value)
                     for value, process in zip(row, processors))

    def rowcount(self, connection: Connection, parameters: dict[str, Any]) -> int:
        """Run a write; the number of rows it matched. Commit it with ``commit(connection)``."""
        return self._run(connection, parameters, fetch=False)

    def _run(self, connection: Connection, parameters: dict[str, Any], fetch: bool):
        dialect = connection.dialect
        compiled = self._compiled.get(dialect) or self._compile(dialect)
        values = {**compiled.defaults, **parameters}
        for name, process in compiled.bind_processors:
            values[name] = process(values[name])
        bound = tuple(values[name] for name in compiled.names) if compiled.positional else values
        dbapi_connection = connection.connection.dbapi_connection
        cursor = None
        try:
            cursor = dbapi_connection.cursor()
            connection.dispatch.before_cursor_execute(connection, cursor, compiled.sql, bound, None, False)
            cursor.execute(compiled.sql, bound)
            connection.dispatch.after_cursor_execute(connection, cursor, compiled.sql, bound, None, False)
            if not fetch:
                return cursor.rowcount
            row = cursor.fetchone()
            return row, self._processors.get(dialect) or self._result_processors(dialect, cursor.description)
        except dialect.loaded_dbapi.Error as error:
            raise _as_sqlalchemys(error, connection, cursor, compiled.sql, bound) from error
        finally:
            if cursor is not None:
                cursor.close()

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect)
        processors, defaults = [], {}
        for name, bind in compiled.binds.items():
            if bind.expanding or bind.callable is not None:
                raise ValueError("DirectStatement takes no expanding (IN list) or callable parameters")
            if not bind.required:
                defaults[name] = bind.value
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                processors.append((name, process))
        made = _Compiled(compiled.string, tuple(compiled.positiontup or ()), dialect.positional, defaults,
                         tuple(processors))
        self._compiled[dialect] = made
        return made

    def _result_processors(self, dialect: Dialect, description) -> tuple:
        columns = list(self.statement.selected_columns)
        processors = tuple(column.type.dialect_impl(dialect).result_processor(dialect, entry[1])
                           for column, entry in zip(columns, description, strict=True))
        self._processors[dialect] = processors
        return processors


def commit(connection: Connection) -> None:
    """Commit what direct statements wrote (a no-op in autocommit), on the driver's connection."""
    try:
        connection.connection.dbapi_connection.commit()
    except connection.dialect.loaded_dbapi.Error as error:
        raise _as_sqlalchemys(error, connection, None, None, None) from error


def _as_sqlalchemys(error: Exception, connection: Connection, cursor, sql: str | None, parameters) -> Exception:
    """What Connection.execute would raise for this driver error, after invalidating a lost connection."""
    dialect = connection.dialect
    gone = dialect.is_disconnect(error, connection.connection.dbapi_connection, cursor)
    if gone:
        connection.invalidate(error)
    return exc.DBAPIError.instance(sql, parameters, error, dialect.loaded_dbapi.Error,
                                   connection_invalidated=gone, dialect=dialect)
