"""No lost work: the answers typed into an open attempt are kept as its draft.

The draft comes back on a reload, in the other language and on another device (the same
student signed in again); a submitted attempt and another student's attempt take no draft;
the draft is never graded, never in the teacher's results, and needs a CSRF token.
"""
import re

import pytest

from quizapp.extensions import db
from quizapp.models import Attempt, Quiz, Response

from .conftest import StudentFlow
from .teacher_helpers import client_for_teacher, join, joined_student, make_classroom
from .test_csrf import csrf_token
from .test_student_flow import question_ids

JSON = {"Accept": "application/json"}


def typed(app) -> dict:
    """A half-finished quiz: a number, a choice and two ticks; two questions left open."""
    ids = question_ids(app)
    return {f"q{ids['anzahl-bruecken']}": "4'321", f"q{ids['wer-sagt-kosten']}": "b",
            f"q{ids['was-ist-vermutung']}": ["a", "c"]}


def stored_draft(app, attempt_id: int):
    with app.app_context():
        return db.session.execute(db.select(Attempt.draft).filter_by(id=attempt_id)).scalar_one()


def assert_filled_in(html: str, app) -> None:
    """The page shows the typed answers in its form, and the progress."""
    ids = question_ids(app)
    assert re.search(rf'<input type="text"[^>]*name="q{ids["anzahl-bruecken"]}"[^>]*value="4&#39;321"', html)
    assert re.search(rf'name="q{ids["wer-sagt-kosten"]}" value="b" checked>', html)
    assert not re.search(rf'name="q{ids["wer-sagt-kosten"]}" value="a" checked>', html)
    for key in ("a", "c"):
        assert re.search(rf'name="q{ids["was-ist-vermutung"]}" value="{key}" checked>', html)
    assert not re.search(rf'name="q{ids["was-ist-vermutung"]}" value="b" checked>', html)
    assert len(re.findall(r" checked>", html)) == 3


def test_a_draft_survives_a_reload_and_a_language_switch(app, mini_quiz):
    student = StudentFlow(app.test_client())
    attempt_id = student.start(mini_quiz)
    response = student.client.post(f"/attempts/{attempt_id}/draft", data=typed(app), headers=JSON)
    assert response.status_code == 200 and response.get_json() == {"saved": True}
    assert stored_draft(app, attempt_id) == {k: v if isinstance(v, list) else [v] for k, v in typed(app).items()}
    german = student.client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert_filled_in(german, app)
    assert "3 von 5 beantwortet" in german and "Zwischenspeichern" in german
    english = student.client.get(f"/attempts/{attempt_id}?lang=en").get_data(as_text=True)
    assert_filled_in(english, app)
    assert "3 of 5 answered" in english and "Save draft" in english
    # The unanswered questions are listed as links, the answered ones hidden.
    shown = re.findall(r'<a href="#question-(\d)" data-field="q\d+" aria-label="Question (\d)">', english)
    assert len(shown) == 2 and all(number == named for number, named in shown)


def test_the_cached_fieldsets_stay_blank_for_the_next_student(app, mini_quiz):
    first = StudentFlow(app.test_client())
    attempt_id = first.start(mini_quiz, name="Mia")
    first.client.post(f"/attempts/{attempt_id}/draft", data=typed(app), headers=JSON)
    assert " checked>" in first.client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    second = StudentFlow(app.test_client())
    other_id = second.start(mini_quiz, name="Noah")
    page = second.client.get(f"/attempts/{other_id}").get_data(as_text=True)
    assert " checked>" not in page and "4&#39;321" not in page and "0 von 5 beantwortet" in page


def test_the_no_javascript_button_saves_and_comes_back_to_the_filled_page(app, mini_quiz):
    student = StudentFlow(app.test_client())
    attempt_id = student.start(mini_quiz)
    response = student.client.post(f"/attempts/{attempt_id}/draft", data=typed(app), follow_redirects=True)
    assert response.status_code == 200 and response.request.path == f"/attempts/{attempt_id}"
    page = response.get_data(as_text=True)
    assert "Deine Antworten sind gespeichert" in page
    assert_filled_in(page, app)


