"""Backup and restore: export-all, then import-all into an empty database, gives back every row
of every table; a non-empty database, a cut or foreign file and a bad row are refused whole.

On PostgreSQL (QUIZAPP_TEST_DATABASE_URL) the round trip empties the test database between
export and import, and a second test moves a SQLite installation's backup into PostgreSQL.
"""
import json

import pytest
import yaml
from sqlalchemy import JSON, func, select

from quizapp.services.accounts import create_teacher
from quizapp.services.attempts import start_attempt
from quizapp.services.backup import LEFT_OUT, ROW_COUNTS, tables
from quizapp.bank import load_path
from quizapp.demo import generate
from quizapp.extensions import db
from quizapp.models import Quiz, RateCount, Student

from .conftest import MINI_FILE, POSTGRES_URL, _empty_all_tables, sign_in

PASSWORD = "violet tram over the lake"


def fill(app, tmp_path) -> None:
    """Something in every table: two versions of a question, demo classes and attempts, an
    administrator and a disabled teacher, an attempt still open, stored responses."""
    with app.app_context():
        load_path(MINI_FILE)
        data = yaml.safe_load(MINI_FILE.read_text(encoding="utf-8"))
        data["questions"][0]["prompt"] = "Wie viele neue Brücken baut die Gemeinde?"
        edited = tmp_path / "edited.yaml"
        edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        assert load_path(edited).new_versions == 1
        generate(6, seed=3, questions=5, classes=2)
        create_teacher("chefin@schule.ch", "Frau Chefin", PASSWORD, is_admin=True)
        create_teacher("weg@schule.ch", "Herr Weg", PASSWORD).active = False
        student = Student(display_name="Noch offen «Ü»")
        db.session.add(student)
        db.session.add(RateCount(key="x" * 64, tries=1, expires_at=2_000_000_000))
        db.session.commit()
        student_id = student.id
    with app.test_request_context():
        start_attempt(db.session.get(Student, student_id), db.session.execute(db.select(Quiz)).scalars().first())


def snapshot(app) -> dict[str, list[tuple]]:
    """Every row of every backed-up table in primary-key order; a JSON column also says whether it is SQL NULL."""
    rows = {}
    with app.app_context(), db.engine.connect() as connection:
        for table in tables():
            nulls = [column.is_(None) for column in table.columns if isinstance(column.type, JSON)]
            query = select(*table.columns, *nulls).order_by(*table.primary_key.columns)
            rows[table.name] = [tuple(row) for row in connection.execute(query)]
    return rows


def _counts(app) -> dict[str, int]:
    with app.app_context():
        return {table.name: db.session.scalar(select(func.count()).select_from(table)) for table in tables()}


def _empty_app(make_app, tmp_path, name: str):
    """An app on a new, empty database of the current schema."""
    if POSTGRES_URL:
        app = make_app()
        with app.app_context():
            _empty_all_tables()
        return app
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / name}")
    with app.app_context():
        db.create_all()
    return app


def test_export_then_import_gives_back_every_row_of_every_table(app, make_app, tmp_path):
    fill(app, tmp_path)
    before = snapshot(app)
    assert all(before.values()), f"fill() leaves tables empty: {[name for name, rows in before.items() if not rows]}"
    assert set(before) == {table.name for table in db.metadata.sorted_tables} - LEFT_OUT == \
        {table.name for table in db.metadata.sorted_tables} - {"rate_counts", "sign_ins"}
    backup = tmp_path / "backup.jsonl"
    exported = app.test_cli_runner().invoke(args=["export-all", str(backup)])
    assert exported.exit_code == 0, exported.output
    assert exported.output.startswith("Exported 3 teachers, 2 classes, ")  # the demo teacher, chefin, weg
    assert exported.output.endswith(f" {len(before['responses'])} responses to {backup}.\n")
    assert "classrooms" not in exported.output and "quiz_questions" not in exported.output

    target = _empty_app(make_app, tmp_path, "restored.sqlite")
    assert sum(_counts(target).values()) == 0
    imported = target.test_cli_runner().invoke(args=["import-all", str(backup)])
    assert imported.exit_code == 0, imported.output
    assert imported.output == exported.output.replace("Exported", "Imported").replace(" to ", " from ")

    after = snapshot(target)
    for name in before:
        assert after[name] == before[name], f"table {name} differs after the round trip"
    # Password hashes came along, ids continue after the imported ones, and it works as before.
    assert sign_in(target.test_client(), "chefin@schule.ch", PASSWORD).status_code == 302
    assert sign_in(target.test_client(), "weg@schule.ch", PASSWORD).status_code == 403  # still disabled
    with target.app_context():
        newest = create_teacher("neu@schule.ch", "Herr Neu", PASSWORD)
        assert newest.id > max(row[0] for row in before["teachers"])


