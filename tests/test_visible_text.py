"""Every page a student or teacher reaches, read as a person reads it: its visible text.

Each page type (tests/helpers/tour.py, checked against the app's URL map) is rendered in German
and English from the shipped bank and must show no markup as text, numbers and dates in the
UI's locale, and the reader's own values (name, score) where they belong. The pages that show
the article must show its passages as elements.
"""
import re
from datetime import date

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal

from quizapp import create_app
from quizapp.extensions import db

from .conftest import POSTGRES_URL, TEACHER_PASSWORD, _empty_all_tables, _password_hash, base_config, sign_in
from .helpers.tour import (STUDENT_NAME, STUDENT_PIN, TEACHER_EMAIL, TEACHER_NAME, World, build_world, page_endpoints,
                           student_pages, teacher_pages)
from .helpers.visible import Visible, visible

LANGUAGES = ("de", "en")
DUMMY = World(**{name: 1 for name in ("quiz_id", "classroom_id", "student_id", "attempt_id", "open_attempt_id",
                                      "own_quiz_id", "own_article_id", "own_question_id")},
              quiz_code="X", article_slug="x", published="", passages=[], passage={"anchor": "a", "quote": "q"},
              class_code="X", score=0, max_score=1, reset_path="/auth/reset?token=x")
STUDENT_ENDPOINTS = sorted(student_pages(DUMMY))
TEACHER_ENDPOINTS = sorted(teacher_pages(DUMMY))
# Pages that show the article's text to a student.
ARTICLE_PAGES = {"student.article", "student.attempt", "student.worksheet"}
# Pages that show the student's name and their submitted attempt's score.
STUDENT_VALUES = {"student.result", "student.history", "student.quiz"}
TEACHER_STUDENT_VALUES = {"teacher.student", "results.quiz", "results.attempt", "results.print_sheet"}
NAME_ONLY = {"teacher.classroom"}


@pytest.fixture(scope="module")
def tour(tmp_path_factory, _postgres_schema):
    """One app with the world seeded, for every page of this module (the pages only read it)."""
    app = create_app(base_config(tmp_path_factory.mktemp("tour")))
    from quizapp.models import Teacher
    with app.app_context():
        if not POSTGRES_URL:
            db.create_all()
        teacher = Teacher(email=TEACHER_EMAIL, name=TEACHER_NAME, is_admin=True)  # sees the Teachers page
        teacher.password_hash = _password_hash(TEACHER_PASSWORD)
        db.session.add(teacher)
        db.session.commit()
        teacher_id = teacher.id
    world = build_world(app, teacher_id)
    clients = {}
    for language in LANGUAGES:
        student, teacher = app.test_client(), app.test_client()
        for client in (student, teacher):  # chosen first, as on the start page: the welcome is in that language
            client.set_cookie("lang", language)
        response = student.post("/join", data={"code": world.class_code, "display_name": STUDENT_NAME,
                                                  "pin": STUDENT_PIN})
        assert response.status_code == 302, response.get_data(as_text=True)
        assert sign_in(teacher, TEACHER_EMAIL).status_code == 302
        clients[language] = {"student": student, "teacher": teacher}
    yield app, world, clients
    with app.app_context():
        db.session.remove()
        if POSTGRES_URL:
            _empty_all_tables()
        db.engine.dispose()


def locale_number(value: float, language: str) -> str:
    return format_decimal(value, format="#,##0.##", locale=language)


def published_as_read(iso: str, language: str) -> str:
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return format_date(date(parts[0], parts[1], 1), "LLLL yyyy", locale=language)
    return format_date(date(*parts), "long", locale=language)


