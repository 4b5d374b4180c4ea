"""From a result's passage link to the article and back: the article page links to the signed-in
student's latest result on it, and to nothing for anyone else."""
import re
from html import unescape

import pytest

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
def test_the_article_opened_from_a_result_links_back_to_it(app, client, student, mini_quiz, language, words):
    attempt_id = submitted_attempt(app, student, mini_quiz)
    links = passage_links(client.get(f"/attempts/{attempt_id}/result?lang={language}").get_data(as_text=True))
    assert len(links) == 5
    for number, link in enumerate(links, start=1):  # every question of the mini quiz quotes its own passage
        article = client.get(link)
        assert article.status_code == 200
        assert BACK_LINK.findall(article.get_data(as_text=True)) == \
            [(f"/attempts/{attempt_id}/result#review-{number}", words)]
    review = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert all(f'id="review-{number}"' in review for number in range(1, 6))


def test_an_article_opened_without_a_passage_links_to_the_top_of_the_result(app, client, student, mini_quiz):
    attempt_id = submitted_attempt(app, student, mini_quiz)
    for url in ("/articles/mini-artikel", "/articles/mini-artikel?passage=nowhere&quote=x"):
        assert BACK_LINK.findall(client.get(url).get_data(as_text=True)) == \
            [(f"/attempts/{attempt_id}/result", "Zurück zum Ergebnis")]


def test_the_way_back_leads_to_the_latest_result(app, client, student, mini_quiz):
    submitted_attempt(app, student, mini_quiz)
    latest = submitted_attempt(app, student, mini_quiz)
    page = client.get("/articles/mini-artikel").get_data(as_text=True)
    assert BACK_LINK.findall(page) == [(f"/attempts/{latest}/result", "Zurück zum Ergebnis")]


def test_no_way_back_for_another_student_or_an_anonymous_visitor(app, client, student, mini_quiz):
    submitted_attempt(app, student, mini_quiz)
    stranger = StudentFlow(app.test_client())
    stranger.start(mini_quiz)  # signed in, but without a result on the article
    for visitor in (stranger.client, app.test_client()):
        response = visitor.get("/articles/mini-artikel")
        assert response.status_code == 200
        assert "Zurück zum Ergebnis" not in response.get_data(as_text=True)


def test_an_attempt_not_yet_submitted_has_no_result_to_go_back_to(app, client, student, mini_quiz):
    student.start(mini_quiz)
    page = client.get("/articles/mini-artikel").get_data(as_text=True)
    assert "Zurück zum Ergebnis" not in page
