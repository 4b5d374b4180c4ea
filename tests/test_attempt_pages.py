"""What a student sees on the quiz and result pages, and what a submit stores.

The quiz page shows the article as the article page does, on every render (again, with a
flashed message, in English); numbers follow the UI's locale; a submit runs the same
statements whatever was submitted before, stores once, and is refused once the quiz is closed.
"""
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from flask import flash

from quizapp.extensions import db
from quizapp.models import Article, Attempt, Passage, Quiz, utcnow

from .conftest import StudentFlow
from .test_student_flow import perfect_answers, question_ids


class _Page(HTMLParser):
    """The visible text of a page (no tags, entities decoded, no scripts) and its elements' ids."""

    def __init__(self, html: str, inside_class: str | None = None):
        super().__init__(convert_charrefs=True)
        self.inside_class, self.depth, self.hidden = inside_class, 0 if inside_class else 1, 0
        self.text: list[str] = []
        self.ids: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if self.depth:
            self.depth += 1
            if attrs.get("id"):
                self.ids.append(attrs["id"])
        elif self.inside_class and self.inside_class in classes:
            self.depth = 1
        if tag in ("script", "style"):
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1
        if self.depth and self.inside_class:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.hidden:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def article_part(html: str) -> _Page:
    return _Page(html, inside_class="article")


def start_seed_quiz(app, name: str = "Mia") -> tuple[StudentFlow, int]:
    flow = StudentFlow(app.test_client())
    return flow, flow.start("KURSK25", name=name)


def passages(app) -> list[Passage]:
    with app.app_context():
        article = db.session.execute(db.select(Article).join(Quiz).filter(Quiz.code == "KURSK25")).scalar_one()
        return list(db.session.execute(db.select(Passage).filter_by(article_id=article.id)).scalars())


def assert_shows_the_article(html: str, app) -> None:
    page, article = _Page(html), article_part(html)
    assert "<p" not in page.visible and "<h1" not in page.visible and "&lt;" not in page.visible
    for passage in passages(app):
        assert " ".join(passage.text.split()) in article.visible, passage.anchor
        assert f"passage-{passage.anchor}" in article.ids, passage.anchor
        if passage.credit:
            assert passage.credit in article.visible


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_quiz_page_shows_the_article_on_every_render(seeded, language):
    @seeded.get("/test-flash")  # a view that flashes, as the app's own views do
    def flash_for_mia():
        flash("Nur für Mia", "info")
        return "ok"

    flow, attempt_id = start_seed_quiz(seeded)
    flow.client.get(f"/?lang={language}")  # remembered in a cookie from now on
    url = f"/attempts/{attempt_id}"
    kinds = {passage.kind for passage in passages(seeded)}
    assert {"lead", "box", "heading", "caption"} <= kinds  # every kind of passage the seed has is checked
    first, second = (flow.client.get(url).get_data(as_text=True) for _ in range(2))
    flow.client.get("/test-flash")
    flashed = flow.client.get(url).get_data(as_text=True)
    assert "Nur für Mia" in _Page(flashed).visible
    assert "Nur für Mia" not in _Page(flow.client.get(url).get_data(as_text=True)).visible  # shown once
    article_page = flow.client.get("/articles/" + passages_slug(seeded)).get_data(as_text=True)
    with seeded.app_context():  # the seed has no headline passage: its title is the heading
        title = db.session.execute(db.select(Article.title).join(Quiz).filter(Quiz.code == "KURSK25")).scalar_one()
    for html in (first, second, flashed):
        assert_shows_the_article(html, seeded)
        assert title in article_part(html).visible
        assert article_part(html).visible == article_part(article_page).visible
        assert article_part(html).ids == article_part(article_page).ids
    submit_label = "Antworten abgeben" if language == "de" else "Submit answers"
    assert submit_label in _Page(first).visible


def passages_slug(app) -> str:
    with app.app_context():
        return db.session.execute(db.select(Article.slug).join(Quiz).filter(Quiz.code == "KURSK25")).scalar_one()


