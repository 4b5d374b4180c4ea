"""Verified session cookies kept per worker (quizapp.cache.sessions) accept exactly what Flask's
own signed-cookie session accepts: a changed cookie, an expired one or a changed session is
never served from what an earlier request verified."""
import time

import pytest

from quizapp.bank import load_path
from quizapp.cache.sessions import VerifiedCookieSessionInterface
from quizapp.extensions import db
from quizapp.models import Attempt, Quiz

from .conftest import MINI_FILE


def _student_on_quiz(client, code: str) -> int:
    """Start the quiz as a new student; forget the remember-me cookie, so only the session signs in."""
    response = client.post(f"/quiz/{code}/start", data={"display_name": "Mia"})
    assert response.status_code == 302
    client.delete_cookie("remember_token")
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def test_the_app_uses_the_verified_cookie_session(app):
    assert isinstance(app.session_interface, VerifiedCookieSessionInterface)


@pytest.mark.parametrize("cache_size", [20_000, 0])
def test_a_changed_cookie_is_refused_after_the_genuine_one_was_verified(make_app, cache_size):
    app = make_app(SESSION_CACHE_SIZE=cache_size)
    with app.app_context():
        load_path(MINI_FILE)
        code = db.session.execute(db.select(Quiz.code)).scalar_one()
    client = app.test_client()
    attempt_id = _student_on_quiz(client, code)
    assert client.get(f"/attempts/{attempt_id}").status_code == 200  # verified, and kept
    genuine = client.get_cookie("session").value
    forged = genuine[:-2] + ("AA" if genuine[-2:] != "AA" else "BB")
    client.set_cookie("session", forged)
    assert client.get(f"/attempts/{attempt_id}").status_code == 404  # nobody is signed in
    client.set_cookie("session", genuine)
    page = client.get(f"/attempts/{attempt_id}")
    assert page.status_code == 200 and "Mia" in page.get_data(as_text=True)


def test_a_kept_cookie_expires_with_the_session_lifetime(make_app, monkeypatch):
    app = make_app(PERMANENT_SESSION_LIFETIME=600)
    with app.app_context():
        load_path(MINI_FILE)
        code = db.session.execute(db.select(Quiz.code)).scalar_one()
    client = app.test_client()
    attempt_id = _student_on_quiz(client, code)
    assert client.get(f"/attempts/{attempt_id}").status_code == 200
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 599)
    assert client.get(f"/attempts/{attempt_id}").status_code == 200
    monkeypatch.setattr(time, "time", lambda: now + 700)
    assert client.get(f"/attempts/{attempt_id}").status_code == 404


def test_a_request_that_changes_its_session_changes_nothing_kept(app, mini_quiz, student):
    """A submit of an already submitted attempt flashes a message into the session; the same
    old cookie sent again must not carry that message."""
    client = student.client
    attempt_id = _student_on_quiz(client, mini_quiz)
    assert student.submit(attempt_id, {}).status_code == 302
    assert client.get(f"/attempts/{attempt_id}/result").status_code == 200  # adds the CSRF secret to the session
    old_cookie = client.get_cookie("session").value
    assert client.get(f"/attempts/{attempt_id}/result").status_code == 200  # the old cookie, verified and kept
    assert client.get_cookie("session").value == old_cookie
    again = student.submit(attempt_id, {})  # flashes "already submitted" into a new cookie
    assert again.status_code == 302
    assert client.get_cookie("session").value != old_cookie
    new_cookie = client.get_cookie("session").value
    client.set_cookie("session", old_cookie)
    assert "schon abgegeben" not in client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    client.set_cookie("session", new_cookie)
    assert "schon abgegeben" in client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).submitted_at is not None
