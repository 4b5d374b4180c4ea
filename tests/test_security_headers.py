"""Security headers on pages of every audience; no-store where a page belongs to someone; no inline code.

Also: a teacher reads another teacher's article only once a quiz on it is published.
"""
import re

import pytest

from quizapp import PROJECT_ROOT
from quizapp.extensions import db
from quizapp.models import Article, Quiz

from .conftest import sign_in
from .results_helpers import build_fixed_data
from .teacher_helpers import client_for_teacher, own_article

SAME_FOR_ALL = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def assert_secure_headers(response):
    for name, value in SAME_FOR_ALL.items():
        assert response.headers.get(name) == value, (name, response.request.path)
    policy = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert policy["base-uri"] == policy["form-action"] == "'self'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]


def test_anonymous_pages_have_the_headers_and_may_be_cached(client, mini_quiz):
    with client.application.app_context():
        slug = db.session.scalar(db.select(Article.slug))
    assert_secure_headers(client.get("/healthz"))
    for path in ("/", f"/quiz/{mini_quiz}", f"/articles/{slug}", "/no-such-page"):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert_secure_headers(response)
        assert "no-store" not in response.headers.get("Cache-Control", ""), path


def test_sign_in_and_join_pages_are_not_stored(client):
    for path in ("/auth/login", "/join"):
        response = client.get(path)
        assert response.status_code == 200
        assert_secure_headers(response)
        assert response.headers["Cache-Control"] == "no-store"


def test_student_attempt_result_and_history_pages_are_not_stored(client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    attempt_page = client.get(f"/attempts/{attempt_id}")
    assert attempt_page.status_code == 200 and attempt_page.headers["Cache-Control"] == "no-store"
    pages = []
    assert student.submit(attempt_id, {}).status_code == 302
    pages += [f"/attempts/{attempt_id}/result", "/me/attempts", "/", f"/quiz/{mini_quiz}"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_secure_headers(response)
        assert response.headers["Cache-Control"] == "no-store", path


def test_teacher_pages_are_not_stored_and_cannot_be_framed(app, tmp_path, make_teacher, make_attempt):
    ids = build_fixed_data(app, tmp_path, make_teacher, make_attempt)
    client = app.test_client()
    assert sign_in(client, "owner@schule.ch").status_code == 302
    quiz_id = ids["quiz"]
    for path in ("/teacher/", "/teacher/quizzes", f"/teacher/quizzes/{quiz_id}", f"/teacher/quizzes/{quiz_id}/delete",
                 f"/teacher/results/{quiz_id}", f"/teacher/results/{quiz_id}/items", "/teacher/articles"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_secure_headers(response)
        assert response.headers["Cache-Control"] == "no-store", path


def test_static_files_keep_their_caching_and_get_nosniff(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" not in response.headers["Cache-Control"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=|\son[a-z]+\s*=", re.I)


def test_templates_hold_no_inline_script_style_or_handler():
    for template in (PROJECT_ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert not INLINE_SCRIPT.search(text), template
        assert not INLINE_STYLE.search(text), template


def test_pages_with_charts_and_meters_render_no_inline_style(app, tmp_path, make_teacher, make_attempt):
    ids = build_fixed_data(app, tmp_path, make_teacher, make_attempt)
    client = app.test_client()
    assert sign_in(client, "owner@schule.ch").status_code == 302
    for path in (f"/teacher/results/{ids['quiz']}", f"/teacher/results/{ids['quiz']}/items",
                 f"/teacher/results/{ids['quiz']}/categories"):
        page = client.get(path).get_data(as_text=True)
        assert "<svg" in page, path
        assert not INLINE_SCRIPT.search(page) and not INLINE_STYLE.search(page), path


# ---------------------------------------------------------------- unpublished articles

@pytest.fixture
def unpublished(app, make_teacher):
    """Teacher A's own article, with no quiz on it yet: (A's id, slug)."""
    owner = make_teacher("a@schule.ch", "Frau A")
    own_article(app, owner, "entwurf-von-a")
    return owner, "entwurf-von-a"


def test_another_teacher_cannot_read_an_unpublished_article(app, make_teacher, unpublished):
    other = client_for_teacher(app, make_teacher, "b@schule.ch")
    assert other.get(f"/articles/{unpublished[1]}").status_code == 404
    assert app.test_client().get(f"/articles/{unpublished[1]}").status_code == 404  # nor a student


def test_the_owner_reads_their_unpublished_article(app, unpublished):
    owner = app.test_client()
    assert sign_in(owner, "a@schule.ch").status_code == 302
    response = owner.get(f"/articles/{unpublished[1]}")
    assert response.status_code == 200 and "Ein kleiner Testartikel" in response.get_data(as_text=True)


def test_everyone_reads_the_article_once_its_quiz_is_published(app, make_teacher, mini_quiz):
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz)).scalar_one()
        slug = db.session.get(Article, quiz.article_id).slug
        owner = make_teacher("a@schule.ch", "Frau A")
        db.session.execute(db.update(Article).values(owner_id=owner))
        db.session.commit()
    other = client_for_teacher(app, make_teacher, "b@schule.ch")
    assert other.get(f"/articles/{slug}").status_code == 200
    with app.app_context():
        db.session.execute(db.update(Quiz).values(published=False))
        db.session.commit()
    assert other.get(f"/articles/{slug}").status_code == 404
