"""From a result's passage link to the article and back: the way back is shown only for the student's own result."""
import re
from html import unescape

import pytest

from quizapp.extensions import db
from quizapp.models import Quiz

from .conftest import StudentFlow
from .test_student_flow import perfect_answers

BACK_LINK = re.compile(r'<p class="back-link"><a href="([^"]+)">([^<]+)</a></p>')


def passage_links(page: str) -> list[str]:
    return [unescape(link) for link in re.findall(r'href="([^"]*/articles/mini-artikel[^"]*)"', page)]


def submitted_attempt(app, student, mini_quiz) -> int:
    attempt_id = student.start(mini_quiz)
    assert student.submit(attempt_id, perfect_answers(app)).status_code == 302
    return attempt_id


@pytest.mark.parametrize("language, words", [("de", "Zurück zum Ergebnis"), ("en", "Back to the result")])
def test_the_article_links_back_to_the_result_it_was_opened_from(app, client, student, mini_quiz, language, words):
    attempt_id = submitted_attempt(app, student, mini_quiz)
    links = passage_links(client.get(f"/attempts/{attempt_id}/result?lang={language}").get_data(as_text=True))
    assert len(links) == 5 and all(f"from={attempt_id}" in link for link in links)
    article = client.get(links[0])
    assert article.status_code == 200
    assert BACK_LINK.findall(article.get_data(as_text=True)) == [(f"/attempts/{attempt_id}/result", words)]


def test_without_from_the_article_has_no_way_back(app, client, student, mini_quiz):
    submitted_attempt(app, student, mini_quiz)
    page = client.get("/articles/mini-artikel?passage=absatz-1").get_data(as_text=True)
    assert "back-link" not in page and "Zurück zum Ergebnis" not in page


def test_another_students_or_an_anonymous_visitors_from_is_ignored(app, client, student, mini_quiz):
    attempt_id = submitted_attempt(app, student, mini_quiz)
    stranger = StudentFlow(app.test_client())
    submitted_attempt(app, stranger, mini_quiz)
    for visitor in (stranger.client, app.test_client()):
        response = visitor.get(f"/articles/mini-artikel?from={attempt_id}")
        assert response.status_code == 200
        assert "Zurück zum Ergebnis" not in response.get_data(as_text=True)


def test_an_attempt_not_yet_submitted_has_no_result_to_go_back_to(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    page = client.get(f"/articles/mini-artikel?from={attempt_id}").get_data(as_text=True)
    assert "Zurück zum Ergebnis" not in page


@pytest.mark.parametrize("value", ["", "abc", "0", "-1", "1.5", "99999999999999999999", "1e3"])
def test_an_invalid_from_is_ignored(app, client, student, mini_quiz, value):
    submitted_attempt(app, student, mini_quiz)
    response = client.get(f"/articles/mini-artikel?from={value}")
    assert response.status_code == 200
    assert "Zurück zum Ergebnis" not in response.get_data(as_text=True)


def test_the_teachers_view_of_an_attempt_links_to_the_article_without_a_way_back(
        app, client, student, mini_quiz, teacher_client):
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(code=mini_quiz)).scalar_one()
        quiz.owner_id = teacher_client.teacher_id
        db.session.commit()
    attempt_id = submitted_attempt(app, student, mini_quiz)
    page = teacher_client.get(f"/teacher/results/attempts/{attempt_id}")
    links = passage_links(page.get_data(as_text=True))
    assert page.status_code == 200 and links and not any("from=" in link for link in links)