def locale_problems(page: Visible, language: str) -> list[str]:
    """Numbers, years and dates written in the wrong locale or as raw ISO/UTC values."""
    wrong_decimal = r"\b\d+\.\d+ / \d+" if language == "de" else r"\b\d+,\d+ / \d+"
    checks = {
        "a score with the other locale's decimal separator": wrong_decimal,
        # German pages (and their German article) write no decimal point; 06.12.2026 is a date.
        "a decimal point on a German page": r"(?<![\d.])\d{1,3}\.\d{1,2}(?![\d.])" if language == "de" else "(?!)",
        "a year with a thousands separator": r"\b2['’.]0[0-9]{2}\b",
        "an ISO month or date as text": r"\b20\d\d-\d\d(-\d\d)?\b",
        "a time in UTC": r"\bUTC\b",
    }
    return [f"{what}: {match.group(0)!r}" for what, pattern in checks.items()
            for match in re.finditer(pattern, page.text)]


def check_page(client, url: str, language: str) -> Visible:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    page = visible(response)
    assert page.leaked_markup() == [], f"{url} shows markup as text"
    assert locale_problems(page, language) == [], url
    return page


def test_every_page_route_has_a_visible_text_check(app):
    """A new GET page must join the tour (tests/helpers/tour.py), or this fails."""
    missing = page_endpoints(app) - set(STUDENT_ENDPOINTS) - set(TEACHER_ENDPOINTS)
    assert missing == set(), f"pages without a visible-text check: {sorted(missing)}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("endpoint", STUDENT_ENDPOINTS)
def test_student_page_shows_text_not_markup(tour, endpoint, language):
    app, world, clients = tour
    page = check_page(clients[language]["student"], student_pages(world)[endpoint], language)
    if endpoint in ARTICLE_PAGES:
        for passage in world.passages:
            assert f"passage-{passage['anchor']}" in page.ids, f"passage {passage['anchor']} is not an element"
            assert passage["text"][:60] in page, passage["anchor"]
        if world.published:
            assert published_as_read(world.published, language) in page
    if endpoint in STUDENT_VALUES:
        assert STUDENT_NAME in page
        score = f"{locale_number(world.score, language)} / {locale_number(world.max_score, language)}"
        assert score in page, f"{score} not on {endpoint}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("endpoint", TEACHER_ENDPOINTS)
def test_teacher_page_shows_text_not_markup(tour, endpoint, language):
    app, world, clients = tour
    page = check_page(clients[language]["teacher"], teacher_pages(world)[endpoint], language)
    assert TEACHER_NAME in page  # the header names who is signed in
    if endpoint in TEACHER_STUDENT_VALUES | NAME_ONLY:
        assert STUDENT_NAME in page
    if endpoint in TEACHER_STUDENT_VALUES:
        score = f"{locale_number(world.score, language)} / {locale_number(world.max_score, language)}"
        assert score in page, f"{score} not on {endpoint}"


def test_tour_scores_a_fraction_so_the_decimal_separator_is_seen(tour):
    """The score checks above prove the locale only if the score has decimals."""
    _, world, _ = tour
    assert world.score != int(world.score)
    assert "," in locale_number(world.score, "de") and "." in locale_number(world.score, "en")


@pytest.mark.parametrize("language, label", [("de", "Dein Name"), ("en", "Your name")])
def test_quiz_name_step_asks_a_new_visitor_for_a_name(tour, language, label):
    app, world, _ = tour
    visitor = app.test_client()
    visitor.set_cookie("lang", language)
    page = check_page(visitor, student_pages(world)["student.quiz"], language)
    assert label in page and STUDENT_NAME not in page
    assert page.ids.get("display_name") == "input"
    if world.published:
        assert published_as_read(world.published, language) in page


def test_article_page_highlights_the_quoted_passage(tour):
    _, world, clients = tour
    page = check_page(clients["de"]["student"], student_pages(world)["student.article"], "de")
    assert world.passage["quote"] in page
    assert page.ids.get("hl") == "mark"


def test_visible_text_sees_escaped_markup():
    """The helper itself: escaped markup is visible text, real markup is not."""
    assert Visible("<p>Nordkorea &lt;p&gt; schickt</p>").leaked_markup()
    assert Visible("<div>&amp;lt;h1&amp;gt;</div>").leaked_markup()
    clean = Visible("<h1 id='x'>Titel</h1><script>var s = '<p>';</script><p>Text</p>")
    assert clean.leaked_markup() == [] and clean.ids == {"x": "h1"} and "Titel\nText" == clean.text
