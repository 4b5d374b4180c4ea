"""Backup and restore of everything quizapp stores, as one versioned JSON-lines document.

`flask --app quizapp export-all FILE` writes every row of every table (articles with their
passages, questions with all versions, quizzes with their questions and classes, classes,
teachers with their password hashes, students, attempts, responses) from one consistent
snapshot; `import-all FILE` writes them into an empty database of the same schema, in one
transaction: all rows or none. Ids are kept, so links between rows stay as they were.

The document: line 1 is the header (format, version, schema revision, each table's columns),
then one line per row, `[table, [values in column order]]`, tables in foreign-key order, and
a last line `{"end": {table: row count}}` that tells a complete file from a cut one.
Timestamps are ISO 8601 (naive UTC, as stored); a JSON column's value is wrapped in a
one-element list, so SQL NULL (null) and a stored JSON null ([null]) stay apart.
Left out: rate-limit counts and teachers' sign-ins (LEFT_OUT), which only matter for hours: after a restore everyone signs in again.
"""
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO

from alembic.runtime.migration import MigrationContext
from flask_babel import gettext as _, ngettext
from sqlalchemy import JSON, Column, Date, DateTime, Integer, Table, func, inspect, null, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db

FORMAT = "quizapp-backup"
VERSION = 1
LEFT_OUT = frozenset({"rate_counts", "sign_ins"})
BATCH = 500


class BackupError(Exception):
    """The file cannot be written or read back; the message says why and what to do."""


# What a row of each table is, counted in the operator's language ("1 class", "3 Klassen"), in the order
# a summary reads best: people, content, results. Every table of a backup has an entry (tests check).
ROW_COUNTS = {
    "teachers": lambda n: ngettext("%(num)d teacher", "%(num)d teachers", n),
    "classrooms": lambda n: ngettext("%(num)d class", "%(num)d classes", n),
    "students": lambda n: ngettext("%(num)d student", "%(num)d students", n),
    "articles": lambda n: ngettext("%(num)d article", "%(num)d articles", n),
    "passages": lambda n: ngettext("%(num)d passage", "%(num)d passages", n),
    "questions": lambda n: ngettext("%(num)d question", "%(num)d questions", n),
    "question_versions": lambda n: ngettext("%(num)d question version", "%(num)d question versions", n),
    "quizzes": lambda n: ngettext("%(num)d quiz", "%(num)d quizzes", n),
    "quiz_questions": lambda n: ngettext("%(num)d question in a quiz", "%(num)d questions in quizzes", n),
    "quiz_classrooms": lambda n: ngettext("%(num)d quiz assignment", "%(num)d quiz assignments", n),
    "attempts": lambda n: ngettext("%(num)d attempt", "%(num)d attempts", n),
    "responses": lambda n: ngettext("%(num)d response", "%(num)d responses", n),
}


@dataclass
class Summary:
    rows: dict[str, int]

    def __str__(self) -> str:
        return ", ".join(label(self.rows[table]) for table, label in ROW_COUNTS.items() if self.rows.get(table)) \
            or _("no rows")


def tables() -> list[Table]:
    """The tables a backup holds, parents before children."""
    return [table for table in db.metadata.sorted_tables if table.name not in LEFT_OUT]


def _revision(connection: Connection) -> str | None:
    heads = MigrationContext.configure(connection).get_current_heads()
    return ",".join(sorted(heads)) or None


