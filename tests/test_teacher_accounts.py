"""Teacher accounts: sign-in (generic failure, rate limit, safe redirects), the CLI, colleagues, passwords."""
import logging
import re

import pytest

from quizapp.extensions import db
from quizapp.auth.throttle import ACCOUNT_FROM_ADDRESS
from quizapp.models import RateCount, Teacher
from quizapp.services.ratelimits import key

from .conftest import TEACHER_PASSWORD, sign_in
from .teacher_helpers import count

NEW_PASSWORD = "a much longer passphrase"


def english(client):
    client.set_cookie("lang", "en")
    return client


# ---------------------------------------------------------------- sign-in

def test_sign_in_redirects_to_the_dashboard(app, make_teacher, client):
    make_teacher()
    response = sign_in(client, "LehrerIn@Schule.ch ")  # email case and spaces do not matter
    assert response.status_code == 302 and response.headers["Location"] == "/teacher/"
    assert client.get("/teacher/").status_code == 200


def test_wrong_password_and_unknown_email_get_the_same_generic_message(app, make_teacher, client):
    make_teacher()
    english(client)
    wrong = sign_in(client, "lehrerin@schule.ch", "not the password")
    unknown = sign_in(client, "nobody@schule.ch", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    for response in (wrong, unknown):
        assert "Email or password is wrong." in response.get_data(as_text=True)
    assert client.get("/teacher/").status_code == 302


def test_a_refused_sign_in_says_why_where_focus_lands(app, make_teacher, client):
    make_teacher()
    english(client)
    page = sign_in(client, "lehrerin@schule.ch", "not the password").get_data(as_text=True)
    summary = re.search(r'<div class="flash flash-error error-summary" role="alert"([^>]*)>(.*?)</div>', page, re.S)
    assert "data-focus-on-load" in summary.group(1) and "Email or password is wrong." in summary.group(2)
    assert page.count('role="alert"') == 1 and page.count("Email or password is wrong.") == 1


def test_sixth_attempt_after_five_failures_is_429_even_with_the_right_password(app, make_teacher, client):
    make_teacher()
    for _ in range(5):
        assert sign_in(client, "lehrerin@schule.ch", "wrong password!").status_code == 401
    assert sign_in(client, "lehrerin@schule.ch").status_code == 429
    with app.app_context():  # the refused try is not counted
        assert db.session.scalar(db.select(RateCount.tries).filter_by(
            key=key(ACCOUNT_FROM_ADDRESS, "lehrerin@schule.ch\x00127.0.0.1"))) == 5


def test_failures_are_counted_per_email(app, make_teacher, client):
    make_teacher()
    make_teacher(email="kollege@schule.ch")
    for _ in range(5):
        sign_in(client, "lehrerin@schule.ch", "wrong password!")
    assert sign_in(app.test_client(), "kollege@schule.ch").status_code == 302


def test_success_clears_the_failures(app, make_teacher, client):
    make_teacher()
    for _ in range(4):
        sign_in(client, "lehrerin@schule.ch", "wrong password!")
    assert sign_in(client, "lehrerin@schule.ch").status_code == 302
    other = app.test_client()
    assert [sign_in(other, "lehrerin@schule.ch", "wrong password!").status_code for _ in range(5)] == [401] * 5


def test_passwords_never_reach_the_log(app, make_teacher, client, caplog):
    make_teacher()
    with caplog.at_level(logging.DEBUG):
        sign_in(client, "lehrerin@schule.ch", "secret-typo-123")
        sign_in(client, "lehrerin@schule.ch")
        client.post("/teacher/password", data={"current_password": TEACHER_PASSWORD,
                                               "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert caplog.records  # the request log did write
    for secret in ("secret-typo-123", TEACHER_PASSWORD, NEW_PASSWORD):
        assert secret not in caplog.text


def test_password_is_stored_as_a_scrypt_hash(app, make_teacher):
    make_teacher()
    with app.app_context():
        stored = db.session.execute(db.select(Teacher.password_hash)).scalar_one()
    assert stored.startswith("scrypt:") and TEACHER_PASSWORD not in stored


@pytest.mark.parametrize("target", ["/teacher/classes", "/teacher/quizzes?x=1"])
def test_next_within_the_site_is_followed(app, make_teacher, client, target):
    make_teacher()
    response = client.post(f"/auth/login?next={target}",
                           data={"email": "lehrerin@schule.ch", "password": TEACHER_PASSWORD})
    assert response.headers["Location"] == target


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example",
                                    "\\\\evil.example", "javascript:alert(1)", "evil.example",
                                    "/\n/evil.example", "/\t/evil.example"])
def test_next_to_another_site_is_ignored(app, make_teacher, client, target):
    make_teacher()
    from urllib.parse import quote
    response = client.post(f"/auth/login?next={quote(target, safe='')}",
                           data={"email": "lehrerin@schule.ch", "password": TEACHER_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/teacher/"


def test_teacher_page_sends_anonymous_visitors_to_sign_in_and_back(app, make_teacher, client):
    make_teacher()
    response = client.get("/teacher/classes")
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login?next=")
    signed_in = client.post(response.headers["Location"],
                            data={"email": "lehrerin@schule.ch", "password": TEACHER_PASSWORD})
    assert signed_in.headers["Location"] == "/teacher/classes"


def test_sign_out_needs_a_post(teacher_client):
    asked = teacher_client.get("/auth/logout")  # a page that asks, with the form that signs out
    assert asked.status_code == 200 and 'action="/auth/logout"' in asked.get_data(as_text=True)
    assert teacher_client.get("/teacher/").status_code == 200  # still signed in
    assert teacher_client.post("/auth/logout").status_code == 302
    assert teacher_client.get("/teacher/").status_code == 302


# ---------------------------------------------------------------- create-teacher CLI

def test_cli_asks_twice_without_echo_and_creates_a_hashed_account(app, runner):
    result = runner.invoke(args=["create-teacher", "Anna@Schule.ch", "--name", "Anna Muster"],
                           input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert NEW_PASSWORD not in result.output  # hidden input is not echoed
    with app.app_context():
        teacher = db.session.execute(db.select(Teacher)).scalar_one()
        assert (teacher.email, teacher.name) == ("anna@schule.ch", "Anna Muster")
        assert teacher.check_password(NEW_PASSWORD)
    assert sign_in(app.test_client(), "anna@schule.ch", NEW_PASSWORD).status_code == 302


def test_cli_asks_again_when_the_password_is_short_or_the_repetition_differs(app, runner):
    result = runner.invoke(args=["create-teacher", "anna@schule.ch"],
                           input=f"short\n{NEW_PASSWORD}\nsomething else\n{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "needs at least 10 characters" in result.output  # the CLI speaks the operator's language: C is English
    assert "do not match" in result.output
    with app.app_context():
        teacher = db.session.execute(db.select(Teacher)).scalar_one()
        assert teacher.name == "anna" and teacher.check_password(NEW_PASSWORD)


def test_cli_reads_the_password_from_stdin(app, runner):
    result = runner.invoke(args=["create-teacher", "anna@schule.ch", "--password-stdin"], input=f"{NEW_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert count(app, Teacher, email="anna@schule.ch") == 1


def test_cli_refuses_a_short_password_from_stdin(app, runner):
    result = runner.invoke(args=["create-teacher", "anna@schule.ch", "--password-stdin"], input="short\n",
                           env={"LANG": "de_CH.UTF-8"})
    assert result.exit_code == 1
    assert "mindestens 10 Zeichen" in result.output  # the CLI speaks the operator's language
    assert count(app, Teacher) == 0


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "two@@signs.ch", "spa ce@schule.ch", ""])
def test_cli_refuses_a_bad_email_before_asking_for_a_password(app, runner, email):
    result = runner.invoke(args=["create-teacher", email], input="")
    assert result.exit_code == 1
    assert "valid email address" in result.output
    assert "Password" not in result.output
    assert count(app, Teacher) == 0


def test_cli_refuses_a_duplicate_email(app, runner, make_teacher):
    make_teacher()
    result = runner.invoke(args=["create-teacher", "LEHRERIN@schule.ch", "--password-stdin"], input=f"{NEW_PASSWORD}\n")
    assert result.exit_code == 1
    assert "A teacher with this email already exists." in result.output
    assert count(app, Teacher) == 1


# ---------------------------------------------------------------- colleagues and passwords

@pytest.fixture
def admin_client(app, teacher_client):
    """The signed-in teacher, made an administrator (only they create accounts)."""
    with app.app_context():
        db.session.get(Teacher, teacher_client.teacher_id).is_admin = True
        db.session.commit()
    return teacher_client


def test_teacher_creates_a_colleague_who_can_sign_in(app, admin_client):
    teacher_client = admin_client
    response = teacher_client.post("/teacher/teachers", data={
        "email": "neu@schule.ch", "name": "Herr Neu", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert "Herr Neu" in teacher_client.get("/teacher/teachers").get_data(as_text=True)
    assert sign_in(app.test_client(), "neu@schule.ch", NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize("data, field_text", [
    ({"email": "lehrerin@schule.ch", "name": "X", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
     "already exists"),
    ({"email": "kein-email", "name": "X", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, "valid email"),
    ({"email": "neu@schule.ch", "name": "X", "password": "short", "confirm": "short"}, "Between 10 and 200"),
    ({"email": "neu@schule.ch", "name": "X", "password": NEW_PASSWORD, "confirm": "different!!"}, "differ"),
    ({"email": "neu@schule.ch", "name": "", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, "enter a name"),
])
def test_creating_a_colleague_with_bad_input_is_400_with_the_reason(app, admin_client, data, field_text):
    teacher_client = english(admin_client)
    response = teacher_client.post("/teacher/teachers", data=data)
    assert response.status_code == 400
    assert field_text in response.get_data(as_text=True)
    assert count(app, Teacher) == 1


def test_changing_the_password_needs_the_current_one(app, teacher_client):
    english(teacher_client)
    wrong = teacher_client.post("/teacher/password", data={
        "current_password": "not it at all", "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert wrong.status_code == 400 and "The current password is wrong." in wrong.get_data(as_text=True)
    right = teacher_client.post("/teacher/password", data={
        "current_password": TEACHER_PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert right.status_code == 302
    assert sign_in(app.test_client(), "lehrerin@schule.ch", TEACHER_PASSWORD).status_code == 401
    assert sign_in(app.test_client(), "lehrerin@schule.ch", NEW_PASSWORD).status_code == 302


def test_a_student_cannot_open_teacher_pages(app, client, mini_quiz, student):
    student.start(mini_quiz)
    assert client.get("/teacher/").status_code == 403
    assert client.post("/teacher/teachers", data={"email": "x@y.ch", "name": "X", "password": NEW_PASSWORD,
                                                  "confirm": NEW_PASSWORD}).status_code == 403
    assert count(app, Teacher) == 0


def test_a_new_password_signs_out_every_other_session_but_this_one(app, make_teacher):
    make_teacher()
    laptop, phone, remembered = app.test_client(), app.test_client(), app.test_client()
    for device in (laptop, phone):
        assert sign_in(device, "lehrerin@schule.ch").status_code == 302
    assert remembered.post("/auth/login", data={"email": "lehrerin@schule.ch", "password": TEACHER_PASSWORD,
                                                "remember": "y"}).status_code == 302
    with remembered.session_transaction() as session:
        session.clear()  # the browser was closed: only the remember-me cookie is left
    assert remembered.get("/teacher/").status_code == 200
    changed = laptop.post("/teacher/password", data={
        "current_password": TEACHER_PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert changed.status_code == 302
    assert laptop.get("/teacher/").status_code == 200
    with remembered.session_transaction() as session:
        session.clear()  # closed again: the old remember-me cookie is all it has
    for device in (phone, remembered):
        gone = device.get("/teacher/")
        assert gone.status_code == 302 and "/auth/login" in gone.headers["Location"]
