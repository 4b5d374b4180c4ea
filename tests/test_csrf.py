"""CSRF stays on here: every POST without a valid token is refused with a clear 400."""
import re

from quizapp.extensions import db
from quizapp.models import Attempt, Response


def csrf_token(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "the form carries no CSRF token"
    return match.group(1)


def test_start_without_token_is_400_with_a_message(csrf_app):
    client = csrf_app.test_client()
    client.set_cookie("lang", "en")
    response = client.post("/quiz/MINI01/start", data={"display_name": "Mia"})
    assert response.status_code == 400
    assert "reload the page" in response.get_data(as_text=True)
    with csrf_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Attempt)) == 0


def test_start_and_submit_with_tokens_work(csrf_app):
    client = csrf_app.test_client()
    token = csrf_token(client, "/quiz/MINI01")
    started = client.post("/quiz/MINI01/start", data={"display_name": "Mia", "csrf_token": token})
    assert started.status_code == 302
    attempt_url = started.headers["Location"]
    token = csrf_token(client, attempt_url)
    submitted = client.post(attempt_url, data={"csrf_token": token})
    assert submitted.status_code == 302
    with csrf_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Response)) == 5


def test_submit_without_token_stores_nothing(csrf_app):
    client = csrf_app.test_client()
    token = csrf_token(client, "/quiz/MINI01")
    attempt_url = client.post("/quiz/MINI01/start", data={"display_name": "Mia", "csrf_token": token}).headers["Location"]
    assert client.post(attempt_url, data={}).status_code == 400
    assert client.post(attempt_url, data={"csrf_token": "forged"}).status_code == 400
    with csrf_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Response)) == 0
        assert db.session.execute(db.select(Attempt.submitted_at)).scalar_one() is None


def test_login_and_logout_need_a_token(csrf_app):
    client = csrf_app.test_client()
    assert client.post("/auth/login", data={"email": "a@b.ch", "password": "x"}).status_code == 400
    assert client.post("/auth/logout").status_code == 400


def test_a_token_that_worked_once_still_works_only_in_its_own_session(csrf_app):
    mia, noah = csrf_app.test_client(), csrf_app.test_client()
    mia_token = csrf_token(mia, "/quiz/MINI01")
    noah_token = csrf_token(noah, "/quiz/MINI01")
    assert mia.post("/quiz/MINI01/start", data={"display_name": "Mia", "csrf_token": mia_token}).status_code == 302
    # Mia's token is remembered as verified now; it must still not pass for Noah's session.
    refused = noah.post("/quiz/MINI01/start", data={"display_name": "Noah", "csrf_token": mia_token})
    assert refused.status_code == 400
    assert noah.post("/quiz/MINI01/start", data={"display_name": "Noah", "csrf_token": noah_token}).status_code == 302
    stranger = csrf_app.test_client()  # no session at all
    assert stranger.post("/quiz/MINI01/start", data={"display_name": "Eve", "csrf_token": mia_token}).status_code == 400
    with csrf_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Attempt)) == 2


def test_over_https_a_remembered_token_still_needs_a_referrer_from_this_site(csrf_app):
    client = csrf_app.test_client()
    token = csrf_token(client, "/quiz/MINI01")
    https = {"base_url": "https://localhost"}
    # The worker signed this token itself, so it is remembered as valid from the start.
    for _ in range(2):
        refused = client.post("/quiz/MINI01/start", data={"display_name": "Mia", "csrf_token": token}, **https,
                              headers={"Referer": "https://evil.example/"})
        assert refused.status_code == 400
    started = client.post("/quiz/MINI01/start", data={"display_name": "Mia", "csrf_token": token}, **https,
                          headers={"Referer": "https://localhost/quiz/MINI01"})
    assert started.status_code == 302
    again = client.post("/quiz/MINI01/start", data={"csrf_token": token}, **https, headers={})
    assert again.status_code == 400  # no referrer at all
