"""A lost database connection: the submit is tried again and stored, other pages say "reload"."""
import pytest
from sqlalchemy.exc import OperationalError

from quizapp.extensions import db
from quizapp.models import Attempt, Question

from .conftest import POSTGRES_URL, cut_every_postgres_connection


def _answers(app) -> dict:
    with app.app_context():
        ids = dict(db.session.execute(db.select(Question.key, Question.id)).all())
    return {f"q{ids['anzahl-bruecken']}": "12", f"q{ids['wer-sagt-kosten']}": "a"}


def _lost(statement: str = "UPDATE attempts …") -> OperationalError:
    error = OperationalError(statement, {}, Exception("server closed the connection unexpectedly"))
    error.connection_invalidated = True
    return error


def test_a_submit_whose_connection_is_lost_is_tried_again_and_stored(app, student, mini_quiz, monkeypatch):
    from quizapp.student import routes
    attempt_id = student.start(mini_quiz)
    real, calls = routes.submit_attempt, []

    def first_call_loses_the_connection(attempt, form):
        calls.append(attempt.id)
        if len(calls) == 1:
            raise _lost()
        return real(attempt, form)

    monkeypatch.setattr(routes, "submit_attempt", first_call_loses_the_connection)
    response = student.submit(attempt_id, _answers(app))
    assert response.status_code == 302 and response.headers["Location"].endswith("/result")
    assert calls == [attempt_id, attempt_id]
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).score == 2  # both answers right, stored once


def test_a_page_whose_connection_is_lost_answers_503_with_a_message(app, client, mini_quiz, monkeypatch):
    from quizapp.student import routes

    def lost(*args, **kwargs):
        raise _lost("SELECT quizzes …")

    monkeypatch.setattr(routes, "_quiz_by_code", lost)
    client.set_cookie("lang", "en")
    response = client.get(f"/quiz/{mini_quiz}")
    assert response.status_code == 503 and response.headers["Retry-After"] == "2"
    assert "Please reload the page" in response.get_data(as_text=True)


@pytest.mark.skipif(not POSTGRES_URL, reason="needs a PostgreSQL server whose connections can be cut")
def test_after_postgresql_drops_every_connection_no_request_fails_with_a_server_error(make_app, student):
    app = make_app(DATABASE_PING_AFTER_IDLE=60)  # nothing is pinged: the cut shows up in a request
    from quizapp.bank import load_path

    from .conftest import MINI_FILE
    with app.app_context():
        load_path(MINI_FILE)
    client = app.test_client()
    from .conftest import StudentFlow
    flow = StudentFlow(client)
    attempt_id, answers = flow.start("MINI01"), _answers(app)
    assert client.get(f"/attempts/{attempt_id}").status_code == 200
    assert cut_every_postgres_connection() >= 1
    submitted = flow.submit(attempt_id, answers)
    assert submitted.status_code == 302  # tried again on a fresh connection
    statuses = [client.get(f"/attempts/{attempt_id}/result").status_code for _ in range(3)]
    assert 500 not in statuses and statuses[-1] == 200
    with app.app_context():
        db.engine.dispose()  # this test's own pooled connections were cut too
        assert db.session.get(Attempt, attempt_id).submitted_at is not None