def test_each_student_sees_their_own_name_and_attempt(seeded):
    mia, mia_attempt = start_seed_quiz(seeded, "Mia")
    noah, noah_attempt = start_seed_quiz(seeded, "Noah")
    mia_page = mia.client.get(f"/attempts/{mia_attempt}").get_data(as_text=True)
    noah_page = noah.client.get(f"/attempts/{noah_attempt}").get_data(as_text=True)
    assert "Mia" in _Page(mia_page).visible and "Noah" not in _Page(mia_page).visible
    assert "Noah" in _Page(noah_page).visible and "Mia" not in _Page(noah_page).visible
    assert f'action="/attempts/{mia_attempt}"' in mia_page and f'action="/attempts/{noah_attempt}"' in noah_page


@pytest.mark.parametrize(("language", "score"), [("de", "0,5 / 6"), ("en", "0.5 / 6")])
def test_the_result_page_writes_the_score_in_the_uis_locale(app, client, student, mini_quiz, language, score):
    ids = question_ids(app)
    attempt_id = student.start(mini_quiz)
    student.submit(attempt_id, {f"q{ids['was-ist-vermutung']}": ["a"]})  # one of two correct: half a point
    page = _Page(client.get(f"/attempts/{attempt_id}/result?lang={language}").get_data(as_text=True)).visible
    assert score in page
    history = _Page(client.get("/me/attempts").get_data(as_text=True)).visible
    assert score in history


def test_a_changed_quiz_title_shows_at_once(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    client.get(f"/attempts/{attempt_id}")
    with app.app_context():
        db.session.execute(db.update(Quiz).values(title="Neuer Titel"))
        db.session.commit()
    assert "Neuer Titel" in _Page(client.get(f"/attempts/{attempt_id}").get_data(as_text=True)).visible


# ---------------------------------------------------------------- the submit

def stored(app, attempt_id: int) -> tuple:
    with app.app_context():
        return db.session.execute(db.select(Attempt.score, Attempt.submitted_at.is_not(None))
                                  .where(Attempt.id == attempt_id)).one()


def test_every_submit_runs_the_same_statements_and_a_second_changes_nothing(app, mini_quiz, count_queries):
    counts = []
    for name in ("Mia", "Noah"):
        flow = StudentFlow(app.test_client())
        attempt_id = flow.start(mini_quiz, name=name)
        with count_queries() as statements:
            response = flow.submit(attempt_id, perfect_answers(app))
        assert response.headers["Location"].endswith(f"/attempts/{attempt_id}/result")
        assert stored(app, attempt_id) == (6, True)
        counts.append([statement.split()[0].upper() for statement in statements])
        again = flow.submit(attempt_id, {})  # a double click, a reload
        assert again.status_code == 302 and stored(app, attempt_id) == (6, True)
        result = flow.client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
        assert "Dieser Versuch wurde schon abgegeben" in _Page(result).visible
    assert counts[0] == counts[1] and counts[0].count("UPDATE") == 1
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Attempt)) == 2


@pytest.mark.parametrize("change", [{"published": False}, {"closes_at": "past"}, {"opens_at": "future"}])
def test_a_submit_into_a_closed_or_unpublished_quiz_is_refused(app, client, student, mini_quiz, change):
    attempt_id = student.start(mini_quiz)
    values = {key: {"past": utcnow() - timedelta(minutes=5), "future": utcnow() + timedelta(days=1)}.get(value, value)
              for key, value in change.items()}
    with app.app_context():
        db.session.execute(db.update(Quiz).values(**values))
        db.session.commit()
    response = student.submit(attempt_id, perfect_answers(app))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/quiz/{mini_quiz}")
    assert stored(app, attempt_id) == (None, False)
    if change != {"published": False}:  # an unpublished quiz's page is not shown to students
        page = _Page(client.get(response.headers["Location"]).get_data(as_text=True)).visible
        assert "Dieses Quiz ist geschlossen" in page


def test_someone_elses_attempt_is_404_and_unchanged(app, client, student, mini_quiz, teacher_client):
    victim = student.start(mini_quiz)
    stranger = StudentFlow(app.test_client())
    stranger.start(mini_quiz, name="Eve")
    assert stranger.submit(victim, perfect_answers(app)).status_code == 404
    assert stranger.client.get(f"/attempts/{victim}").status_code == 404
    assert teacher_client.post(f"/attempts/{victim}", data=perfect_answers(app)).status_code == 404
    assert stored(app, victim) == (None, False)
