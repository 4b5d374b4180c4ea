"""The attempt pages' statements on the driver's cursor behave as SQLAlchemy's own execution would."""
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, exc, text

from quizapp.direct_statements import DirectStatement
from quizapp.extensions import db
from quizapp.models import Quiz
from quizapp.statement_connections import statement_connection
from quizapp.student.owned import _statement

from .conftest import POSTGRES_URL


def _read_both_ways(app, attempt_id: int) -> tuple[tuple | None, tuple | None]:
    statement = _statement(with_quiz=True)
    with app.test_request_context():
        connection = statement_connection()
        direct = DirectStatement(statement).first(connection, {"attempt_id": attempt_id})
        row = connection.execute(statement, {"attempt_id": attempt_id}).first()
    return direct, (tuple(row) if row is not None else None)


def test_a_direct_read_returns_what_sqlalchemy_returns_with_python_types(app, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    with app.app_context():  # datetimes and a boolean, which SQLite stores as text and integers
        quiz = db.session.execute(db.select(Quiz).filter_by(code=mini_quiz)).scalar_one()
        quiz.opens_at = datetime(2025, 6, 1, 8, 30)
        quiz.closes_at = datetime.now() + timedelta(days=3)
        db.session.commit()
    direct, through_sqlalchemy = _read_both_ways(app, attempt_id)
    assert direct == through_sqlalchemy
    assert datetime(2025, 6, 1, 8, 30) in direct
    assert True in direct and all(type(value) is type(expected) for value, expected in zip(direct, through_sqlalchemy))
    assert _read_both_ways(app, attempt_id + 999) == (None, None)


def test_statement_counters_see_the_attempt_pages_read(student, mini_quiz, count_queries):
    attempt_id = student.start(mini_quiz)
    with count_queries() as statements:
        assert student.client.get(f"/attempts/{attempt_id}").status_code == 200
    assert any("FROM students JOIN attempts" in statement for statement in statements), statements


def test_a_driver_error_is_raised_as_sqlalchemys(app):
    missing = Table("no_such_table", MetaData(), Column("id", Integer, primary_key=True))
    read = DirectStatement(missing.select().where(missing.c.id == 1))
    with app.test_request_context(), pytest.raises(exc.DBAPIError) as raised:
        read.first(statement_connection(), {})
    assert "no_such_table" in str(raised.value)
    assert raised.value.connection_invalidated is False


@pytest.mark.skipif(not POSTGRES_URL, reason="needs a PostgreSQL server whose connections can be cut")
def test_a_connection_cut_under_a_direct_read_is_invalidated_and_the_next_request_gets_a_new_one(make_app):
    from quizapp.bank import load_path

    from .conftest import MINI_FILE, StudentFlow
    app = make_app(DATABASE_PRE_PING=False)  # nothing tests the kept connection before the read
    with app.app_context():
        load_path(MINI_FILE)
    flow = StudentFlow(app.test_client())
    attempt_id = flow.start("MINI01")
    assert flow.client.get(f"/attempts/{attempt_id}").status_code == 200
    with app.test_request_context():
        connection = statement_connection()
        pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        killer = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        with killer.connect() as other:  # a database restart while the connection is kept
            assert other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar() is True
        killer.dispose()
        with pytest.raises(exc.DBAPIError) as raised:
            DirectStatement(_statement(with_quiz=True)).first(connection, {"attempt_id": attempt_id})
        assert raised.value.connection_invalidated is True and connection.invalidated
    assert flow.client.get(f"/attempts/{attempt_id}").status_code == 200
    with app.test_request_context():
        assert statement_connection().exec_driver_sql("SELECT pg_backend_pid()").scalar() != pid


def test_the_submits_update_is_counted_stored_and_committed(app, student, mini_quiz, count_queries):
    attempt_id = student.start(mini_quiz)
    with count_queries() as statements:
        assert student.client.post(f"/attempts/{attempt_id}", data={}).status_code == 302
    assert any(statement.startswith("UPDATE attempts SET submitted_at") for statement in statements), statements
    with create_engine(app.config["SQLALCHEMY_DATABASE_URI"]).connect() as other:  # another connection sees it
        row = other.execute(text("SELECT submitted_at, score FROM attempts WHERE id = :id"), {"id": attempt_id}).one()
    assert row.submitted_at is not None and row.score == 0


def test_a_write_the_database_refuses_is_raised_as_sqlalchemys_integrity_error(app, student, mini_quiz):
    from sqlalchemy import bindparam, update

    from quizapp.direct_statements import commit
    from quizapp.models import Attempt
    attempt_id = student.start(mini_quiz)
    where = update(Attempt.__table__).where(Attempt.id == bindparam("attempt_id"))
    unscored = DirectStatement(where.values(score=bindparam("score")))  # CHECK: scored only when submitted
    with app.test_request_context(), pytest.raises(exc.IntegrityError):
        unscored.rowcount(statement_connection(), {"attempt_id": attempt_id, "score": 1.0})
        commit(statement_connection())
    with app.test_request_context():  # the refused write left nothing behind on the connection
        assert DirectStatement(where.values(max_score=bindparam("max_score"))).rowcount(
            statement_connection(), {"attempt_id": attempt_id, "max_score": 7}) == 1
        commit(statement_connection())
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).max_score == 7


def test_each_engine_binds_with_its_own_json_serializer(make_app):
    import json

    from sqlalchemy import bindparam, update

    from quizapp.direct_statements import commit
    from quizapp.models import Attempt
    encoded = {"first": [], "second": []}

    def serializer_for(name):
        def serializer(value):
            encoded[name].append(value)
            return json.dumps(value)
        return serializer

    statement = DirectStatement(update(Attempt.__table__).where(Attempt.id == bindparam("attempt_id"))
                                .values(layout=bindparam("layout")))
    for name in encoded:  # one statement, two engines of the same dialect
        app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"json_serializer": serializer_for(name)})
        with app.test_request_context():
            assert statement.rowcount(statement_connection(), {"attempt_id": -1, "layout": [name]}) == 0
            commit(statement_connection())
    assert encoded == {"first": [["first"]], "second": [["second"]]}
