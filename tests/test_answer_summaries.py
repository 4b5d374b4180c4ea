"""A multiple-select answer in words, as students and teachers read it: options apart with a middle dot."""
import pytest

from quizapp.extensions import db
from quizapp.models import Quiz

from .helpers.visible import visible
from .test_student_flow import perfect_answers, question_ids

BOTH_RIGHT = "Dass es teurer wird · Das genaue Datum"


@pytest.fixture
def attempt_id(app, student, mini_quiz, teacher_client):
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(code=mini_quiz)).scalar_one()
        quiz.owner_id = teacher_client.teacher_id
        db.session.commit()
    attempt_id = student.start(mini_quiz)
    answers = {**perfect_answers(app), f"q{question_ids(app)['was-ist-vermutung']}": ["a", "b"]}
    assert student.submit(attempt_id, answers).status_code == 302
    return attempt_id


def test_the_result_page_lists_the_right_options_with_a_middle_dot(client, attempt_id):
    page = visible(client.get(f"/attempts/{attempt_id}/result"))
    assert f"Richtige Antwort: {BOTH_RIGHT}" in page


def test_the_teachers_view_and_export_use_the_same_separator(app, teacher_client, attempt_id):
    page = visible(teacher_client.get(f"/teacher/results/attempts/{attempt_id}"))
    assert f"Richtige Antwort: {BOTH_RIGHT}" in page
    with app.app_context():
        quiz_id = db.session.execute(db.select(Quiz.id)).scalar_one()
    export = teacher_client.get(f"/teacher/results/{quiz_id}/export/responses.csv").get_data(as_text=True)
    assert f";{BOTH_RIGHT};" in export  # no "; " inside the cell, so it needs no quotes
