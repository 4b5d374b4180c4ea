"""Verified session cookies are remembered per worker, without changing what a cookie means."""
import time

from quizapp.bank import load_path

from .conftest import MINI_FILE, StudentFlow


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def test_a_remembered_cookie_is_a_fresh_copy_for_every_request(app, client, mini_quiz):
    student = StudentFlow(client)
    attempt_id = student.start(mini_quiz)
    assert client.get(f"/attempts/{attempt_id}").status_code == 200  # verified and remembered
    cookie = session_cookie(client)
    student.submit(attempt_id, {})
    resubmitted = student.submit(attempt_id, {})  # flashes "already submitted" into the session
    assert "schon abgegeben" in client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    client.set_cookie("session", cookie)  # the cookie from before the flash
    page = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert resubmitted.status_code == 302 and "schon abgegeben" not in page
    assert "Meine Ergebnisse" in page  # still the signed-in student


def test_a_tampered_cookie_is_not_taken_from_memory(app, client, mini_quiz):
    attempt_id = StudentFlow(client).start(mini_quiz)
    assert client.get(f"/attempts/{attempt_id}").status_code == 200
    cookie = session_cookie(client)
    client.set_cookie("session", cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB"))
    client.delete_cookie("remember_token")
    assert client.get(f"/attempts/{attempt_id}").status_code == 404  # anonymous: not her attempt


def test_a_remembered_cookie_still_expires(make_app):
    app = make_app(PERMANENT_SESSION_LIFETIME=1)
    client = app.test_client()
    with app.app_context():
        load_path(MINI_FILE)
    attempt_id = StudentFlow(client).start("MINI01")
    assert client.get(f"/attempts/{attempt_id}").status_code == 200
    client.delete_cookie("remember_token")
    time.sleep(2.1)
    assert client.get(f"/attempts/{attempt_id}").status_code == 404


def test_a_page_identifies_the_student_as_flask_login_would_in_either_protection_mode(make_app):
    """The attempt pages identify the signed-in student from the row they read (security.
    preload_student); with "strong" session protection a changed browser still signs out."""
    outcomes = {}
    for mode in (None, "basic", "strong"):
        app = make_app(SESSION_PROTECTION=mode)  # one database: loading the file again changes nothing
        with app.app_context():
            load_path(MINI_FILE)
        client = app.test_client()
        attempt_id = StudentFlow(client).start("MINI01")
        same = client.get(f"/attempts/{attempt_id}")
        assert same.status_code == 200 and "Mia" in same.get_data(as_text=True)
        other_browser = client.get(f"/attempts/{attempt_id}", headers={"User-Agent": "another browser"})
        outcomes[mode] = other_browser.status_code
    assert outcomes == {None: 200, "basic": 200, "strong": 404}
