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


def test_the_article_opened_from_a_teachers_drill_down_links_back_to_it(app, teacher_client, make_teacher,
                                                                         mini_quiz, make_attempt):
    from .teacher_helpers import make_classroom
    classroom_id, _code = make_classroom(app, teacher_client.teacher_id)
    answers = {"anzahl-bruecken": "12", "wer-sagt-kosten": "a", "was-ist-vermutung": ["a", "b"],
               "beginn-april": "false", "beleg-datum": "a"}
    attempt_id = make_attempt(mini_quiz, answers, classroom_id=classroom_id)
    drill_down = teacher_client.get(f"/teacher/results/attempts/{attempt_id}").get_data(as_text=True)
    links = passage_links(drill_down)
    assert len(links) == 5 and all(f"attempt={attempt_id}" in link for link in links)
    for number, link in enumerate(links, start=1):
        article = teacher_client.get(link)
        assert article.status_code == 200
        assert BACK_LINK.findall(article.get_data(as_text=True)) == \
            [(f"/teacher/results/attempts/{attempt_id}#review-{number}", "Zurück zu den Antworten")]
    english = teacher_client.get(links[0].split("#")[0] + "&lang=en").get_data(as_text=True)
    assert BACK_LINK.findall(english)[0][1] == "Back to the answers"
    # Another teacher, who may not review the attempt, gets the article without a way back.
    other = app.test_client()
    make_teacher(email="kollege@schule.ch")
    from .conftest import sign_in
    assert sign_in(other, "kollege@schule.ch").status_code == 302
    page = other.get(links[0])
    assert page.status_code == 200 and not BACK_LINK.findall(page.get_data(as_text=True))


@pytest.mark.parametrize("attempt", ["abc", "0", "-3", str(2**31), str(10**30), "1"])
def test_a_teachers_article_page_ignores_an_attempt_it_cannot_link_back_to(teacher_client, mini_quiz, attempt):
    page = teacher_client.get(f"/articles/mini-artikel?passage=p1&quote=x&attempt={attempt}")
    assert page.status_code == 200 and not BACK_LINK.findall(page.get_data(as_text=True))


def test_the_way_back_from_the_article_keeps_the_results_lists_filters(app, teacher_client, mini_quiz,
                                                                        make_attempt):
    from .teacher_helpers import make_classroom
    classroom_id, _code = make_classroom(app, teacher_client.teacher_id)
    attempt_id = make_attempt(mini_quiz, {"anzahl-bruecken": "12"}, classroom_id=classroom_id)
    filters = f"classroom={classroom_id}&since=2020-01-01&first_only=y&sort=score&dir=asc"
    drill_down = teacher_client.get(f"/teacher/results/attempts/{attempt_id}?{filters}&junk=1")
    link = passage_links(drill_down.get_data(as_text=True))[0]
    assert f"attempt={attempt_id}" in link and f"classroom={classroom_id}" in link and "junk" not in link
    article = teacher_client.get(link).get_data(as_text=True)
    (back, _words), = BACK_LINK.findall(article)
    back = unescape(back)
    assert back.startswith(f"/teacher/results/attempts/{attempt_id}?") and back.endswith("#review-1")
    for pair in filters.split("&"):
        assert pair in back
    # Back on the drill-down, its breadcrumb leads to the list as it was filtered.
    again = teacher_client.get(back.split("#")[0]).get_data(as_text=True)
    crumbs = [unescape(h) for h in re.findall(r'<p class="breadcrumbs">.*?</p>', again, re.S)[0].split('href="')[1:]]
    to_list = crumbs[1].split('"')[0]
    assert re.fullmatch(r"/teacher/results/\d+\?.+", to_list)
    for pair in filters.split("&"):
        assert pair in to_list
    assert teacher_client.get(to_list).status_code == 200
