"""Print pages: the worksheet (article and questions, no answers), a student's result sheet and
a teacher's class result sheet; what they show, their print stylesheet, and who may open them."""
import re

import pytest

from quizapp.extensions import db
from quizapp.models import Quiz

from .conftest import sign_in
from .helpers.visible import visible
from .results_helpers import build_fixed_data

PRINT_CSS = re.compile(r'<link rel="stylesheet" href="/static/css/print\.(?:[0-9a-f]+\.)?css"')  # fingerprinted


def test_print_stylesheet_sets_a4_and_hides_navigation(app):
    css = app.test_client().get("/static/css/print.css")
    text = css.get_data(as_text=True)
    assert css.status_code == 200
    assert "@page { size: A4;" in text and "@media print" in text
    assert re.search(r"\.site-header,[^{]*\{ display: none !important; \}", text)


def test_worksheet_shows_article_and_questions_without_answers(client, mini_quiz):
    client.set_cookie("lang", "en")
    response = client.get(f"/quiz/{mini_quiz}/print")
    page = visible(response)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert PRINT_CSS.search(html)
    assert re.search(r"/static/js/print\.(?:[0-9a-f]+\.)?js", html) and "<script>" not in html
    # The article's passages, then the questions in quiz order with their options.
    for passage in ("Die Gemeinde baut 12 neue Brücken.", "Laut Gemeinderat kosten die Brücken rund 5'000 Franken pro Meter.",
                    "Das genaue Datum ist nicht bekannt."):
        assert passage in page
    prompts = ["Wie viele Brücken baut die Gemeinde?", "Wer nennt die Kosten?",
               "Was ist im Artikel eine Vermutung oder unbekannt?", "Stimmt es? «Die Bauarbeiten beginnen Ende Mai.»"]
    positions = [page.text.index(prompt) for prompt in prompts]
    assert positions == sorted(positions)
    assert "Question 1" in page and "Question 5" in page
    assert "Die Experten" in page and "Dass es teurer wird" in page and "True" in page
    assert "Tick one answer." in page and "Tick every answer that applies." in page
    assert "Name:" in page and "Answer:" in page
    # No answer leaks: no explanation, no feedback, no "correct" marker, no inputs to fill online.
    for secret in ("Der Titel nennt 12 neue Brücken.", "Genau, der Gemeinderat.", "Der Text sagt Ende April.",
                   "Nur dieser Satz sagt"):
        assert secret not in page
    assert "correct" not in page.text.lower()
    assert "marker-correct" not in html and 'class="correct' not in html and "<input" not in html


def test_worksheet_in_german_is_linked_from_the_quiz_page(client, mini_quiz):
    quiz_page = visible(client.get(f"/quiz/{mini_quiz}"))
    assert "Arbeitsblatt drucken" in quiz_page
    assert f'href="/quiz/{mini_quiz}/print"' in client.get(f"/quiz/{mini_quiz}").get_data(as_text=True)
    page = visible(client.get(f"/quiz/{mini_quiz}/print"))
    assert "Arbeitsblatt" in page and "Frage 1" in page and "Kreuze eine Antwort an." in page


def test_worksheet_of_an_unpublished_quiz_is_missing(app, client, mini_quiz):
    with app.app_context():
        db.session.execute(db.select(Quiz).filter_by(code=mini_quiz)).scalar_one().published = False
        db.session.commit()
    assert client.get(f"/quiz/{mini_quiz}/print").status_code == 404
    assert client.get("/quiz/NOSUCH/print").status_code == 404


def test_result_page_links_the_print_stylesheet_and_button(student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    student.submit(attempt_id, {})
    student.client.set_cookie("lang", "de")
    response = student.client.get(f"/attempts/{attempt_id}/result")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and PRINT_CSS.search(html)
    assert re.search(r'<button type="button" class="button" data-print hidden>Drucken</button>', html)
    assert re.search(r"/static/js/print\.(?:[0-9a-f]+\.)?js", html)
    other = student.client.application.test_client()
    assert other.get(f"/attempts/{attempt_id}/result").status_code == 404


@pytest.fixture
def data(app, tmp_path, make_teacher, make_attempt):
    return build_fixed_data(app, tmp_path, make_teacher, make_attempt)


def _teacher(app, email, lang="en"):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    client.set_cookie("lang", lang)
    return client


def test_class_sheet_lists_scores_percent_and_categories(app, data):
    owner = _teacher(app, "owner@schule.ch")
    response = owner.get(f"/teacher/results/{data['quiz']}/print")
    page, html = visible(response), response.get_data(as_text=True)
    assert response.status_code == 200 and PRINT_CSS.search(html)
    rows = re.findall(r'<tr data-attempt="(\d+)">\s*<th scope="row">([^<]+)</th>', html)
    assert [name for _, name in rows] == ["Anna", "Ben", "Cleo", "Dario"]
    assert "2.5 / 6" in page and "83%" in page and "42%" in page
    assert "Sources & evidence" in page and "Actors" in page
    # Ben: sourcing is M (0.5 of 1) and E (0 of 2): 0.5 / 3 = 17%.
    ben = next(attempt for attempt, name in rows if name == "Ben")
    row = html[html.index(f'<tr data-attempt="{ben}">'):]
    assert re.search(r'data-category="sourcing">17%<', row[:row.index("</tr>")])
    german = visible(_teacher(app, "owner@schule.ch", "de").get(f"/teacher/results/{data['quiz']}/print"))
    assert "2,5 / 6" in german and "83 %" in german and "Klassen-Ergebnisblatt" in german
    filtered = owner.get(f"/teacher/results/{data['quiz']}/print?classroom={data['classes']['owner']}")
    assert [n for _, n in re.findall(r'<tr data-attempt="(\d+)">\s*<th scope="row">([^<]+)</th>',
                                     filtered.get_data(as_text=True))] == ["Anna", "Ben"]
    results = owner.get(f"/teacher/results/{data['quiz']}/categories").get_data(as_text=True)
    assert f'href="/teacher/results/{data["quiz"]}/print"' in results


def test_class_sheet_access(app, data, make_teacher, student):
    other = _teacher(app, "other@schule.ch")
    assert [n for n in re.findall(r'<th scope="row">([^<]+)</th>',
                                  other.get(f"/teacher/results/{data['quiz']}/print").get_data(as_text=True))] == ["Cleo"]
    make_teacher("third@schule.ch", "Third")
    assert _teacher(app, "third@schule.ch").get(f"/teacher/results/{data['quiz']}/print").status_code == 404
    anonymous = app.test_client().get(f"/teacher/results/{data['quiz']}/print")
    assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]
    student.submit(student.start(data["code"], name="Eva"), {})
    assert student.client.get(f"/teacher/results/{data['quiz']}/print").status_code == 403
