"""Migrations build exactly the models' schema, undo cleanly, and guard startup.

Runs on SQLite always and also on PostgreSQL when QUIZAPP_TEST_DATABASE_URL is set (in a
database of its own, created empty for each test). A model change without a new
revision (`make migration MESSAGE="..."`) fails test_migrations_build_exactly_the_models_schema.
"""
import json
import os
import subprocess
import sys
import uuid

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import CheckConstraint, create_engine, inspect
from sqlalchemy.engine import make_url

from quizapp import create_app
from quizapp.db.setup import SchemaOutOfDate, UPGRADE_COMMAND, alembic_config, running_migration_command
from quizapp.services.attempts import start_attempt, submit_attempt
from quizapp.bank import load_path
from quizapp.extensions import db
from quizapp.models import ANSWER_FIELDS, Attempt, Quiz, Response, Student

from .conftest import MINI_FILE, POSTGRES_URL, PROJECT

DATABASES = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


@pytest.fixture(params=DATABASES)
def empty_url(request, tmp_path):
    """The URL of an empty database: a new SQLite file, or a new schema in the PostgreSQL test database.

    (A schema of its own, first on the search path, is as empty as a new database and far quicker
    to create and drop.)
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    schema = f"mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()


def app_on(url: str, **config):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "SCHEMA_CHECK": False,
                       "AUTO_UPGRADE_SQLITE": False, "TESTING": True, **config})


def _check_constraint_names(connection) -> dict[str, set[str]]:
    inspector = inspect(connection)
    return {table: {c["name"] for c in inspector.get_check_constraints(table)}
            for table in inspector.get_table_names() if table != "alembic_version"}


def _model_check_constraint_names() -> dict[str, set[str]]:
    return {table.name: {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
            for table in db.metadata.sorted_tables}


def test_migrations_build_exactly_the_models_schema(empty_url):
    app = app_on(empty_url)
    with app.app_context():
        command.upgrade(alembic_config(), "head")
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
            # Autogenerate does not compare CHECK constraints, so compare them by name here.
            checks = _check_constraint_names(connection)
        db.engine.dispose()
    assert differences == [], f"models and migrations differ; add a revision with `make migration MESSAGE=...`: {differences}"
    assert checks == _model_check_constraint_names()


def test_downgrade_to_base_removes_every_table(empty_url):
    app = app_on(empty_url)
    with app.app_context():
        command.upgrade(alembic_config(), "head")
        command.downgrade(alembic_config(), "base")
        with db.engine.connect() as connection:
            tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
            revision = MigrationContext.configure(connection).get_current_revision()
        db.engine.dispose()
    assert tables == set()
    assert revision is None


def _submit_one_attempt_at_head(values: tuple[str, ...] = ("12", "a")) -> None:
    """Migrate to head and store one submitted attempt at the mini quiz (in an app context)."""
    command.upgrade(alembic_config(), "head")
    load_path(MINI_FILE)
    student = Student(display_name="Mia")
    db.session.add(student)
    db.session.commit()
    attempt = start_attempt(student, db.session.execute(db.select(Quiz)).scalar_one())
    submit_attempt(attempt, {f"q{item['question_id']}": list(values) for item in attempt.layout})


def test_upgrade_to_0002_copies_earlier_answers_from_their_responses(empty_url):
    """An attempt submitted before revision 0002 had only response rows; afterwards it has answers."""
    app = app_on(empty_url)
    with app.test_request_context():
        _submit_one_attempt_at_head()
        answers = db.session.scalar(db.select(Attempt.answers))
        db.session.remove()
        command.downgrade(alembic_config(), "0001")
        command.upgrade(alembic_config(), "head")
        assert db.session.scalar(db.select(Attempt.answers)) == answers
        db.session.remove()
        db.engine.dispose()


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_0007_writes_the_rows_of_attempts_still_pending_and_downgrades_with_the_choice_rows(empty_url):
    """Under revision 0006 an attempt could still wait for its rows: 0007 writes them, and going
    back to 0006 brings the response_choices rows back from the stored answers."""
    app = app_on(empty_url)
    with app.test_request_context():
        _submit_one_attempt_at_head(("a",))  # an option of the single, multiple and evidence questions
        written = db.session.execute(db.select(Response.question_id, Response.raw, Response.points)
                                     .order_by(Response.position)).all()
        assert len(written) == 5
        db.session.remove()
        command.downgrade(alembic_config(), "0006")
        with db.engine.begin() as connection:
            picked = connection.execute(sa.text("SELECT option_key FROM response_choices")).scalars().all()
            assert picked == ["a", "a", "a"]
            # As the backlog left a submit: answers stored, rows not yet.
            connection.execute(sa.text("DELETE FROM response_choices"))
            connection.execute(sa.text("DELETE FROM responses"))
            connection.execute(sa.text("UPDATE attempts SET responses_pending = true"))
        command.upgrade(alembic_config(), "head")
        assert db.session.execute(db.select(Response.question_id, Response.raw, Response.points)
                                  .order_by(Response.position)).all() == written
        assert "responses_pending" not in {column["name"] for column in inspect(db.engine).get_columns("attempts")}
        assert "response_choices" not in inspect(db.engine).get_table_names()
        db.session.remove()
        db.engine.dispose()


def test_there_is_one_head_revision():
    app = app_on("sqlite://")
    with app.app_context():
        heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1


def test_app_refuses_an_outdated_schema_and_names_the_command(empty_url):
    with pytest.raises(SchemaOutOfDate) as refused:
        app_on(empty_url, SCHEMA_CHECK=True)
    assert UPGRADE_COMMAND in str(refused.value)


def test_app_refuses_tables_without_migration_history(tmp_path):
    url = f"sqlite:///{tmp_path / 'created.sqlite'}"
    app = app_on(url)
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    with pytest.raises(SchemaOutOfDate, match="db stamp head"):
        app_on(url, SCHEMA_CHECK=True, AUTO_UPGRADE_SQLITE=True)


def test_sqlite_database_is_upgraded_at_startup(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    app = app_on(url, SCHEMA_CHECK=True, AUTO_UPGRADE_SQLITE=True)
    with app.app_context():
        with db.engine.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
            tables = set(inspect(connection).get_table_names())
        heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert revision == heads[0]
    assert {"quizzes", "attempts", "responses"} <= tables
    app_on(url, SCHEMA_CHECK=True)  # a current schema starts without complaint


def test_flask_db_upgrade_runs_on_an_outdated_schema(tmp_path):
    """The check must not block the very command that fixes the schema."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'old.sqlite'}", "AUTO_UPGRADE_SQLITE": "false",
           "SECRET_KEY": "x"}
    flask = [sys.executable, "-m", "flask", "--app", "quizapp"]
    refused = subprocess.run([*flask, "routes"], env=env, cwd=PROJECT, capture_output=True, text=True)
    assert refused.returncode != 0
    assert UPGRADE_COMMAND in refused.stderr
    upgraded = subprocess.run([*flask, "db", "upgrade"], env=env, cwd=PROJECT, capture_output=True, text=True)
    assert upgraded.returncode == 0, upgraded.stderr
    started = subprocess.run([*flask, "routes"], env=env, cwd=PROJECT, capture_output=True, text=True)
    assert started.returncode == 0, started.stderr
    assert "/healthz" in started.stdout


