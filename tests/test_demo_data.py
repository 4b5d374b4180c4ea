"""The demo-data command: valid, graded like real attempts, reproducible, and usable on a seed quiz."""
from quizapp.services.content import snapshots
from quizapp.demo import DEMO_EMAIL, DEMO_PASSWORD, generate
from quizapp.extensions import db
from quizapp.kinds import get_kind
from quizapp.models import Attempt, Classroom, Quiz, QuizClassroom, Response, Student, Teacher

from .conftest import sign_in


def count(model, **filters) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model).filter_by(**filters))


def test_command_creates_teacher_classes_students_and_graded_attempts(app, runner):
    result = runner.invoke(args=["generate-demo-data", "--attempts", "40", "--questions", "6", "--seed", "5",
                                 "--classes", "3"])
    assert result.exit_code == 0, result.output
    assert "Made 40 attempts with 240 responses" in result.output
    assert "Sign in as demo@quizapp.local / quizapp-demo.\n" in result.output
    assert "Warning: quizapp-demo is a public password" in result.output
    with app.app_context():
        teacher = db.session.execute(db.select(Teacher).filter_by(email=DEMO_EMAIL)).scalar_one()
        assert teacher.check_password(DEMO_PASSWORD)
        quiz = db.session.execute(db.select(Quiz).filter_by(owner_id=teacher.id)).scalar_one()
        assert len(quiz.items) == 6 and quiz.published
        assert count(Classroom, teacher_id=teacher.id) == 3 == count(QuizClassroom, quiz_id=quiz.id)
        assert count(Student) == 32  # 40 attempts / 1.25: some students try twice
        assert count(Attempt, quiz_id=quiz.id) == 40 and count(Response) == 240
        assert count(Attempt, submitted_at=None) == 0


def test_stored_points_agree_with_the_question_kinds(app):
    with app.test_request_context():
        generate(30, seed=2, questions=8)
        responses = db.session.execute(db.select(Response)).scalars().all()
        versions = snapshots(list({r.question_version_id for r in responses}))
        totals = {}
        for response in responses:
            snapshot = versions[response.question_version_id]
            kind = get_kind(snapshot["kind"])
            result = kind.grade(snapshot["spec"], snapshot["points"], response.answer)
            assert (result.points, result.correct) == (response.points, response.correct)
            totals[response.attempt_id] = totals.get(response.attempt_id, 0) + response.points
        for attempt in db.session.execute(db.select(Attempt)).scalars():
            assert attempt.score == round(totals[attempt.id], 2)
            assert attempt.started_at < attempt.submitted_at
        scores = {a.score for a in db.session.execute(db.select(Attempt)).scalars()}
        assert len(scores) >= 4  # abilities differ, so scores spread


def snapshot_of_run(code: str) -> list[tuple]:
    rows = db.session.execute(
        db.select(Attempt.number, Attempt.score, Attempt.started_at, Attempt.submitted_at)
        .join(Quiz, Quiz.id == Attempt.quiz_id).where(Quiz.code == code).order_by(Attempt.id)
    ).all()
    return [tuple(row) for row in rows]


def test_same_seed_gives_the_same_attempts(app):
    with app.test_request_context():
        first = generate(25, seed=11, questions=5)
        before = snapshot_of_run(first.quiz_codes[0])
        db.session.execute(db.delete(Attempt))
        db.session.commit()
        second = generate(25, seed=11, questions=5)  # reuses the quiz, adds new classes of students
        assert second.quiz_codes == first.quiz_codes
        assert snapshot_of_run(second.quiz_codes[0]) == before
        assert count(Classroom) == 2 * first.classes
        other = generate(25, seed=12, questions=5)
        assert other.quiz_codes != first.quiz_codes


def test_attempts_can_go_to_an_existing_quiz(app, runner, mini_quiz):
    result = runner.invoke(args=["generate-demo-data", "--attempts", "12", "--quiz", mini_quiz.lower()])
    assert result.exit_code == 0, result.output
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(code=mini_quiz)).scalar_one()
        assert count(Attempt, quiz_id=quiz.id) == 12 and quiz.owner_id is None
    missing = runner.invoke(args=["generate-demo-data", "--attempts", "5", "--quiz", "NOPE99"])
    assert missing.exit_code == 1 and missing.output.startswith("Error: No quiz has the code NOPE99. ")
    bad = runner.invoke(args=["generate-demo-data", "--attempts", "-3"])
    assert bad.exit_code == 2


def test_demo_teacher_sees_flagged_questions_after_signing_in(app, client):
    with app.app_context():
        code = generate(60, seed=4, questions=12).quiz_codes[0]
        quiz_id = db.session.execute(db.select(Quiz.id).filter_by(code=code)).scalar_one()
    assert sign_in(client, DEMO_EMAIL, DEMO_PASSWORD).status_code == 302
    page = client.get(f"/teacher/results/{quiz_id}/items").get_data(as_text=True)
    # One question of each demo quiz is made far too easy, one too hard and one misleading.
    assert "flag-too_easy" in page and "flag-too_hard" in page and "flag-negative_discrimination" in page


def test_the_demo_teacher_can_get_a_password_of_the_operators_own(app, runner, client, mini_quiz):
    short = runner.invoke(args=["generate-demo-data", "--attempts", "3", "--quiz", mini_quiz, "--password-stdin"],
                          input="kurz\n", env={"LANG": "de_CH.UTF-8"})
    assert short.exit_code == 1 and "mindestens 10 Zeichen" in short.output  # the operator's language
    with app.app_context():
        assert count(Teacher, email=DEMO_EMAIL) == 0 and count(Attempt) == 0  # refused before anything was made
    for password in ("eigenes Demo-Passwort 1", "zweites Demo-Passwort 2"):  # a new, then an existing teacher
        made = runner.invoke(args=["generate-demo-data", "--attempts", "3", "--quiz", mini_quiz, "--password-stdin"],
                             input=f"{password}\n")
        assert made.exit_code == 0 and "with the password you gave" in made.output and password not in made.output
        assert "public password" not in made.output
    assert sign_in(client, DEMO_EMAIL, DEMO_PASSWORD).status_code != 302
    assert sign_in(client, DEMO_EMAIL, "zweites Demo-Passwort 2").status_code == 302
    again = runner.invoke(args=["generate-demo-data", "--attempts", "3", "--quiz", mini_quiz])
    assert again.exit_code == 0
    assert "Sign in as demo@quizapp.local with the password an earlier run set." in again.output
    assert "quizapp-demo" not in again.output  # no warning: the password is no longer the public one
    with app.app_context():  # without the option, a run keeps the password the teacher has
        teacher = db.session.execute(db.select(Teacher).filter_by(email=DEMO_EMAIL)).scalar_one()
        assert teacher.check_password("zweites Demo-Passwort 2") and count(Attempt) == 9