def test_a_draft_is_back_on_another_device_after_signing_in_again(app, make_teacher, mini_quiz):
    teacher_id = make_teacher()
    _classroom_id, code = make_classroom(app, teacher_id)
    first = joined_student(app, code, "Mia", pin="4711")
    attempt_id = StudentFlow(first).start(mini_quiz)
    assert first.post(f"/attempts/{attempt_id}/draft", data=typed(app), headers=JSON).status_code == 200
    other_device = app.test_client()
    assert other_device.get(f"/attempts/{attempt_id}").status_code == 404  # nobody yet
    assert join(other_device, code, "Mia", pin="4711").status_code == 302
    assert StudentFlow(other_device).start(mini_quiz) == attempt_id  # the open attempt resumes
    assert_filled_in(other_device.get(f"/attempts/{attempt_id}").get_data(as_text=True), app)


def test_a_draft_saved_again_replaces_the_last_one_and_blank_clears_it(app, mini_quiz):
    student = StudentFlow(app.test_client())
    attempt_id = student.start(mini_quiz)
    ids = question_ids(app)
    student.client.post(f"/attempts/{attempt_id}/draft", data=typed(app), headers=JSON)
    student.client.post(f"/attempts/{attempt_id}/draft", data={f"q{ids['beleg-datum']}": "a"}, headers=JSON)
    assert stored_draft(app, attempt_id) == {f"q{ids['beleg-datum']}": ["a"]}
    # Fields that are no question of the attempt, and blanks, are not kept.
    student.client.post(f"/attempts/{attempt_id}/draft", headers=JSON,
                        data={"q999999": "a", "csrf_token": "x", f"q{ids['anzahl-bruecken']}": "  "})
    assert stored_draft(app, attempt_id) is None


def test_a_submitted_attempt_ignores_later_drafts(app, mini_quiz):
    student = StudentFlow(app.test_client())
    student.client.set_cookie("lang", "en")
    attempt_id = student.start(mini_quiz)
    student.client.post(f"/attempts/{attempt_id}/draft", data=typed(app), headers=JSON)
    assert student.submit(attempt_id, {}).status_code == 302
    with app.app_context():
        before = db.session.execute(db.select(Attempt).filter_by(id=attempt_id)).scalar_one()
        before = (before.submitted_at, before.score, before.answers, before.draft)
    assert before[3] is None  # the submit ended the draft
    late = student.client.post(f"/attempts/{attempt_id}/draft", data=typed(app), headers=JSON)
    assert late.status_code == 409 and late.get_json()["saved"] is False
    page = student.client.post(f"/attempts/{attempt_id}/draft", data=typed(app))
    assert page.status_code == 409 and "already submitted" in page.get_data(as_text=True)
    with app.app_context():
        after = db.session.execute(db.select(Attempt).filter_by(id=attempt_id)).scalar_one()
        assert (after.submitted_at, after.score, after.answers, after.draft) == before


def test_the_guarded_update_refuses_a_submitted_attempt_even_if_the_view_missed_it(app, mini_quiz):
    """Two workers: the draft's UPDATE itself checks submitted_at, not only the view."""
    from quizapp.services.drafts import save_draft
    student = StudentFlow(app.test_client())
    attempt_id = student.start(mini_quiz)
    with app.test_request_context():
        stale = db.session.get(Attempt, attempt_id)
        student_id = stale.student_id
        db.session.expunge(stale)
    student.submit(attempt_id, {})
    with app.test_request_context():
        assert save_draft(stale, student_id, typed(app)) is False
        assert save_draft(stale, student_id + 1, typed(app)) is False
    assert stored_draft(app, attempt_id) is None


