"""quizapp.cache.snapshots: question-version snapshots kept per worker grade as the database's do.

A version is never changed, so once read its snapshot is reused; an edited question makes a
new version, which is read when a new attempt asks for it.
"""
from quizapp.extensions import db
from quizapp.models import Question, QuestionVersion

from .conftest import StudentFlow
from .test_attempt_pages import _Page
from .test_student_flow import perfect_answers, question_ids


def test_a_second_submit_grades_from_kept_snapshots_without_reading_them(app, mini_quiz, count_queries):
    mia, noah = StudentFlow(app.test_client()), StudentFlow(app.test_client())
    mia_attempt, noah_attempt = mia.start(mini_quiz, "Mia"), noah.start(mini_quiz, "Noah")
    assert mia.submit(mia_attempt, perfect_answers(app)).status_code == 302
    with count_queries() as statements:
        assert noah.submit(noah_attempt, perfect_answers(app)).status_code == 302
    assert not any("question_versions" in statement for statement in statements)
    result = _Page(noah.client.get(f"/attempts/{noah_attempt}/result").get_data(as_text=True)).visible
    assert "6 / 6" in result


def test_an_edited_question_is_graded_by_its_new_version(app, mini_quiz):
    ids = question_ids(app)
    mia = StudentFlow(app.test_client())
    first = mia.start(mini_quiz, "Mia")
    mia.submit(first, perfect_answers(app))  # keeps the first versions' snapshots
    with app.app_context():
        question = db.session.get(Question, ids["anzahl-bruecken"])
        old = db.session.execute(db.select(QuestionVersion).filter_by(question_id=question.id,
                                                                       number=question.version)).scalar_one()
        snapshot = {**old.snapshot, "spec": {**old.snapshot["spec"], "min": 13, "max": 13}}
        db.session.add(QuestionVersion(question_id=question.id, number=question.version + 1, kind=old.kind,
                                       category=old.category, points=old.points, snapshot=snapshot))
        question.version += 1
        db.session.commit()
    noah = StudentFlow(app.test_client())
    attempt = noah.start(mini_quiz, "Noah")
    noah.submit(attempt, {**perfect_answers(app), f"q{ids['anzahl-bruecken']}": "13"})
    result = _Page(noah.client.get(f"/attempts/{attempt}/result").get_data(as_text=True)).visible
    assert "6 / 6" in result
