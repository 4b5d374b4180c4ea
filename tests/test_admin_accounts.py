"""Administrators and accounts: who may create and disable teachers, what disabling does to
sign-in and open sessions, password-reset links (once, 24 h), and the password rule."""
import re
import time

import pytest
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import db
from quizapp.models import Teacher

from .conftest import TEACHER_PASSWORD, sign_in
from .teacher_helpers import count

NEW_PASSWORD = "violet tram over the lake"
COLLEAGUE = "kollege@schule.ch"


def _make_admin(app, teacher_id: int, admin: bool = True) -> None:
    with app.app_context():
        db.session.get(Teacher, teacher_id).is_admin = admin
        db.session.commit()


@pytest.fixture
def admin(app, teacher_client):
    """lehrerin@schule.ch, signed in, an administrator, in English."""
    _make_admin(app, teacher_client.teacher_id)
    teacher_client.set_cookie("lang", "en")
    return teacher_client


@pytest.fixture
def colleague(app, make_teacher):
    """A second teacher, signed in on a client of their own (id in .teacher_id)."""
    teacher_id = make_teacher(email=COLLEAGUE, name="Herr Kollege")
    client = app.test_client()
    assert sign_in(client, COLLEAGUE).status_code == 302
    client.teacher_id = teacher_id
    client.set_cookie("lang", "en")
    return client


def text(response) -> str:
    return response.get_data(as_text=True)


def _teacher(app, email: str) -> Teacher:
    with app.app_context():
        teacher = db.session.execute(db.select(Teacher).filter_by(email=email)).scalar_one()
        db.session.expunge(teacher)
        return teacher


# ---------------------------------------------------------------- who may manage accounts