def test_another_students_attempt_is_404_and_keeps_its_draft(app, mini_quiz):
    mia, noah = StudentFlow(app.test_client()), StudentFlow(app.test_client())
    mia_attempt = mia.start(mini_quiz, name="Mia")
    noah.start(mini_quiz, name="Noah")
    ids = question_ids(app)
    mine = {f"q{ids['beleg-datum']}": "a"}
    mia.client.post(f"/attempts/{mia_attempt}/draft", data=mine, headers=JSON)
    assert noah.client.post(f"/attempts/{mia_attempt}/draft", data=typed(app), headers=JSON).status_code == 404
    assert noah.client.post(f"/attempts/{mia_attempt}/draft", data=typed(app)).status_code == 404
    assert app.test_client().post(f"/attempts/{mia_attempt}/draft", data=typed(app)).status_code == 404
    assert stored_draft(app, mia_attempt) == {f"q{ids['beleg-datum']}": ["a"]}


def test_a_draft_is_not_graded_nor_shown_to_the_teacher(app, make_teacher, mini_quiz):
    teacher = client_for_teacher(app, make_teacher)
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(code=mini_quiz)).scalar_one()
        quiz.owner_id = teacher.teacher_id
        db.session.commit()
        quiz_id = quiz.id
    student = StudentFlow(app.test_client())
    attempt_id = student.start(mini_quiz)
    ids = question_ids(app)
    draft = {**typed(app), f"q{ids['anzahl-bruecken']}": "98765"}
    student.client.post(f"/attempts/{attempt_id}/draft", data=draft, headers=JSON)
    for url in (f"/teacher/results/{quiz_id}", f"/teacher/results/{quiz_id}/export/attempts.csv",
                f"/teacher/results/{quiz_id}/export/responses.csv"):
        response = teacher.get(url)
        assert response.status_code == 200 and "98765" not in response.get_data(as_text=True), url
    student.submit(attempt_id, {})  # submitted blank: the draft is not what counts
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.score == 0 and attempt.draft is None
        assert all(stored[0] is None for stored in attempt.answers)
        assert db.session.scalar(db.select(db.func.count()).select_from(Response)
                                 .where(Response.attempt_id == attempt_id, Response.raw != "")) == 0
    for url in (f"/teacher/results/attempts/{attempt_id}", f"/teacher/results/{quiz_id}/export/responses.csv"):
        response = teacher.get(url)
        assert response.status_code == 200 and "98765" not in response.get_data(as_text=True), url


def test_saving_a_draft_needs_a_csrf_token(csrf_app):
    client = csrf_app.test_client()
    token = csrf_token(client, "/quiz/MINI01")
    attempt_url = client.post("/quiz/MINI01/start", data={"display_name": "Mia", "csrf_token": token}).headers["Location"]
    attempt_id = int(attempt_url.rstrip("/").split("/")[-1])
    ids = question_ids(csrf_app)
    answer = {f"q{ids['beleg-datum']}": "a"}
    assert client.post(f"{attempt_url}/draft", data=answer, headers=JSON).status_code == 400
    assert client.post(f"{attempt_url}/draft", data={**answer, "csrf_token": "forged"}).status_code == 400
    assert stored_draft(csrf_app, attempt_id) is None
    token = csrf_token(client, attempt_url)
    assert client.post(f"{attempt_url}/draft", data={**answer, "csrf_token": token}, headers=JSON).status_code == 200
    assert stored_draft(csrf_app, attempt_id) == {f"q{ids['beleg-datum']}": ["a"]}


@pytest.mark.parametrize("hostile", ['"><script>alert(1)</script>', "1\u202e2", "x" * 5000])
def test_hostile_drafts_are_escaped_and_bounded(app, mini_quiz, hostile):
    student = StudentFlow(app.test_client())
    attempt_id = student.start(mini_quiz)
    ids = question_ids(app)
    response = student.client.post(f"/attempts/{attempt_id}/draft", headers=JSON,
                                   data={f"q{ids['anzahl-bruecken']}": hostile})
    page = student.client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert "<script>alert" not in page and "\u202e" not in page
    if "\u202e" in hostile:  # quizapp.web.input_guard refuses bidi overrides before the view
        assert response.status_code == 400 and stored_draft(app, attempt_id) is None
    else:
        assert response.status_code == 200
        assert 0 < len(stored_draft(app, attempt_id)[f"q{ids['anzahl-bruecken']}"][0]) <= 200
