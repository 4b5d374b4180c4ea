"""A submit stores its answers in the attempt row; the statistics' rows follow in bulk, once."""
from quizapp.extensions import db
from quizapp.models import Attempt, Response, ResponseChoice
from quizapp.responses import store_pending_responses

from .test_student_flow import perfect_answers


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_submit_marks_the_attempt_pending_and_storing_writes_each_row_once(app, student, mini_quiz):
    first, second = student.start(mini_quiz), None
    student.submit(first, perfect_answers(app))
    second = student.start(mini_quiz)
    student.submit(second, {})
    with app.app_context():
        assert [a.responses_pending for a in db.session.execute(db.select(Attempt).order_by(Attempt.id)).scalars()] \
            == [True, True]
        assert count(Response) == 0
        assert store_pending_responses() == 2
    with app.app_context():  # a second caller (another worker, the CLI) finds nothing left to do
        assert store_pending_responses() == 0
        assert count(Response) == 10
        assert count(ResponseChoice) == 5  # the perfect answers pick 5 options; the empty submit none
        stored = db.session.execute(db.select(Response).where(Response.attempt_id == first)
                                    .order_by(Response.position)).scalars().all()
        attempt = db.session.get(Attempt, first)
        assert [(r.question_id, r.points, r.correct, r.raw) for r in stored] == [
            (item["question_id"], points, correct, raw)
            for item, (_answer, raw, points, _max, correct) in zip(attempt.layout, attempt.answers)]
        assert not attempt.responses_pending


def test_store_responses_command_reports_what_it_wrote(app, runner, student, mini_quiz):
    student.submit(student.start(mini_quiz), perfect_answers(app))
    result = runner.invoke(args=["store-responses"])
    assert result.exit_code == 0, result.output
    assert "1 attempt(s)" in result.output
    assert "0 attempt(s)" in runner.invoke(args=["store-responses"]).output
    with app.app_context():
        assert count(Response) == 5


def test_the_result_page_reads_the_answers_from_the_attempt_row(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    student.submit(attempt_id, perfect_answers(app))
    with app.app_context():
        store_pending_responses()
        db.session.execute(db.delete(ResponseChoice))
        db.session.execute(db.delete(Response))  # the statistics' copy only: the review does not need it
        db.session.commit()
    page = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "6 / 6" in page and page.count('<span class="marker">deine Antwort</span>') >= 5
