"""Engine settings: what SQLite is told on every connection, and PostgreSQL's pool limits."""
import threading
import time

import pytest
from sqlalchemy import create_engine, event, text

from quizapp import create_app
from quizapp.db.setup import write_lock
from quizapp.extensions import db

from .conftest import POSTGRES_URL


@pytest.mark.skipif(bool(POSTGRES_URL), reason="SQLite connection settings")
def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(app):
    with app.app_context():
        pragma = lambda name: db.session.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 5000


def test_postgresql_gets_a_bounded_pool_and_a_connect_timeout():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@127.0.0.1:1/none", "SECRET_KEY": "x",
                      "SCHEMA_CHECK": False, "DATABASE_POOL_SIZE": 3})
    options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["pool_size"] == options["max_overflow"] == 3
    assert options["connect_args"]["connect_timeout"] == 5
    assert options["pool_pre_ping"] is False  # idle connections are tested instead (below)


def test_pinging_before_every_use_is_a_setting():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@127.0.0.1:1/none", "SECRET_KEY": "x",
                      "SCHEMA_CHECK": False, "DATABASE_PING_AFTER_IDLE": 0})
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True


@pytest.mark.skipif(not POSTGRES_URL, reason="needs a PostgreSQL server whose connections can be cut")
def test_an_idle_connection_cut_by_the_server_is_replaced_before_a_request_uses_it(make_app):
    app = make_app(DATABASE_PING_AFTER_IDLE=0.05)
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    with app.app_context():
        assert db.engine.pool.checkedin() == 1  # the connection /healthz used, now idle in the pool
        with db.engine.connect() as connection:
            pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    killer = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with killer.connect() as connection:  # what a database restart does to the pool's connection
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar() is True
    killer.dispose()
    time.sleep(0.1)
    assert client.get("/healthz").status_code == 200
    with app.app_context():
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT pg_backend_pid()").scalar() != pid


def test_pre_ping_can_be_turned_off_for_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_PRE_PING", "false")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@127.0.0.1:1/none", "SECRET_KEY": "x",
                      "SCHEMA_CHECK": False})
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is False


def test_database_url_environment_variable_selects_psycopg(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://quiz:pw@db.example:5432/quizapp")
    app = create_app({"SCHEMA_CHECK": False, "SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://quiz:pw@db.example:5432/quizapp"


@pytest.mark.skipif(bool(POSTGRES_URL), reason="the write lock serialises SQLite writers only")
def test_the_sqlite_write_lock_excludes_other_threads_and_is_reused(app):
    order, holding, release = [], threading.Event(), threading.Event()

    def writer(name: str, hold: bool) -> None:
        with app.app_context():
            for _ in range(2):  # the second use takes the thread's open lock file again
                with write_lock():
                    order.append(f"{name} in")
                    if hold:
                        holding.set()
                        release.wait(5)
                        hold = False
                    order.append(f"{name} out")

    first = threading.Thread(target=writer, args=("A", True))
    first.start()
    assert holding.wait(5)
    second = threading.Thread(target=writer, args=("B", False))
    second.start()
    second.join(0.3)
    assert second.is_alive() and "B in" not in order  # B waits while A holds the lock
    release.set()
    first.join(5)
    second.join(5)
    assert order.index("B in") > order.index("A out")
    assert len(order) == 8


def test_an_operators_json_serializer_is_kept_and_answers_are_stored_as_lists(make_app):
    """Every JSON value, the layout and the graded answers alike, goes through the serializer
    the operator configured; answers are stored as one list per question."""
    import json

    from quizapp.services.attempts import start_attempt, submit_attempt
    from quizapp.bank import load_path
    from quizapp.models import Attempt, Quiz, Student

    from .conftest import MINI_FILE
    encoded = []

    def serializer(value):
        encoded.append(value)
        return json.dumps(value)

    app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"json_serializer": serializer})
    with app.test_request_context():
        load_path(MINI_FILE)
        student = Student(display_name="Mia")
        db.session.add(student)
        db.session.commit()
        attempt = start_attempt(student, db.session.execute(db.select(Quiz)).scalar_one())
        assert attempt.layout in encoded  # the layout went through the operator's serializer
        encoded.clear()
        assert submit_attempt(attempt, {})
        # The five graded answers as one list (the attempt row), then each statistics row's
        # parsed answer (all blank here), one per question.
        assert len(encoded) == 6 and len(encoded[0]) == 5 and encoded[1:] == [None] * 5
        db.session.expire_all()
        answers = db.session.get(Attempt, attempt.id).answers
    assert isinstance(answers, list) and len(answers) == 5 and all(isinstance(answer, list) for answer in answers)


def test_a_request_that_fails_inside_a_write_leaves_no_transaction_behind(app, mini_quiz):
    from sqlalchemy import update

    from quizapp.models import Quiz
    with pytest.raises(RuntimeError), app.test_request_context():
        db.session.execute(update(Quiz).values(title="Halb geschrieben"))
        raise RuntimeError("the request fails before it commits")
    with app.test_request_context():  # a forgotten commit is rolled back too
        db.session.execute(update(Quiz).values(title="Nie bestätigt"))
    with app.app_context():
        db.session.execute(text("UPDATE quizzes SET title = 'Weiter'"))  # would wait for a held write lock
        db.session.commit()
        assert db.session.execute(text("SELECT title FROM quizzes")).scalar_one() == "Weiter"


def test_the_quiz_page_reads_outside_a_transaction_and_a_submit_writes_inside_one(app, student, mini_quiz):
    """On PostgreSQL the quiz page reads in autocommit mode (quizapp.db.reads); the submit keeps
    its transaction, also on the pooled connection the page used just before."""
    seen: list[tuple[str, bool, bool]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        driver = cursor.connection  # psycopg says autocommit; sqlite3 has no isolation level then
        in_autocommit = driver.autocommit if conn.dialect.name == "postgresql" else driver.isolation_level is None
        asked = conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT"
        seen.append((statement.split()[0].upper(), asked, in_autocommit))

    attempt_id = student.start(mini_quiz)
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert student.client.get(f"/attempts/{attempt_id}").status_code == 200
        page_reads, seen[:] = list(seen), []
        assert student.submit(attempt_id, {}).status_code == 302
        submit_statements = list(seen)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    # On SQLite the driver opens no transaction for a read anyway: the pages leave it as it is.
    outside = engine.dialect.name == "postgresql"
    assert page_reads and all(asked is outside and driver is outside for _statement, asked, driver in page_reads)
    assert {"UPDATE", "INSERT"} <= {statement for statement, _asked, _driver in submit_statements}
    assert not any(asked or driver for _statement, asked, driver in submit_statements)