@pytest.mark.parametrize("argv, expected", [
    (["--app", "quizapp", "db", "upgrade"], True),
    (["-A", "quizapp", "--debug", "db", "stamp", "head"], True),
    (["db", "migrate"], True),
    (["--app", "quizapp", "run"], False),
    (["--app", "db", "load-questions"], False),
    ([], False),
])
def test_only_flask_db_commands_skip_the_schema_check(monkeypatch, argv, expected):
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")
    assert running_migration_command(argv) is expected


def test_gunicorn_is_never_taken_for_a_migration_command(monkeypatch):
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    assert running_migration_command(["db", "upgrade"]) is False


def test_0003_keeps_answers_as_lists_and_0002_gets_its_objects_back(empty_url):
    app = app_on(empty_url)
    with app.test_request_context():
        _submit_one_attempt_at_head()
        answers = db.session.scalar(db.select(Attempt.answers))
        assert all(isinstance(entry, list) and len(entry) == len(ANSWER_FIELDS) for entry in answers)
        db.session.remove()
        command.downgrade(alembic_config(), "0002")
        objects = db.session.execute(sa.text("SELECT answers FROM attempts")).scalar_one()
        objects = json.loads(objects) if isinstance(objects, str) else objects
        assert objects == [dict(zip(ANSWER_FIELDS, entry)) for entry in answers]
        db.session.remove()
        command.upgrade(alembic_config(), "head")
        assert db.session.scalar(db.select(Attempt.answers)) == answers
        db.session.remove()
        db.engine.dispose()
