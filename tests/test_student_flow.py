"""The whole student flow through the test client: start, answer, submit, result, passage."""
import re
from html import unescape

from quizapp.extensions import db
from quizapp.models import Attempt, Question, Response, Student

from .helpers.visible import visible


def question_ids(app) -> dict[str, int]:
    with app.app_context():
        return dict(db.session.execute(db.select(Question.key, Question.id)).all())


def perfect_answers(app) -> dict:
    ids = question_ids(app)
    return {
        f"q{ids['anzahl-bruecken']}": "12",
        f"q{ids['wer-sagt-kosten']}": "a",
        f"q{ids['was-ist-vermutung']}": ["a", "b"],
        f"q{ids['beginn-april']}": "false",
        f"q{ids['beleg-datum']}": "a",
    }


def test_home_lists_the_published_quiz(client, mini_quiz):
    page = client.get("/").get_data(as_text=True)
    assert "Mini-Quiz" in page
    assert f"/quiz/{mini_quiz}" in page


def test_quiz_page_asks_for_a_name_first(client, mini_quiz):
    page = client.get(f"/quiz/{mini_quiz}").get_data(as_text=True)
    assert 'name="display_name"' in page


def test_missing_name_is_a_clear_400(client, mini_quiz):
    response = client.post(f"/quiz/{mini_quiz}/start", data={"display_name": "  "})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'class="field-error"' in page and "Bitte gib deinen Namen ein." in page


def test_full_flow_scores_and_links_to_highlighted_passage(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    page = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert page.count('class="question"') == 5
    response = student.submit(attempt_id, perfect_answers(app))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/attempts/{attempt_id}/result")
    result = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "6 / 6" in result
    assert "Genau, der Gemeinderat." in result  # per-option feedback
    assert "Der Titel nennt 12 neue Brücken." in result  # explanation
    assert '<span class="marker">deine Antwort</span>' in result  # German by default, addressed to the student
    links = re.findall(r'href="([^"]*/articles/mini-artikel[^"]*)"', result)
    assert len(links) == 5
    article = client.get(unescape(links[0])).get_data(as_text=True)
    assert '<mark id="hl" tabindex="-1">12 neue Brücken</mark>' in article
    with app.app_context():
        stored = db.session.get(Attempt, attempt_id)
        assert stored.score == 6 and stored.submitted_at is not None
        assert len(stored.answers) == 5
        # The statistics' rows are written by the submit itself.
        assert db.session.scalar(db.select(db.func.count()).select_from(Response)) == 5


def test_wrong_and_partial_answers_are_marked(app, client, student, mini_quiz):
    ids = question_ids(app)
    attempt_id = student.start(mini_quiz)
    student.submit(attempt_id, {f"q{ids['anzahl-bruecken']}": "13", f"q{ids['was-ist-vermutung']}": ["a"]})
    result = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "0,5 / 6" in result  # the German UI's decimal comma
    assert "teilweise richtig" in result or "partly right" in result
    assert "Richtige Antwort:" in result or "Correct answer:" in result


def test_double_submit_creates_one_attempt_and_one_set_of_responses(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    first = student.submit(attempt_id, perfect_answers(app))
    second = student.submit(attempt_id, {})
    assert first.status_code == second.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Attempt)) == 1
        assert db.session.scalar(db.select(db.func.count()).select_from(Response)) == 5
        assert db.session.get(Attempt, attempt_id).score == 6  # the second, empty submit changed nothing


def test_reloading_the_result_never_creates_an_attempt(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    student.submit(attempt_id, {})
    for _ in range(3):
        assert client.get(f"/attempts/{attempt_id}/result").status_code == 200
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Attempt)) == 1


def test_starting_twice_resumes_the_open_attempt(client, student, mini_quiz):
    first = student.start(mini_quiz)
    again = client.post(f"/quiz/{mini_quiz}/start")
    assert again.headers["Location"].endswith(f"/attempts/{first}")


def test_quiz_page_never_reveals_the_correct_answer(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    page = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    for hint in ("correct", "richtig", "Genau, der Gemeinderat", "Der Titel nennt", "/articles/mini-artikel?"):
        assert hint not in page.replace("Richtige", "")


def test_forged_and_malformed_answers_score_zero_without_error(app, client, student, mini_quiz):
    ids = question_ids(app)
    attempt_id = student.start(mini_quiz)
    response = student.submit(attempt_id, {
        f"q{ids['anzahl-bruecken']}": "zwölf",
        f"q{ids['wer-sagt-kosten']}": ["a", "b"],
        f"q{ids['was-ist-vermutung']}": ["a", "zzz"],
        f"q{ids['beginn-april']}": "maybe",
        f"q{ids['beleg-datum']}": "<script>",
        "q999999": "a",
    })
    assert response.status_code == 302
    result = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "0 / 6" in result
    assert "<script>" not in result
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Response)) == 5
        # Nothing forged is kept as an answer, so no option counts as picked.
        assert db.session.execute(db.select(Response.answer)).scalars().all() == [None] * 5


def test_another_student_cannot_open_my_attempt(app, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    student.submit(attempt_id, {})
    stranger = app.test_client()
    assert stranger.get(f"/attempts/{attempt_id}/result").status_code == 404
    from .conftest import StudentFlow
    StudentFlow(stranger).start(mini_quiz, name="Eve")
    assert stranger.get(f"/attempts/{attempt_id}/result").status_code == 404
    assert stranger.post(f"/attempts/{attempt_id}", data={}).status_code == 404


def test_student_name_and_attempt_are_stored(app, student, mini_quiz):
    attempt_id = student.start(mini_quiz, name="  Lea   Meier ")
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert db.session.get(Student, attempt.student_id).display_name == "Lea Meier"


def test_history_lists_my_attempts(client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    student.submit(attempt_id, {})
    page = client.get("/me/attempts").get_data(as_text=True)
    assert f"/attempts/{attempt_id}/result" in page


def test_article_page_shows_source_attribution(client, mini_quiz):
    page = client.get("/articles/mini-artikel").get_data(as_text=True)
    assert "Testzeitung" in page and "Anna Muster" in page and "1. Juni 2025" in page


def test_unknown_quote_shows_notice_not_error(client, mini_quiz):
    response = client.get("/articles/mini-artikel?passage=absatz-1&quote=gibt+es+nicht")
    assert response.status_code == 200
    assert "<mark" not in response.get_data(as_text=True)


def test_unknown_quiz_and_article_are_404(client, mini_quiz):
    assert client.get("/quiz/NOPE99").status_code == 404
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/attempts/12345").status_code == 404


def test_a_question_left_blank_says_so_in_the_review_whatever_its_kind(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    assert student.submit(attempt_id, {}).status_code == 302
    result = visible(client.get(f"/attempts/{attempt_id}/result"))
    # Five questions: a number, single choice, multiple select, true/false and evidence.
    assert result.text.count("Deine Antwort: (keine Antwort)") == 5
    assert "deine Antwort" not in result.text  # no option is marked as chosen
