"""The submit's short way: the quiz form names its layout, and one guarded UPDATE stores it.

A worker that knows the posted layout key grades by it and stores the answers with one
statement that also checks owner, layout and that the attempt is still open. Whatever that
statement does not store (unknown or forged key, someone else's attempt, a second submit)
takes the long way, which reads the attempt first; both ways must store the same thing.
"""
import json
import re

from sqlalchemy import Text, cast, event

from quizapp.bank import load_path
from quizapp.extensions import db
from quizapp.models import Attempt, Quiz

from .conftest import MINI_FILE, StudentFlow
from .test_student_flow import perfect_answers

LAYOUT = re.compile(r'<input type="hidden" name="layout" value="([0-9a-f]+)">')
# The short way's statements: the guarded UPDATE, then the statistics' rows in the same transaction.
SHORT_WAY = ["UPDATE ATTEMPTS", "INSERT INTO RESPONSES"]


def is_short_way(statements: list[str]) -> bool:
    return len(statements) == len(SHORT_WAY) and all(
        statement.lstrip().upper().startswith(start) for statement, start in zip(statements, SHORT_WAY))


def layout_key(client, attempt_id: int) -> str:
    return LAYOUT.search(client.get(f"/attempts/{attempt_id}").get_data(as_text=True)).group(1)


def stored(app, attempt_id: int) -> tuple:
    with app.app_context():
        return db.session.execute(db.select(Attempt.score, Attempt.submitted_at.is_not(None),
                                            cast(Attempt.answers, Text)).where(Attempt.id == attempt_id)).one()


def test_a_submit_with_the_forms_layout_is_one_statement_and_stores_what_the_long_way_stores(
        app, client, student, mini_quiz, count_queries):
    attempt_id = student.start(mini_quiz)
    answers = {**perfect_answers(app), "layout": layout_key(client, attempt_id)}
    with count_queries() as statements:
        response = student.submit(attempt_id, answers)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/attempts/{attempt_id}/result")
    assert is_short_way(statements), statements

    other = StudentFlow(app.test_client())
    other_id = other.start(mini_quiz, name="Noah")
    other.submit(other_id, perfect_answers(app))  # no layout field: the long way
    score, submitted, answers_text = stored(app, attempt_id)
    assert (score, submitted) == (6, True)
    assert (score, submitted, answers_text) == stored(app, other_id)
    assert answers_text == json.dumps(json.loads(answers_text))  # stored as json.dumps writes it
    assert "6 / 6" in client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)


def test_a_layout_the_worker_does_not_know_takes_the_long_way_and_teaches_it(
        app, client, student, mini_quiz, count_queries):
    first = student.start(mini_quiz)
    answers = {**perfect_answers(app), "layout": layout_key(client, first)}
    app.extensions.pop("quizapp.layout-keys")  # as in a worker that never rendered this quiz page
    with count_queries() as statements:
        assert student.submit(first, answers).status_code == 302
    assert len(statements) > len(SHORT_WAY)
    assert stored(app, first)[:2] == (6, True)

    other = StudentFlow(app.test_client())
    second = other.start(mini_quiz, name="Noah")
    with count_queries() as statements:  # the same layout: this worker learned it from the first submit
        other.submit(second, answers)
    assert is_short_way(statements), statements
    assert stored(app, second)[:2] == (6, True)


def test_a_forged_layout_key_is_graded_by_the_attempts_own_layout(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    layout_key(client, attempt_id)
    for forged in ("0" * 32, "nonsense", ""):
        response = student.submit(attempt_id, {**perfect_answers(app), "layout": forged})
        assert response.status_code == 302
    assert stored(app, attempt_id)[:2] == (6, True)  # the first forged submit stored it, the long way


def test_a_layout_key_of_another_quiz_does_not_grade_this_attempt(app, client, student, mini_quiz, make_app):
    from .test_query_budgets import load_quiz
    code, ids = load_quiz(app, 3, "OTHER3")
    other_attempt = student.start(code)
    other_key = layout_key(client, other_attempt)  # a layout of three other questions
    client.post("/auth/logout")
    attempt_id = student.start(mini_quiz, name="Lea")
    answers = {**perfect_answers(app), **{f"q{question_id}": "a" for question_id in ids}, "layout": other_key}
    assert student.submit(attempt_id, answers).status_code == 302
    score, submitted, answers_text = stored(app, attempt_id)
    assert (score, submitted) == (6, True)
    assert len(json.loads(answers_text)) == 5  # graded by the mini quiz's five questions


def test_someone_elses_attempt_is_404_and_unchanged_even_with_the_same_layout(app, client, student, mini_quiz):
    victim = student.start(mini_quiz)
    key = layout_key(client, victim)
    stranger = StudentFlow(app.test_client())
    own = stranger.start(mini_quiz, name="Eve")
    assert layout_key(stranger.client, own) == key  # one class, one layout
    response = stranger.submit(victim, {**perfect_answers(app), "layout": key})
    assert response.status_code == 404
    assert stored(app, victim) == (None, False, None)


def test_a_teacher_cannot_submit_a_students_attempt(app, client, student, mini_quiz, teacher_client):
    attempt_id = student.start(mini_quiz)
    key = layout_key(client, attempt_id)
    response = teacher_client.post(f"/attempts/{attempt_id}", data={**perfect_answers(app), "layout": key})
    assert response.status_code == 404
    assert stored(app, attempt_id) == (None, False, None)


def test_a_second_submit_with_the_layout_changes_nothing_and_says_so(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    key = layout_key(client, attempt_id)
    student.submit(attempt_id, {**perfect_answers(app), "layout": key})
    first = stored(app, attempt_id)
    again = student.submit(attempt_id, {"layout": key})
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/attempts/{attempt_id}/result")
    assert stored(app, attempt_id) == first
    assert "Dieser Versuch wurde schon abgegeben" in client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)


def test_strong_session_protection_reads_the_attempt_first(make_app):
    app = make_app(SESSION_PROTECTION="strong")
    with app.app_context():
        load_path(MINI_FILE)
        code = db.session.execute(db.select(Quiz.code)).scalar_one()
    flow = StudentFlow(app.test_client())
    attempt_id = flow.start(code)
    answers = {**perfect_answers(app), "layout": layout_key(flow.client, attempt_id)}
    with app.app_context():
        engine = db.engine
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    assert flow.submit(attempt_id, answers).status_code == 302
    assert len(statements) > 1  # Flask-Login compared the client before the student counted as signed in
    assert stored(app, attempt_id)[:2] == (6, True)
