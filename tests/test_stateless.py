"""Two gunicorn servers on one database serve the same students as if they were one.

Each server is a separate process with one worker, so anything kept in a worker's memory
(sessions, CSRF secrets, rate-limit counters, mutable caches) would break these flows. CSRF
stays on, as in production. Runs on the test database: a SQLite file in WAL mode, or
PostgreSQL when QUIZAPP_TEST_DATABASE_URL is set.
"""
import importlib.util
import threading

import pytest

from benchmarks.servers import TOKEN, Browser, Server
from quizapp.bank import load_path
from quizapp.extensions import db
from quizapp.models import Attempt, Question, Quiz, Response

from .conftest import MINI_FILE

pytestmark = pytest.mark.skipif(importlib.util.find_spec("gunicorn") is None, reason="gunicorn is not installed")

SECRET = "stateless-test-secret"


@pytest.fixture
def servers(make_app, tmp_path):
    """(app, server A, server B): two gunicorns on the app's database with the mini quiz loaded."""
    app = make_app()
    with app.app_context():
        load_path(MINI_FILE)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    # One worker each, like production otherwise: anything kept in a worker's memory would show.
    env = {"DATABASE_URL": url, "SECRET_KEY": SECRET, "WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "2",
           "SCHEMA_CHECK": "false", "LOG_LEVEL": "WARNING"}
    pair = [Server("quizapp:create_app()", env, tmp_path / f"{name}.log", "/healthz") for name in "ab"]
    for server in pair:
        server.wait_until_ready(timeout=20)
    yield app, *pair
    for server in pair:
        server.stop()


def _quiz_and_answers(app) -> tuple[str, dict]:
    with app.app_context():
        code = db.session.execute(db.select(Quiz.code)).scalar_one()
        ids = dict(db.session.execute(db.select(Question.key, Question.id)).all())
    return code, {f"q{ids['anzahl-bruecken']}": "12", f"q{ids['wer-sagt-kosten']}": "a",
                  f"q{ids['was-ist-vermutung']}": ["a", "b"], f"q{ids['beginn-april']}": "false",
                  f"q{ids['beleg-datum']}": "a"}


def _start(browser: Browser, server: Server, code: str, name: str) -> int:
    token = browser.token(f"/quiz/{code}", server=server)
    status, location, page = browser.request("POST", f"/quiz/{code}/start",
                                             {"display_name": name, "csrf_token": token}, server=server)
    assert status == 302, page
    return int(location.rstrip("/").rsplit("/", 1)[1])


def test_student_starts_on_one_server_answers_on_the_other_and_sees_the_result_on_the_first(servers):
    app, a, b = servers
    code, answers = _quiz_and_answers(app)
    browser = Browser()
    attempt_id = _start(browser, a, code, "Mia")

    status, _, page = browser.request("GET", f"/attempts/{attempt_id}", server=b)
    assert status == 200 and page.count('class="question"') == 5
    token = TOKEN.search(page).group(1)  # a CSRF token issued by B ...
    status, location, _ = browser.request("POST", f"/attempts/{attempt_id}", {**answers, "csrf_token": token},
                                          server=b)
    assert status == 302 and location.endswith(f"/attempts/{attempt_id}/result")

    status, _, result = browser.request("GET", f"/attempts/{attempt_id}/result", server=a)
    assert status == 200 and "6 / 6" in result
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).score == 6


def test_double_submit_split_across_both_servers_stores_one_attempt(servers):
    app, a, b = servers
    code, answers = _quiz_and_answers(app)
    browser = Browser()
    attempt_id = _start(browser, b, code, "Ben")
    token = browser.token(f"/attempts/{attempt_id}", server=a)
    outcomes = []

    def submit(server):
        outcomes.append(browser.request("POST", f"/attempts/{attempt_id}", {**answers, "csrf_token": token},
                                        server=server))

    threads = [threading.Thread(target=submit, args=(server,)) for server in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=15)
    assert [status for status, _, _ in outcomes] == [302, 302]
    with app.app_context():
        attempts = db.session.execute(db.select(Attempt)).scalars().all()
        responses = db.session.scalar(db.select(db.func.count()).select_from(Response)
                                      .where(Response.attempt_id == attempt_id))
    assert len(attempts) == 1 and attempts[0].score == 6
    assert responses == 5


def test_failed_sign_ins_count_across_servers(servers):
    _, a, b = servers
    browser = Browser()
    for attempt in range(5):
        server = (a, b)[attempt % 2]
        token = browser.token("/auth/login", server=server)
        status, _, _ = browser.request("POST", "/auth/login",
                                       {"email": "niemand@schule.ch", "password": "falsch", "csrf_token": token},
                                       server=server)
        assert status == 401
    token = browser.token("/auth/login", server=b)
    status, _, _ = browser.request("POST", "/auth/login",
                                   {"email": "niemand@schule.ch", "password": "falsch", "csrf_token": token},
                                   server=b)
    assert status == 429
