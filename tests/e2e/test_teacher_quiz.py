"""In Chromium: a teacher makes a class and a quiz from the seed questions; a student joins and takes it."""
import re

import pytest

from quizapp.bank import load_path
from quizapp.extensions import db
from quizapp.models import Attempt, Quiz, QuizClassroom, Student, Teacher

from ..conftest import SEED_DIR, TEACHER_PASSWORD

pytestmark = pytest.mark.e2e

EMAIL = "lehrerin@schule.ch"


@pytest.fixture
def school(live_app):
    """The seed bank and one teacher account."""
    with live_app.app_context():
        load_path(SEED_DIR)
        teacher = Teacher(email=EMAIL, name="Frau Keller")
        teacher.set_password(TEACHER_PASSWORD)
        db.session.add(teacher)
        db.session.commit()
        db.session.remove()
    return live_app


def test_teacher_publishes_a_seed_quiz_for_a_class_and_a_student_joins_and_takes_it(school, page):
    # The teacher signs in and creates a class.
    page.goto("/auth/login")
    page.locator("input[name=email]").fill(EMAIL)
    page.locator("input[name=password]").fill(TEACHER_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/teacher/$"))
    page.goto("/teacher/classes")
    page.locator("input[name=name]").fill("3b")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/teacher/classes/\d+$"))
    class_code = page.locator("p#join-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", class_code)

    # A quiz from three hand-picked seed questions, shown in the order the teacher picks.
    page.goto("/teacher/quizzes/new")
    page.locator("#articles a").first.click()
    page.wait_for_url(re.compile(r"/teacher/quizzes/new\?article=\d+$"))
    page.locator("input[name=mode][value=pick]").check()
    for checkbox in page.locator("#questions input[type=checkbox]").all()[:3]:
        checkbox.check()
    page.locator("input[name=title]").fill("Kursk: drei Fragen")
    page.locator("input[name=shuffle_options]").check()
    page.locator("input[name=max_attempts]").fill("2")
    page.locator(".quiz-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/teacher/quizzes/\d+$"))
    assert page.locator("#items li").count() == 3
    second = page.locator("#items li").nth(1).get_attribute("data-question")
    page.locator("#items li").nth(1).locator("input[name=direction][value=up] + button").click()
    page.wait_for_url(re.compile(r"/teacher/quizzes/\d+#item-\d+$"))
    assert page.locator("#items li").first.get_attribute("data-question") == second

    # Publish it and assign it to the class.
    page.locator("form[action$='/publish'] button").click()
    page.wait_for_url(re.compile(r"/teacher/quizzes/\d+$"))
    assert page.locator("form[action$='/unpublish']").count() == 1
    page.get_by_label("3b").check()
    page.locator("form[action$='/classes'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/teacher/quizzes/\d+$"))
    assert page.get_by_label("3b").is_checked()
    quiz_code = page.locator("#quiz-code").inner_text().strip()

    # The teacher signs out; a student joins with the class code and sees the quiz at once.
    page.locator("form[action$='/auth/logout'] button").click()
    page.wait_for_url(re.compile(r"/$"))
    page.locator("#join-code").fill(class_code.lower())
    page.locator("#join-name").fill("Noah")
    page.locator("#join-pin").fill("2468")
    page.locator("form#join button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))
    assert "Noah" in page.locator("#my-class").inner_text()
    page.locator(f"a[href='/quiz/{quiz_code}']").click()
    page.wait_for_url(re.compile(rf"/quiz/{quiz_code}$"))
    page.locator(f"form[action='/quiz/{quiz_code}/start'] button").click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    assert page.locator("fieldset.question").count() == 3
    for question in page.locator("fieldset.question").all():
        choices = question.locator("input[type=radio], input[type=checkbox]")
        if choices.count():
            choices.first.check()
        else:
            question.locator("input[type=text], input[inputmode]").first.fill("1")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/attempts/\d+/result$"))
    assert page.locator(".review-item").count() == 3

    with school.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(code=quiz_code)).scalar_one()
        noah = db.session.execute(db.select(Student).filter_by(display_name="Noah")).scalar_one()
        attempt = db.session.execute(db.select(Attempt).filter_by(quiz_id=quiz.id)).scalar_one()
        assert quiz.published and quiz.owner_id is not None and quiz.max_attempts == 2
        assert db.session.scalar(db.select(QuizClassroom.classroom_id).filter_by(quiz_id=quiz.id)) == noah.classroom_id
        assert attempt.student_id == noah.id and attempt.classroom_id == noah.classroom_id
        assert attempt.submitted_at is not None
        db.session.remove()
