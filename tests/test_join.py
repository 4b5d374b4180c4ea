"""Students join a class with its code, a name and maybe a PIN; nobody takes over another's name."""
import re

import pytest

from quizapp.services.codes import ALPHABET
from quizapp.extensions import db
from quizapp.services.joining import PIN_ADDRESS, PIN_STUDENT
from quizapp.models import Attempt, RateCount, Student
from quizapp.services.ratelimits import key

from .teacher_helpers import client_for_teacher, count, join, joined_student, make_classroom


@pytest.fixture
def classroom(app, make_teacher):
    teacher_id = make_teacher(email="klassenlehrer@schule.ch")
    classroom_id, code = make_classroom(app, teacher_id)
    return {"id": classroom_id, "code": code, "teacher_id": teacher_id}


def student_row(app, student_id: int) -> Student:
    with app.app_context():
        student = db.session.get(Student, student_id)
        db.session.expunge(student)
        return student


def test_join_codes_use_the_unambiguous_alphabet(classroom):
    assert re.fullmatch(f"[{ALPHABET}]{{6}}", classroom["code"])
    assert not set("01OI") & set(ALPHABET)


def test_new_name_creates_the_student_signs_them_in_and_lists_class_quizzes(app, classroom, mini_quiz):
    from quizapp.models import Quiz, QuizClassroom
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz)).scalar_one()
        quiz.public = False
        db.session.add(QuizClassroom(quiz_id=quiz.id, classroom_id=classroom["id"]))
        db.session.commit()
    client = app.test_client()
    assert mini_quiz not in client.get("/").get_data(as_text=True)
    response = join(client, classroom["code"], "Mia")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "remember_token" in response.headers.get("Set-Cookie", "") or any(
        "remember_token" in h for h in response.headers.getlist("Set-Cookie"))
    home = client.get("/").get_data(as_text=True)
    assert f"/quiz/{mini_quiz}" in home
    assert 'id="my-class"' in home
    assert count(app, Student, classroom_id=classroom["id"], display_name="Mia") == 1


def test_code_is_accepted_in_lower_case_and_with_spaces(app, classroom):
    messy = " ".join(classroom["code"].lower())
    assert join(app.test_client(), messy, "Mia").status_code == 302


def test_unknown_code_is_a_clear_400(app, classroom):
    client = app.test_client()
    client.set_cookie("lang", "en")
    response = join(client, "ZZZZZZ", "Mia")
    assert response.status_code == 400
    assert "There is no class with this code" in response.get_data(as_text=True)
    assert count(app, Student) == 0


def test_a_quiz_code_typed_into_the_class_form_leads_to_the_quiz(app, classroom, mini_quiz):
    response = join(app.test_client(), mini_quiz.lower(), "Mia")
    assert response.status_code == 302 and response.headers["Location"] == f"/quiz/{mini_quiz}"
    assert count(app, Student) == 0


@pytest.mark.parametrize("data", [
    {"code": "", "display_name": "Mia"},
    {"code": "ABCDEF", "display_name": ""},
    {"code": "ABCDEF", "display_name": "<script>"},
    {"code": "ABCDEF", "display_name": "Mia", "pin": "12"},
    {"code": "ABCDEF", "display_name": "Mia", "pin": "12ab"},
    {"code": "ABCDEF", "display_name": "x" * 41},
])
def test_bad_form_input_is_400_and_creates_nobody(app, classroom, data):
    response = app.test_client().post("/join", data=data)
    assert response.status_code == 400
    assert 'class="field-error"' in response.get_data(as_text=True)
    assert count(app, Student) == 0


def test_taken_name_without_pin_is_refused_not_taken_over(app, classroom):
    first = joined_student(app, classroom["code"], "Mia")
    intruder = app.test_client()
    intruder.set_cookie("lang", "en")
    response = join(intruder, classroom["code"], "mia")  # names compare without case
    assert response.status_code == 400
    assert "This name is taken in this class; pick another or ask your teacher to set a PIN." in \
        response.get_data(as_text=True)
    assert count(app, Student, classroom_id=classroom["id"]) == 1
    # The intruder is not signed in as Mia.
    assert intruder.get("/me/attempts").status_code == 302
    assert first.get("/me/attempts").status_code == 200