@pytest.mark.skipif(not POSTGRES_URL, reason="moves a SQLite backup into PostgreSQL")
def test_a_sqlite_backup_restores_into_postgresql(make_app, tmp_path):
    target = _empty_app(make_app, tmp_path, "unused")  # first: make_app empties the first app's database afterwards
    source = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'source.sqlite'}")
    with source.app_context():
        db.create_all()
    fill(source, tmp_path)
    backup = tmp_path / "backup.jsonl"
    assert source.test_cli_runner().invoke(args=["export-all", str(backup)]).exit_code == 0
    result = target.test_cli_runner().invoke(args=["import-all", str(backup)])
    assert result.exit_code == 0, result.output
    assert snapshot(target) == snapshot(source)


def _backup_of(app, tmp_path) -> list[str]:
    backup = tmp_path / "backup.jsonl"
    assert app.test_cli_runner().invoke(args=["export-all", str(backup)]).exit_code == 0
    return backup.read_text(encoding="utf-8").splitlines(keepends=True)


def _import(app, tmp_path, lines: list[str]):
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_text("".join(lines), encoding="utf-8")
    return app.test_cli_runner().invoke(args=["import-all", str(damaged)])


def test_import_refuses_a_database_that_is_not_empty(app, tmp_path):
    fill(app, tmp_path)
    lines, before = _backup_of(app, tmp_path), _counts(app)
    result = _import(app, tmp_path, lines)
    assert result.exit_code == 1
    assert "The database is not empty (it holds 3 teachers, 2 classes, " in result.output
    assert _counts(app) == before


@pytest.mark.parametrize("damage, message", [
    (lambda lines: lines[:-1], "incomplete"),  # cut off: the end line is missing
    (lambda lines: lines[:len(lines) // 2], "incomplete"),
    (lambda lines: lines[:1] + ["{not json\n"] + lines[1:], "cannot be read"),
    (lambda lines: ['{"format": "something else"}\n'] + lines[1:], "not a quizapp backup"),
    (lambda lines: [lines[0].replace('"version": 1', '"version": 99')] + lines[1:], "format version 99"),
    (lambda lines: [lines[0].replace('"email"', '"e_mail"')] + lines[1:], "tables differ"),
])
def test_import_refuses_a_damaged_or_foreign_file_and_writes_nothing(app, make_app, tmp_path, damage, message):
    fill(app, tmp_path)
    lines = _backup_of(app, tmp_path)
    target = _empty_app(make_app, tmp_path, "target.sqlite")
    result = _import(target, tmp_path, damage(lines))
    assert result.exit_code == 1 and message in result.output, result.output
    assert sum(_counts(target).values()) == 0


def test_a_row_the_database_refuses_rolls_back_the_whole_import(app, make_app, tmp_path):
    fill(app, tmp_path)
    lines = _backup_of(app, tmp_path)
    # A classroom of a teacher who does not exist: the foreign key refuses it, late in the file.
    index = next(i for i, line in enumerate(lines) if line.startswith('["classrooms"'))
    row = json.loads(lines[index])
    columns = json.loads(lines[0])["tables"]["classrooms"]
    row[1][columns.index("teacher_id")] = 999_999
    lines[index] = json.dumps(row) + "\n"
    target = _empty_app(make_app, tmp_path, "target.sqlite")
    result = _import(target, tmp_path, lines)
    assert result.exit_code == 1 and "refused a row of classrooms" in result.output, result.output
    assert sum(_counts(target).values()) == 0


def test_import_into_a_database_without_tables_names_the_command(make_app, tmp_path, app):
    lines = _backup_of(app, tmp_path)
    bare = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'bare.sqlite'}")
    with bare.app_context():
        db.drop_all()
    result = _import(bare, tmp_path, lines)
    assert result.exit_code == 1 and "flask --app quizapp db upgrade" in result.output


def test_every_table_of_a_backup_has_a_name_in_the_summary():
    assert set(ROW_COUNTS) == {table.name for table in tables()}
