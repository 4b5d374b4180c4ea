"""Shared fixtures: an app on a fresh database per test, clients, and factories.

Set QUIZAPP_TEST_DATABASE_URL to run the whole suite against PostgreSQL (the schema is
created once per session and every table is emptied after each test); otherwise each test
gets its own SQLite file.
"""
import functools
import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, text

from quizapp import create_app
from quizapp.bank import load_path
from quizapp.cli_language import LOCALE_VARIABLES
from quizapp.extensions import db
from quizapp.models import Quiz

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
MINI_FILE = TESTS / "data" / "mini.yaml"
SEED_DIR = PROJECT / "questions"
POSTGRES_URL = os.environ.get("QUIZAPP_TEST_DATABASE_URL")


def base_config(tmp_path: Path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "tests-only-secret",
        "SQLALCHEMY_DATABASE_URI": POSTGRES_URL or f"sqlite:///{tmp_path / 'test.sqlite'}",
        "WTF_CSRF_ENABLED": False,
        "SCHEMA_CHECK": False,
        "AUTO_UPGRADE_SQLITE": False,
        "SERVER_NAME": None,
    }


def cut_every_postgres_connection() -> int:
    """What a database restart does: end every other session of the test database; how many."""
    from sqlalchemy import create_engine
    killer = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with killer.connect() as connection:
        cut = connection.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    killer.dispose()
    return cut


def _empty_all_tables() -> None:
    tables = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.session.commit()


@pytest.fixture(scope="session")
def _postgres_schema():
    """Create the schema once per session on PostgreSQL."""
    if not POSTGRES_URL:
        yield
        return
    app = create_app({"SQLALCHEMY_DATABASE_URI": POSTGRES_URL, "SECRET_KEY": "x", "SCHEMA_CHECK": False,
                      "AUTO_UPGRADE_SQLITE": False})
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.create_all()
    yield
    with app.app_context():
        db.drop_all()


@pytest.fixture
def make_app(tmp_path, _postgres_schema):
    """Build an app with extra config; the database is fresh for the test."""
    made = []

    def factory(**overrides):
        config = base_config(tmp_path)
        config.update(overrides)
        app = create_app(config)
        with app.app_context():
            if not POSTGRES_URL:
                db.create_all()
        made.append(app)
        return app

    yield factory
    if POSTGRES_URL and made:
        with made[0].app_context():
            db.session.remove()
            _empty_all_tables()
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(autouse=True)
def operator_locale(monkeypatch):
    """The CLI speaks the operator's locale: the tests run as an operator with the C locale (English)."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def mini_quiz(app) -> str:
    """Load the small test article and return its quiz code."""
    with app.app_context():
        load_path(MINI_FILE)
        return db.session.execute(db.select(Quiz.code)).scalar_one()


@pytest.fixture
def csrf_app(make_app):
    """An app with CSRF protection on (the other tests switch it off) and the mini quiz loaded."""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        load_path(MINI_FILE)
    return app


@pytest.fixture
def seeded(app):
    """Load the shipped question bank, as `flask load-questions` does."""
    with app.app_context():
        load_path(SEED_DIR)
    return app


@pytest.fixture
def count_queries(app):
    """Count SQL statements run inside the `with` block: `with count_queries() as counted: ...`."""

    @contextmanager
    def counter():
        statements: list[str] = []

        def record(conn, cursor, statement, parameters, context, executemany):
            if not re.match(r"\s*(PRAGMA|SAVEPOINT|RELEASE)", statement, re.I):
                statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return counter


class StudentFlow:
    """Drive the student pages through the test client like a browser would."""

    def __init__(self, client):
        self.client = client

    def start(self, code: str, name: str = "Mia"):
        response = self.client.post(f"/quiz/{code}/start", data={"display_name": name})
        assert response.status_code == 302, response.get_data(as_text=True)
        return int(response.headers["Location"].rstrip("/").split("/")[-1])

    def submit(self, attempt_id: int, answers: dict):
        return self.client.post(f"/attempts/{attempt_id}", data=answers)


@pytest.fixture
def student(client):
    return StudentFlow(client)


# ---------------------------------------------------------------- people and attempts

TEACHER_PASSWORD = "correct horse battery"


@functools.lru_cache(maxsize=None)
def _password_hash(password: str) -> str:
    """Hash each test password once per session: scrypt is slow on purpose (~0.1 s a hash)."""
    from werkzeug.security import generate_password_hash
    return generate_password_hash(password)


@pytest.fixture
def make_teacher(app):
    """Create a teacher account: make_teacher("a@school.ch") -> teacher id."""

    def factory(email: str = "lehrerin@schule.ch", name: str = "Frau Keller", password: str = TEACHER_PASSWORD) -> int:
        from quizapp.models import Teacher
        with app.app_context():
            teacher = Teacher(email=email, name=name)
            teacher.password_hash = _password_hash(password)
            db.session.add(teacher)
            db.session.commit()
            return teacher.id

    return factory


def sign_in(client, email: str, password: str = TEACHER_PASSWORD):
    return client.post("/auth/login", data={"email": email, "password": password})


@pytest.fixture
def teacher_client(app, make_teacher):
    """A client signed in as the teacher lehrerin@schule.ch (id in .teacher_id)."""
    teacher_id = make_teacher()
    client = app.test_client()
    response = sign_in(client, "lehrerin@schule.ch")
    assert response.status_code == 302
    client.teacher_id = teacher_id
    return client


@pytest.fixture
def teacher(teacher_client):
    """The signed-in teacher's client, in English (the authoring tests assert English messages)."""
    teacher_client.set_cookie("lang", "en")
    return teacher_client


@pytest.fixture
def article_id(teacher):
    """An article the teacher created through the web form."""
    from .authoring_helpers import create_article
    return create_article(teacher)


@pytest.fixture
def make_attempt(app):
    """Start and submit an attempt for a new student: make_attempt(code, answers, name=...) -> attempt id.

    ``answers`` maps question keys to form values (a string or a list), as a browser sends them.
    """

    def factory(code: str, answers: dict | None = None, name: str = "Mia", classroom_id: int | None = None) -> int:
        from quizapp.services.attempts import start_attempt, submit_attempt
        from quizapp.models import Question, Student
        with app.test_request_context():
            quiz = db.session.execute(db.select(Quiz).filter_by(code=code)).scalar_one()
            student = Student(display_name=name, classroom_id=classroom_id)
            db.session.add(student)
            db.session.commit()
            attempt = start_attempt(student, quiz)
            ids = dict(db.session.execute(db.select(Question.key, Question.id)
                                          .where(Question.article_id == quiz.article_id)).all())
            form = {f"q{ids[key]}": value if isinstance(value, list) else [value]
                    for key, value in (answers or {}).items()}
            submit_attempt(attempt, form)
            return attempt.id

    return factory