def test_name_with_pin_returns_on_another_device_with_the_right_pin(app, classroom, mini_quiz, make_attempt):
    first = joined_student(app, classroom["code"], "Mia", pin="4711")
    with app.app_context():
        student = db.session.get(Student, first.student_id)
        assert student.pin_hash and "4711" not in student.pin_hash
    make_attempt(mini_quiz, {}, name="other")  # noise: someone else's attempt
    with app.app_context():
        db.session.execute(db.update(Attempt).values(student_id=first.student_id))
        db.session.commit()
    other_device = app.test_client()
    other_device.set_cookie("lang", "en")
    assert join(other_device, classroom["code"], "Mia", pin="1234").status_code == 400
    assert join(other_device, classroom["code"], "Mia").status_code == 400  # the PIN is needed
    response = join(other_device, classroom["code"], "Mia", pin="4711")
    assert response.status_code == 302
    history = other_device.get("/me/attempts")
    assert history.status_code == 200 and "Mini-Quiz" in history.get_data(as_text=True)
    assert count(app, Student, classroom_id=classroom["id"]) == 1
    with app.app_context():  # a right PIN clears the student's wrong ones
        assert count(app, RateCount, key=key(PIN_STUDENT, str(first.student_id))) == 0


def test_wrong_pins_are_limited_per_student(app, classroom):
    joined_student(app, classroom["code"], "Mia", pin="4711")
    guesser = app.test_client()
    limit = app.config["LOGIN_RATE_LIMIT"]
    for guess in range(limit):
        assert join(guesser, classroom["code"], "Mia", pin=f"{1000 + guess}").status_code == 400
    assert join(guesser, classroom["code"], "Mia", pin="4711").status_code == 429  # even the right PIN waits
    with app.app_context():  # counted under the PIN's own keys, never as teacher sign-ins
        student_id = db.session.scalar(db.select(Student.id).filter_by(display_name="Mia"))
        stored = dict(db.session.execute(db.select(RateCount.key, RateCount.tries)).all())
        assert stored == {key(PIN_STUDENT, str(student_id)): limit, key(PIN_ADDRESS, "127.0.0.1"): limit}


def test_pin_failures_do_not_lock_teacher_sign_in_from_the_same_address(app, classroom, make_teacher):
    joined_student(app, classroom["code"], "Mia", pin="4711")
    guesser = app.test_client()
    for guess in range(app.config["LOGIN_RATE_LIMIT"] * 10):
        join(guesser, classroom["code"], "Mia", pin=f"{1000 + guess}")
    assert client_for_teacher(app, make_teacher).teacher_id  # signs in fine


def test_anonymous_quiz_taker_who_joins_is_moved_into_the_class_with_their_attempts(app, classroom, student,
                                                                                     client, mini_quiz):
    attempt_id = student.start(mini_quiz, name="Mia")
    student.submit(attempt_id, {})
    response = join(client, classroom["code"], "Mia B.")
    assert response.status_code == 302
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        moved = db.session.get(Student, attempt.student_id)
        assert moved.classroom_id == classroom["id"] and moved.display_name == "Mia B."
        assert db.session.scalar(db.select(db.func.count()).select_from(Student)) == 1
    assert client.get(f"/attempts/{attempt_id}/result").status_code == 200


def test_anonymous_quiz_taker_whose_name_is_taken_is_refused(app, classroom, student, client, mini_quiz):
    joined_student(app, classroom["code"], "Mia")
    student.start(mini_quiz, name="Mia")
    assert join(client, classroom["code"], "Mia").status_code == 400
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Student)
                                 .where(Student.classroom_id.is_(None))) == 1


def test_joining_again_with_ones_own_name_changes_nothing(app, classroom):
    client = joined_student(app, classroom["code"], "Mia")
    assert join(client, classroom["code"], "Mia").status_code == 302
    assert count(app, Student) == 1


def test_student_of_another_class_gets_a_new_identity_in_the_new_class(app, classroom):
    client = joined_student(app, classroom["code"], "Mia")
    other_id, other_code = make_classroom(app, classroom["teacher_id"], "4a")
    assert join(client, other_code, "Mia").status_code == 302
    assert student_row(app, client.student_id).classroom_id == classroom["id"]  # the old one stays put
    assert count(app, Student, classroom_id=other_id, display_name="Mia") == 1


def test_signed_in_teacher_cannot_join_as_a_student(app, classroom, teacher_client):
    response = join(teacher_client, classroom["code"], "Mia")
    assert response.status_code == 400
    assert count(app, Student) == 0
    assert teacher_client.get("/teacher/").status_code == 200  # still the teacher


def test_join_page_prefills_the_code_from_the_link(app, classroom):
    page = app.test_client().get(f"/join?code={classroom['code'].lower()}").get_data(as_text=True)
    assert f'value="{classroom["code"]}"' in page


def test_home_page_shows_the_join_form(client):
    page = client.get("/").get_data(as_text=True)
    assert 'action="/join"' in page and 'name="code"' in page