def _encode(column: Column, value):
    if isinstance(column.type, JSON):
        return None if value is _SQL_NULL else [value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _decode(column: Column, value):
    if isinstance(column.type, JSON):
        if value is None:
            return null()
        if not isinstance(value, list) or len(value) != 1:
            raise ValueError(f"column {column.name}: a JSON value must be wrapped in a one-element list")
        return JSON.NULL if value[0] is None else value[0]
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value


_SQL_NULL = object()


def _rows(connection: Connection, table: Table):
    """Every row in primary-key order; a JSON column's SQL NULL comes as _SQL_NULL."""
    json_columns = [column for column in table.columns if isinstance(column.type, JSON)]
    query = select(*table.columns, *(column.is_(None) for column in json_columns)).order_by(*table.primary_key.columns)
    width = len(table.columns)
    for row in connection.execution_options(yield_per=1000).execute(query):
        values = list(row[:width])
        for column, is_null in zip(json_columns, row[width:]):
            if is_null:
                values[list(table.columns).index(column)] = _SQL_NULL
        yield values


def write_backup(out: IO[str]) -> Summary:
    """Write the whole database to out from one snapshot."""
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        else:  # SQLite reads each statement on its own unless a transaction holds the snapshot
            connection.exec_driver_sql("BEGIN")
        header = {"format": FORMAT, "version": VERSION, "created_at": datetime.now().astimezone().isoformat(),
                  "schema_revision": _revision(connection),
                  "tables": {table.name: [column.name for column in table.columns] for table in tables()}}
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        counts = {}
        for table in tables():
            counts[table.name] = 0
            columns = list(table.columns)
            for values in _rows(connection, table):
                encoded = [_encode(column, value) for column, value in zip(columns, values)]
                out.write(json.dumps([table.name, encoded], ensure_ascii=False, allow_nan=False) + "\n")
                counts[table.name] += 1
        out.write(json.dumps({"end": counts}) + "\n")
        connection.rollback()
    return Summary(counts)


def export_to(path: Path) -> Summary:
    """Write the backup next to path and move it into place, so a failed run leaves no partial file."""
    handle, temporary = tempfile.mkstemp(prefix=".quizapp-backup-", dir=path.parent or Path("."))
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            summary = write_backup(out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return summary


def _check_header(header, connection: Connection) -> None:
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(_("This is not a quizapp backup (made by `flask --app quizapp export-all`)."))
    if header.get("version") != VERSION:
        raise BackupError(_("This backup has format version %(theirs)s; this quizapp reads version %(ours)s. "
                            "Import it with the release that wrote it.", theirs=header.get("version"), ours=VERSION))
    ours = {table.name: [column.name for column in table.columns] for table in tables()}
    if header.get("tables") != ours:
        theirs, here = header.get("schema_revision"), _revision(connection)
        raise BackupError(_("The backup's tables differ from this database's (backup at schema revision %(theirs)s, "
                            "this database at %(here)s). Upgrade both to the same release "
                            "(`flask --app quizapp db upgrade`), export again, then import.", theirs=theirs, here=here))


def _refuse_non_empty(connection: Connection) -> None:
    if not inspect(connection).has_table("teachers"):
        raise BackupError(_("The database has no tables yet. Run `flask --app quizapp db upgrade` first, then import."))
    counts = {table.name: connection.scalar(select(func.count()).select_from(table)) for table in tables()}
    if any(counts.values()):
        raise BackupError(_("The database is not empty (it holds %(rows)s); import-all only fills an empty "
                            "database. Create a new one (or delete the SQLite file and run "
                            "`flask --app quizapp db upgrade`), then import.", rows=Summary(counts)))


def _reset_sequences(connection: Connection) -> None:
    """PostgreSQL hands out ids from sequences: move each past the ids just imported."""
    if connection.dialect.name != "postgresql":
        return  # SQLite takes the largest id + 1
    for table in tables():
        keys = list(table.primary_key.columns)
        if len(keys) == 1 and isinstance(keys[0].type, Integer) and keys[0].autoincrement in (True, "auto"):
            connection.execute(text(
                f'SELECT setval(pg_get_serial_sequence(:table, :column), COALESCE(MAX("{keys[0].name}"), 1), '
                f'MAX("{keys[0].name}") IS NOT NULL) FROM "{table.name}"'),
                {"table": table.name, "column": keys[0].name})


def read_backup(lines: IO[str]) -> Summary:
    """Import a backup into the empty database; all rows or none. Raise BackupError on any problem."""
    known = {table.name: table for table in tables()}
    with db.engine.connect() as connection:
        with connection.begin():
            try:
                header = json.loads(lines.readline() or "null")
            except json.JSONDecodeError:
                header = None
            _check_header(header, connection)
            _refuse_non_empty(connection)
            counts = {name: 0 for name in known}
            batch, batch_table, done, end = [], None, set(), None

            def flush():
                if batch:
                    connection.execute(known[batch_table].insert(), batch)
                    batch.clear()

            for number, line in enumerate(lines, start=2):
                try:
                    item = json.loads(line)
                    if isinstance(item, dict) and set(item) == {"end"}:
                        end = item["end"]
                        break
                    name, values = item
                    table = known[name]
                    if name in done or len(values) != len(table.columns):
                        raise ValueError("rows out of order or with the wrong number of values")
                    if name != batch_table:
                        flush()
                        if batch_table is not None:
                            done.add(batch_table)
                        batch_table = name
                    batch.append({column.key: _decode(column, value) for column, value in zip(table.columns, values)})
                    counts[name] += 1
                    if len(batch) >= BATCH:
                        flush()
                except (ValueError, TypeError, KeyError) as problem:
                    raise BackupError(_("Line %(number)d of the backup cannot be read (%(problem)s); nothing was "
                                        "imported.", number=number, problem=problem)) from None
                except SQLAlchemyError as problem:
                    raise BackupError(_("The database refused a row of %(table)s near line %(number)d (%(problem)s); "
                                        "nothing was imported.", table=batch_table, number=number,
                                        problem=getattr(problem, "orig", None) or problem)) from None
            if end != counts:
                raise BackupError(_("The backup is incomplete (its last line is missing or its row counts differ): "
                                    "it was cut off while being written or copied. Nothing was imported."))
            try:
                flush()
            except SQLAlchemyError as problem:
                raise BackupError(_("The database refused a row of %(table)s (%(problem)s); nothing was imported.",
                                    table=batch_table, problem=getattr(problem, "orig", None) or problem)) from None
            _reset_sequences(connection)
    return Summary(counts)


def import_from(path: Path) -> Summary:
    try:
        with path.open(encoding="utf-8") as lines:
            return read_backup(lines)
    except UnicodeDecodeError:  # the transaction is rolled back by then
        raise BackupError(_("The file is not UTF-8 text, so it is not a backup written by export-all (or it was "
                            "damaged). Nothing was imported.")) from None
