"""Teacher sessions end when they should: at sign-out (on the server, so a saved cookie is
useless), after TEACHER_SESSION_HOURS, and after TEACHER_IDLE_MINUTES without a teacher page."""
import time
from datetime import timedelta

from quizapp.extensions import db
from quizapp.models import SignIn, utcnow

from .conftest import TEACHER_PASSWORD
from .test_csrf import csrf_token

EMAIL = "lehrerin@schule.ch"


def _cookies(client) -> dict[str, str]:
    """The browser's sign-in cookies, as someone who copied them would have them."""
    found = {name: client.get_cookie(name) for name in ("session", "remember_token")}
    return {name: cookie.value for name, cookie in found.items() if cookie is not None}


def _replay(app, cookies: dict[str, str]):
    """A fresh browser that holds exactly the given cookies (an attacker's saved copy)."""
    client = app.test_client()
    for name, value in cookies.items():
        client.set_cookie(name, value)
    return client


def _sign_in(client, remember: bool = False):
    data = {"email": EMAIL, "password": TEACHER_PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/auth/login", data=data)
    assert response.status_code == 302
    return response


def test_a_saved_session_cookie_is_useless_after_sign_out(app, make_teacher):
    make_teacher()
    client = app.test_client()
    _sign_in(client)
    saved = _cookies(client)
    assert _replay(app, saved).get("/teacher/").status_code == 200  # the copy works while signed in
    assert client.post("/auth/logout").status_code == 302
    replayed = _replay(app, saved).get("/teacher/")
    assert replayed.status_code == 302 and "/auth/login" in replayed.headers["Location"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(SignIn)) == 0


def test_a_saved_remember_me_cookie_is_useless_after_sign_out(app, make_teacher):
    make_teacher()
    client = app.test_client()
    _sign_in(client, remember=True)
    remember = {name: value for name, value in _cookies(client).items() if name == "remember_token"}
    assert remember, "signing in with 'stay signed in' sets the remember-me cookie"
    assert _replay(app, remember).get("/teacher/").status_code == 200
    client.post("/auth/logout")
    assert _replay(app, remember).get("/teacher/").status_code == 302


def test_signing_out_one_browser_keeps_the_other_signed_in(app, make_teacher):
    make_teacher()
    school, home = app.test_client(), app.test_client()
    _sign_in(school)
    _sign_in(home)
    school.post("/auth/logout")
    assert home.get("/teacher/").status_code == 200
    assert school.get("/teacher/").status_code == 302


def test_no_teacher_session_outlives_its_lifetime_even_with_remember_me(app, make_teacher):
    make_teacher()
    client = app.test_client()
    _sign_in(client, remember=True)
    assert client.get("/teacher/").status_code == 200
    with app.app_context():
        sign_in = db.session.execute(db.select(SignIn)).scalar_one()
        sign_in.started_at = utcnow() - timedelta(hours=12, minutes=1)
        db.session.commit()
    response = client.get("/teacher/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_an_idle_teacher_session_is_signed_out_with_a_message(app, make_teacher):
    make_teacher()
    client = app.test_client()
    client.set_cookie("lang", "en")
    _sign_in(client)
    assert client.get("/teacher/classes").status_code == 200
    with client.session_transaction() as session:
        session["teacher_seen"] = int(time.time()) - 61 * 60
    response = client.get("/teacher/classes")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "signed out after 60 minutes without activity" in page
    assert client.get("/teacher/").status_code == 302  # and stays signed out


def test_a_teacher_page_within_the_idle_time_keeps_the_session(app, make_teacher):
    make_teacher()
    client = app.test_client()
    _sign_in(client)
    with client.session_transaction() as session:
        session["teacher_seen"] = int(time.time()) - 59 * 60
    assert client.get("/teacher/classes").status_code == 200
    with client.session_transaction() as session:
        assert int(time.time()) - session["teacher_seen"] < 5  # this use starts a new idle period


def test_the_remember_me_cookie_is_secure_when_the_session_cookie_is(make_app, make_teacher):
    app = make_app(SESSION_COOKIE_SECURE=True)
    make_teacher()
    client = app.test_client()
    response = _sign_in(client, remember=True)
    cookies = {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}
    assert "Secure" in cookies["remember_token"] and "HttpOnly" in cookies["remember_token"]
    assert "Secure" in cookies["session"]


def test_signing_in_and_out_renews_the_csrf_token(csrf_app, make_teacher):
    make_teacher()
    client = csrf_app.test_client()
    before = csrf_token(client, "/auth/login")
    signed_in = client.post("/auth/login", data={"email": EMAIL, "password": TEACHER_PASSWORD, "csrf_token": before})
    assert signed_in.status_code == 302
    during = csrf_token(client, "/teacher/classes")
    assert during != before
    old_form = client.post("/teacher/classes", data={"name": "4a", "csrf_token": before})
    assert old_form.status_code == 400  # the token from before the sign-in no longer counts
    client.post("/auth/logout", data={"csrf_token": during})
    assert csrf_token(client, "/auth/login") not in (before, during)