def test_a_teacher_who_is_no_administrator_cannot_create_accounts(app, teacher_client):
    assert teacher_client.get("/teacher/teachers").status_code == 403
    response = teacher_client.post("/teacher/teachers", data={
        "email": "neu@schule.ch", "name": "Herr Neu", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 403
    assert count(app, Teacher) == 1
    assert 'href="/teacher/teachers"' not in text(teacher_client.get("/teacher/"))


def test_an_administrator_creates_an_account_and_may_make_it_an_administrator(app, admin):
    assert 'href="/teacher/teachers"' in text(admin.get("/teacher/"))
    response = admin.post("/teacher/teachers", data={
        "email": "neu@schule.ch", "name": "Herr Neu", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "admin": "y"})
    assert response.status_code == 302
    page = text(admin.get("/teacher/teachers"))
    assert "Herr Neu" in page and "administrator" in page
    assert _teacher(app, "neu@schule.ch").is_admin
    assert sign_in(app.test_client(), "neu@schule.ch", NEW_PASSWORD).status_code == 302


def test_a_non_administrator_cannot_disable_or_reset_anyone(app, teacher_client, colleague):
    for action, data in (("active", {"value": "off"}), ("admin", {"value": "on"}), ("reset-link", {"value": "on"})):
        response = teacher_client.post(f"/teacher/teachers/{colleague.teacher_id}/{action}", data=data)
        assert response.status_code == 403, action
    after = _teacher(app, COLLEAGUE)
    assert after.active and not after.is_admin
    assert colleague.get("/teacher/").status_code == 200


def test_an_unknown_or_huge_teacher_id_is_404(admin):
    for teacher_id in (999_999, 99_999_999_999_999_999_999):
        assert admin.post(f"/teacher/teachers/{teacher_id}/active", data={"value": "off"}).status_code == 404


# ---------------------------------------------------------------- disabling

def test_a_disabled_teacher_cannot_sign_in_and_their_open_session_ends(app, admin, colleague):
    remembered = app.test_client()
    assert remembered.post("/auth/login", data={"email": COLLEAGUE, "password": TEACHER_PASSWORD,
                                                "remember": "y"}).status_code == 302
    saved = colleague.get_cookie("session").value

    response = admin.post(f"/teacher/teachers/{colleague.teacher_id}/active", data={"value": "off"})
    assert response.status_code == 302
    assert "disabled" in text(admin.get("/teacher/teachers"))
    assert not _teacher(app, COLLEAGUE).active

    gone = colleague.get("/teacher/")
    assert gone.status_code == 302 and "/auth/login" in gone.headers["Location"]
    replay = app.test_client()
    replay.set_cookie("session", saved)  # the cookie saved before: no longer good for anything
    assert replay.get("/teacher/").status_code == 302
    with remembered.session_transaction() as session:
        session.clear()  # the browser was closed: only the remember-me cookie is left
    assert remembered.get("/teacher/").status_code == 302

    refused = english(app.test_client())
    response = sign_in(refused, COLLEAGUE)
    assert response.status_code == 403
    assert "This account is disabled" in text(response)
    assert refused.get("/teacher/").status_code == 302
    wrong = sign_in(english(app.test_client()), COLLEAGUE, "not the password at all")
    assert wrong.status_code == 401 and "disabled" not in text(wrong)  # tells nothing without the password

    assert admin.post(f"/teacher/teachers/{colleague.teacher_id}/active", data={"value": "on"}).status_code == 302
    assert sign_in(app.test_client(), COLLEAGUE).status_code == 302


def english(client):
    client.set_cookie("lang", "en")
    return client


def test_an_administrator_cannot_disable_themselves_or_another_administrator(app, admin, colleague):
    own = admin.post(f"/teacher/teachers/{admin.teacher_id}/active", data={"value": "off"})
    assert own.status_code == 409 and "cannot change your own account" in text(own)
    _make_admin(app, colleague.teacher_id)
    other = admin.post(f"/teacher/teachers/{colleague.teacher_id}/active", data={"value": "off"})
    assert other.status_code == 409 and "take the role away first" in text(other)
    assert _teacher(app, COLLEAGUE).active and _teacher(app, "lehrerin@schule.ch").active
    demoted = admin.post(f"/teacher/teachers/{colleague.teacher_id}/admin", data={"value": "off"})
    assert demoted.status_code == 302 and not _teacher(app, COLLEAGUE).is_admin


def test_the_database_refuses_a_disabled_administrator(app, make_teacher):
    teacher_id = make_teacher()
    with app.app_context():
        teacher = db.session.get(Teacher, teacher_id)
        teacher.is_admin, teacher.active = True, False
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


# ---------------------------------------------------------------- reset links

def _issue_link(admin, teacher_id: int) -> str:
    response = admin.post(f"/teacher/teachers/{teacher_id}/reset-link", data={"value": "on"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    link = re.search(r'(http[^<\s]+/auth/reset\?token=[^<\s]+)</textarea>', text(response)).group(1)
    return link.split("localhost", 1)[1]


def test_a_reset_link_sets_a_new_password_once_and_ends_every_session(app, admin, colleague, caplog):
    path = _issue_link(admin, colleague.teacher_id)
    token = path.split("token=", 1)[1]
    visitor = english(app.test_client())
    form = visitor.get(path)
    assert form.status_code == 200 and COLLEAGUE in text(form)
    done = visitor.post(path, data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302 and done.headers["Location"] == "/auth/login"

    assert colleague.get("/teacher/").status_code == 302  # the colleague's open session ended
    assert sign_in(app.test_client(), COLLEAGUE, TEACHER_PASSWORD).status_code == 401
    assert sign_in(app.test_client(), COLLEAGUE, NEW_PASSWORD).status_code == 302

    again = visitor.post(path, data={"new_password": "another fine passphrase", "confirm": "another fine passphrase"})
    assert again.status_code == 410 and "not valid" in text(again)
    assert visitor.get(path).status_code == 410
    assert sign_in(app.test_client(), COLLEAGUE, NEW_PASSWORD).status_code == 302
    assert "/auth/reset" in caplog.text and token not in caplog.text  # the request log leaves the token out


def test_a_reset_link_expires_after_24_hours(app, admin, colleague, monkeypatch):
    path = _issue_link(admin, colleague.teacher_id)
    issued = time.time()
    monkeypatch.setattr(time, "time", lambda: issued + 23.9 * 3600)
    assert english(app.test_client()).get(path).status_code == 200
    monkeypatch.setattr(time, "time", lambda: issued + 24.1 * 3600)
    late = english(app.test_client()).post(path, data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert late.status_code == 410 and "expired" in text(late)
    monkeypatch.undo()
    assert sign_in(app.test_client(), COLLEAGUE, TEACHER_PASSWORD).status_code == 302


def test_a_forged_or_altered_link_does_nothing(app, admin, colleague):
    path = _issue_link(admin, colleague.teacher_id)
    for forged in (path[:-3] + ("aaa" if not path.endswith("aaa") else "bbb"), "/auth/reset?token=x", "/auth/reset", "/auth/reset?token=" + "A" * 5000):
        response = english(app.test_client()).post(forged, data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
        assert response.status_code == 410 and "not valid" in text(response)
    assert sign_in(app.test_client(), COLLEAGUE, TEACHER_PASSWORD).status_code == 302


def test_a_reset_link_refuses_a_weak_password_and_stays_usable(app, admin, colleague):
    path = _issue_link(admin, colleague.teacher_id)
    weak = english(app.test_client()).post(path, data={"new_password": "Passwort2025!", "confirm": "Passwort2025!"})
    assert weak.status_code == 400 and "first ones attackers try" in text(weak)
    assert english(app.test_client()).post(path, data={"new_password": NEW_PASSWORD,
                                                       "confirm": NEW_PASSWORD}).status_code == 302


def test_a_link_for_a_teacher_disabled_since_does_not_work(app, admin, colleague):
    path = _issue_link(admin, colleague.teacher_id)
    admin.post(f"/teacher/teachers/{colleague.teacher_id}/active", data={"value": "off"})
    response = english(app.test_client()).get(path)
    assert response.status_code == 410 and "disabled" in text(response)


# ---------------------------------------------------------------- the password rule

@pytest.mark.parametrize("password, reason", [
    ("short1", "at least 10 characters"),
    ("Passwort2025!", "first ones attackers try"),
    ("qwertzuiop12", "first ones attackers try"),
    ("1234567890", "first ones attackers try"),
    ("aaaaaaaaaaaaaa", "first ones attackers try"),
    ("abababababab", "first ones attackers try"),
    ("Sommer2024!!", "first ones attackers try"),
    ("herr.neu.2025", "not be your name or email"),
    ("neu@schule.ch", "not be your name or email"),
])
def test_the_password_rule_refuses_guessable_passwords_with_a_reason(app, admin, password, reason):
    response = admin.post("/teacher/teachers", data={"email": "neu@schule.ch", "name": "Herr Neu",
                                                     "password": password, "confirm": password})
    assert response.status_code == 400
    page = text(response)
    assert reason in page if reason != "at least 10 characters" else "Between 10 and 200" in page
    assert count(app, Teacher) == 1


def test_the_password_rule_speaks_german(app, admin):
    admin.set_cookie("lang", "de")
    response = admin.post("/teacher/password", data={"current_password": TEACHER_PASSWORD,
                                                      "new_password": "Passwort2025!", "confirm": "Passwort2025!"})
    assert response.status_code == 400
    assert "Dieses Passwort probieren Angreifer als Erstes" in text(response)


def test_a_long_unrelated_passphrase_is_accepted(app, admin):
    response = admin.post("/teacher/teachers", data={"email": "neu@schule.ch", "name": "Herr Neu",
                                                     "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302


# ---------------------------------------------------------------- the CLI

def test_the_first_account_the_cli_creates_is_an_administrator_the_next_only_when_asked(app, runner):
    first = runner.invoke(args=["create-teacher", "erste@schule.ch", "--password-stdin"], input=f"{NEW_PASSWORD}\n")
    assert first.exit_code == 0 and "Created administrator" in first.output
    second = runner.invoke(args=["create-teacher", "zweite@schule.ch", "--password-stdin"], input=f"{NEW_PASSWORD}\n")
    assert second.exit_code == 0 and "Created teacher" in second.output
    third = runner.invoke(args=["create-teacher", "dritte@schule.ch", "--admin", "--password-stdin"],
                          input=f"{NEW_PASSWORD}\n")
    assert third.exit_code == 0
    assert [_teacher(app, f"{who}@schule.ch").is_admin for who in ("erste", "zweite", "dritte")] == [True, False, True]


def test_the_cli_refuses_a_password_that_is_the_email(app, runner):
    result = runner.invoke(args=["create-teacher", "anna.muster@schule.ch", "--password-stdin"],
                           input="anna.muster@schule.ch\n")
    assert result.exit_code == 1 and "must not be your name or email address" in result.output
    assert count(app, Teacher) == 0


def test_set_admin_promotes_an_existing_teacher_and_revokes(app, runner, make_teacher):
    make_teacher()
    assert runner.invoke(args=["set-admin", "LehrerIn@schule.ch"]).exit_code == 0
    assert _teacher(app, "lehrerin@schule.ch").is_admin
    assert runner.invoke(args=["set-admin", "lehrerin@schule.ch", "--revoke"]).exit_code == 0
    assert not _teacher(app, "lehrerin@schule.ch").is_admin
    unknown = runner.invoke(args=["set-admin", "niemand@schule.ch"])
    assert unknown.exit_code == 1 and "Error: No teacher has the email" in unknown.output


# ---------------------------------------------------------------- CSRF on the account buttons

def test_the_account_buttons_need_the_page_s_csrf_token(csrf_app):
    from .conftest import _password_hash
    with csrf_app.app_context():
        chefin = Teacher(email="chefin@schule.ch", name="Frau Chefin", is_admin=True,
                         password_hash=_password_hash(TEACHER_PASSWORD))
        other = Teacher(email=COLLEAGUE, name="Herr Kollege", password_hash=_password_hash(TEACHER_PASSWORD))
        db.session.add_all([chefin, other])
        db.session.commit()
        other_id = other.id
    client = csrf_app.test_client()
    login_page = text(client.get("/auth/login"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', login_page)
    token = token.group(1) or token.group(2)
    assert client.post("/auth/login", data={"email": "chefin@schule.ch", "password": TEACHER_PASSWORD,
                                            "csrf_token": token}).status_code == 302
    page = text(client.get("/teacher/teachers"))
    action = f"/teacher/teachers/{other_id}/active"
    form = re.search(rf'<form method="post" class="inline" action="{action}">(.*?)</form>', page, re.S).group(1)
    page_token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    assert 'name="value" value="off"' in form

    assert client.post(action, data={"value": "off"}).status_code == 400  # no token: refused
    assert _teacher(csrf_app, COLLEAGUE).active
    assert client.post(action, data={"value": "off", "csrf_token": page_token}).status_code == 302
    assert not _teacher(csrf_app, COLLEAGUE).active


@pytest.mark.parametrize("email, name, reason", [
    ("neu\x00@schule.ch", "Herr Neu", "control character"),  # refused for every form (input_guard)
    ("neu@schule.ch", "Herr\x00Neu", "control character"),
    ("neu@schule.ch", "Herr \u202eueN", "control character"),  # a right-to-left override
])
def test_control_characters_in_a_new_account_are_refused_with_a_reason(app, admin, email, name, reason):
    response = admin.post("/teacher/teachers", data={"email": email, "name": name,
                                                     "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 400 and reason in text(response)
    assert count(app, Teacher) == 1
