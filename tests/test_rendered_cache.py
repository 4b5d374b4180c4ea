"""quizapp.cache.rendered: cached fragments give the page that rendering every time gives.

Its invariants: a key holds everything its fragment shows, and nothing in a fragment is the
visitor's own (name, token, attempt id). Each test renders a page with the cache warm and
with it off (RENDERED_CACHE_SIZE = 0) and compares what the student sees.
"""
import re
from contextlib import contextmanager

from flask import template_rendered

from quizapp.extensions import db
from quizapp.models import Article, Passage

from .conftest import StudentFlow
from .test_attempt_pages import _Page, article_part
from .test_student_flow import perfect_answers, question_ids


def pages_with_and_without_cache(app, client, url: str) -> tuple[str, str]:
    """The page from a warm cache and rendered afresh, CSRF tokens left out (a token's
    signature carries the second it was made in)."""
    def page() -> str:
        return re.sub(r'name="csrf_token" value="[^"]*"', "", client.get(url).get_data(as_text=True))

    page()  # fills the cache
    cached = page()
    app.config["RENDERED_CACHE_SIZE"] = 0
    try:
        fresh = page()
    finally:
        app.config["RENDERED_CACHE_SIZE"] = 20_000
    return cached, fresh


def test_quiz_and_result_pages_are_the_same_with_and_without_the_cache(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    cached, fresh = pages_with_and_without_cache(app, client, f"/attempts/{attempt_id}")
    assert cached == fresh and cached.count('class="question"') == 5
    student.submit(attempt_id, perfect_answers(app))
    cached, fresh = pages_with_and_without_cache(app, client, f"/attempts/{attempt_id}/result")
    assert cached == fresh and "6 / 6" in _Page(cached).visible


def test_cached_fragments_hold_nothing_of_the_first_visitor(app, mini_quiz):
    ids = question_ids(app)
    mia, noah = StudentFlow(app.test_client()), StudentFlow(app.test_client())
    mia_attempt, noah_attempt = mia.start(mini_quiz, "Mia"), noah.start(mini_quiz, "Noah")
    mia_page = mia.client.get(f"/attempts/{mia_attempt}").get_data(as_text=True)
    noah_page = noah.client.get(f"/attempts/{noah_attempt}").get_data(as_text=True)
    assert "Noah" in _Page(noah_page).visible and "Mia" not in _Page(noah_page).visible
    assert f"/attempts/{noah_attempt}" in noah_page and f"/attempts/{mia_attempt}" not in noah_page
    token = 'name="csrf_token" value="'
    assert noah_page.count(token) == mia_page.count(token)  # no token inside a cached fragment
    mia.submit(mia_attempt, perfect_answers(app))
    noah.submit(noah_attempt, {f"q{ids['anzahl-bruecken']}": "13"})  # other answers: other reviews
    mia_result = _Page(mia.client.get(f"/attempts/{mia_attempt}/result").get_data(as_text=True)).visible
    noah_result = _Page(noah.client.get(f"/attempts/{noah_attempt}/result").get_data(as_text=True)).visible
    assert "6 / 6" in mia_result and "0 / 6" in noah_result
    assert "13" in noah_result and "13" not in mia_result


def test_an_edited_article_shows_its_new_text_at_once(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    assert "Ende April" in article_part(client.get(f"/attempts/{attempt_id}").get_data(as_text=True)).visible
    with app.app_context():
        passage = db.session.execute(db.select(Passage).filter_by(anchor="absatz-2")).scalar_one()
        passage.text = "Die Bauarbeiten beginnen Anfang Mai."
        db.session.get(Article, passage.article_id).title = "Ein geänderter Testartikel"  # moves updated_at
        db.session.commit()
    article = article_part(client.get(f"/attempts/{attempt_id}").get_data(as_text=True)).visible
    assert "Anfang Mai" in article and "Ende April" not in article


# ---------------------------------------------------------------- whole-page frames

@contextmanager
def templates_rendered(app):
    """The names of the templates Flask renders inside the block (its template_rendered signal)."""
    names: list[str] = []

    def record(_sender, template, context, **_extra):
        names.append(template.name)

    template_rendered.connect(record, app)
    try:
        yield names
    finally:
        template_rendered.disconnect(record, app)


def test_the_quiz_page_frame_is_shared_and_each_student_sees_their_own_parts(app, mini_quiz):
    mia, noah = StudentFlow(app.test_client()), StudentFlow(app.test_client())
    mia_attempt, noah_attempt = mia.start(mini_quiz, "Mia"), noah.start(mini_quiz, "Noah")
    mia.client.get(f"/attempts/{mia_attempt}")  # renders the frame
    with templates_rendered(app) as rendered_now:
        noah_html = noah.client.get(f"/attempts/{noah_attempt}").get_data(as_text=True)
    assert "student/attempt.html" not in rendered_now  # Noah's page came from Mia's frame
    page = _Page(noah_html)
    assert "Noah" in page.visible and "Mia" not in page.visible
    assert "0 von 5 beantwortet" in page.visible and page.visible.count("Frage ") >= 5
    assert f'action="/attempts/{noah_attempt}"' in noah_html
    assert noah_html.count(f'/attempts/{noah_attempt}/draft"') == 2  # the script's URL and the no-script button
    assert "hole-" not in noah_html


def test_a_draft_and_a_flashed_message_reach_the_student_through_the_frame(app, mini_quiz):
    ids = question_ids(app)
    mia, noah = StudentFlow(app.test_client()), StudentFlow(app.test_client())
    mia_attempt, noah_attempt = mia.start(mini_quiz, "Mia"), noah.start(mini_quiz, "Noah")
    mia.client.get(f"/attempts/{mia_attempt}")  # the frame, without Noah's answer
    saved = noah.client.post(f"/attempts/{noah_attempt}/draft", data={f"q{ids['anzahl-bruecken']}": "13"},
                             follow_redirects=True)
    page = _Page(saved.get_data(as_text=True))
    assert "Deine Antworten sind gespeichert" in page.visible  # the flash, on the page whole
    assert "1 von 5 beantwortet" in page.visible and 'value="13"' in saved.get_data(as_text=True)
    again = noah.client.get(f"/attempts/{noah_attempt}").get_data(as_text=True)
    assert "Deine Antworten sind gespeichert" not in _Page(again).visible  # shown once
    assert "1 von 5 beantwortet" in _Page(again).visible and 'value="13"' in again
    assert "0 von 5 beantwortet" in _Page(mia.client.get(f"/attempts/{mia_attempt}").get_data(as_text=True)).visible


def test_a_token_from_a_shared_frame_is_the_visitors_own(csrf_app):
    """With CSRF on: each student's page carries their own token; only their own counts."""
    visitors = {}
    for name in ("Mia", "Noah"):
        client = csrf_app.test_client()
        entry = client.get("/quiz/MINI01").get_data(as_text=True)
        started = client.post("/quiz/MINI01/start", data={"display_name": name, "csrf_token": token_of(entry)})
        attempt_url = started.headers["Location"]
        visitors[name] = client, attempt_url, token_of(client.get(attempt_url).get_data(as_text=True))
    (_, _, mia_token), (noah, noah_url, noah_token) = visitors["Mia"], visitors["Noah"]
    assert noah.post(noah_url, data={"csrf_token": mia_token}).status_code == 400  # not Noah's token
    submitted = noah.post(noah_url, data={"csrf_token": noah_token})
    assert submitted.status_code == 302 and submitted.headers["Location"].endswith("/result")
    assert "Noah" in _Page(noah.get(submitted.headers["Location"]).get_data(as_text=True)).visible


def token_of(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
