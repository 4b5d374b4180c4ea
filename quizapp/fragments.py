"""Rendered HTML cached in each worker: questions, reviews, article text, whole student pages.

What the quiz and result pages show for one question depends only on frozen data: the
question version, the option order fixed in the attempt's layout, the student's stored
response, the language and whether answers may be revealed. Each such fragment is rendered
once per worker and reused for every student who sees the same thing. An article's text is
keyed by its updated_at, as in content.py. The quiz page and the result page's frame are
keyed by everything they show (the quiz's title, settings and article version among it) and
filled in per student (quizapp.holes). No entry can go stale, so workers never disagree.
"""
from flask import get_template_attribute, render_template, request, session
from markupsafe import Markup

from . import holes, layouts
from .content import article_passages, snapshots
from .extensions import db
from .i18n import current_language
from .kinds import get_kind
from .lru import LRU, app_cache
from .models import Article, Attempt
from .review import picked_keys, review_item, stored_responses
from .security import csrf_token, current_student

_CACHE_SIZE = 20_000  # fragments of 0.5–2 kB: at most a few dozen MB per worker
_PAGE_CACHE_SIZE = 256  # quiz pages of about 30 kB and result frames: a few MB per worker
_REVIEWS_CACHE_SIZE = 1000  # an attempt's reviews, about 25 kB for 30 questions: up to 25 MB per worker


def _cache() -> LRU:
    return app_cache("fragments", _CACHE_SIZE)


def _cached(key: tuple, render) -> Markup:
    cache = _cache()
    html = cache.get(key)
    if html is None:
        html = Markup(render())
        cache.put(key, html)
    return html


def questions_html(layout: list[dict]) -> Markup:
    """The quiz page's fieldsets, one per layout item, in the attempt's order."""
    cache, locale = _cache(), current_language()
    versions = None  # looked up only if some fragment is not cached yet
    parts = []
    for number, item in enumerate(layout, start=1):
        key = ("question", item["version_id"], item["question_id"], number, tuple(item["options"]), locale)
        html = cache.get(key)
        if html is None:
            versions = versions or snapshots([entry["version_id"] for entry in layout])
            html = _render_question(number, item, versions[item["version_id"]])
            cache.put(key, html)
        parts.append(html)
    return Markup("".join(parts))


def quiz_page(attempt, quiz) -> Markup:
    """The quiz page of an attempt, rendered once for every attempt with the same layout.

    Everything on it follows from the quiz's facts (title, article version, ...), the layout
    (question versions and option order), the language and the mount point, except the
    student's name, CSRF token and attempt id, which are filled in (quizapp.holes). With the
    default settings (no shuffling) a whole class gets one layout, so the page is rendered
    once per worker; shuffled layouts still share the cached question fragments.
    """
    if _has_messages():
        return Markup(_render_quiz_page(quiz, attempt, attempt.id))
    key = ("quiz-page", current_language(), request.script_root, quiz, attempt.layout_json)
    cache = _page_cache()
    page = cache.get(key)
    if page is None:
        with holes.shared_rendering():
            page = holes.Shared(_render_quiz_page(quiz, attempt, holes.ATTEMPT_ID))
        cache.put(key, page)
    return page.fill(name=current_student().display_name, token=csrf_token(), attempt_id=attempt.id)


def _render_quiz_page(quiz, attempt, attempt_id: int) -> str:
    return render_template("student/attempt.html", quiz=quiz, attempt_id=attempt_id,
                           layout_key=layouts.key_of(attempt.layout_json),
                           questions_html=questions_html(attempt.layout),
                           article_html=article_html(quiz.article_id, quiz.article_updated_at))


def result_page(attempt, quiz, reveal: bool, can_retry: bool) -> Markup:
    """The result page: one frame per quiz (and language, reveal, retry) for all its attempts.

    The frame holds everything but the student's name and token, the attempt's score line
    and its reviews, which are filled in (quizapp.holes); the score line and the reviews are
    cached too (_reviews).
    """
    summary = _cached(("summary", current_language(), attempt.score, attempt.max_score, attempt.number, quiz.title),
                      lambda: get_template_attribute("student/_result_summary.html", "summary")(attempt, quiz))
    reviews = _reviews(attempt, quiz.article_slug, reveal)
    if _has_messages():
        return Markup(_render_result_page(quiz, reveal, can_retry, summary, reviews))
    key = ("result-page", current_language(), request.script_root, quiz, reveal, can_retry)
    cache = _page_cache()
    frame = cache.get(key)
    if frame is None:
        with holes.shared_rendering():
            frame = holes.Shared(_render_result_page(quiz, reveal, can_retry, Markup(holes.SUMMARY),
                                                     Markup(holes.REVIEWS)))
        cache.put(key, frame)
    return frame.fill(name=current_student().display_name, token=csrf_token(), summary=summary,
                      reviews=reviews)


def _render_result_page(quiz, reveal: bool, can_retry: bool, summary: Markup, reviews: Markup) -> str:
    return render_template("student/result.html", quiz=quiz, reveal=reveal, can_retry=can_retry, summary=summary,
                           reviews=reviews)


def _has_messages() -> bool:
    """Whether flashed messages wait for this visitor: then the page is rendered for them alone."""
    return "_flashes" in session  # where flask.flash keeps them


def _page_cache() -> LRU:
    return app_cache("pages", _PAGE_CACHE_SIZE)


def _render_question(number: int, item: dict, snapshot: dict) -> Markup:
    kind = get_kind(snapshot["kind"])
    by_key = {option["key"]: option for option in kind.display_options(snapshot["spec"])}
    question = {"number": number, "field": f"q{item['question_id']}", "snapshot": snapshot, "kind": kind,
                "options": [by_key[key] for key in item["options"] if key in by_key]}
    return Markup(render_template(kind.template, item=question))


def article_html(article_id: int, updated_at) -> Markup:
    """The article's attribution and passages as the quiz page shows them."""
    def render() -> str:
        article = db.session.get(Article, article_id)  # only on a miss: the key says which version
        attribution = get_template_attribute("_macros.html", "attribution")
        passage = get_template_attribute("_macros.html", "render_passage")
        return attribution(article) + "".join(passage(p) for p in article_passages(article))

    return _cached(("article", article_id, updated_at, current_language()), render)


def _response_signature(response) -> tuple | None:
    # The chosen options follow from the answer and the version's kind, both in the key.
    if response is None:
        return None
    return response.points, response.correct, response.raw, repr(response.answer)


def _reviews(attempt, article_slug: str, reveal: bool) -> Markup:
    """All reviews of a submitted attempt, kept whole: its layout and answers never change.

    Keyed by their stored text, so attempts with the same answers share an entry and a page
    reload costs no decoding and no fragment lookups.
    """
    # The mount point too: the passage links are built with it.
    key = ("reviews", attempt.layout_json, attempt.answers_json, article_slug, reveal, current_language(),
           request.script_root)
    cache = app_cache("reviews", _REVIEWS_CACHE_SIZE)
    reviews = cache.get(key)
    if reviews is None:
        reviews = _render_reviews(attempt, article_slug, reveal)
        cache.put(key, reviews)
    return reviews


def _render_reviews(attempt: Attempt, article_slug: str, reveal: bool) -> Markup:
    """The review of every question, in the order the student saw them, from per-question fragments."""
    responses = stored_responses(attempt)
    cache, locale = _cache(), current_language()
    versions = None  # looked up only if some review is not cached yet
    reviews = []
    for number, item in enumerate(attempt.layout, start=1):
        response = responses.get(item["question_id"])
        key = ("review", item["version_id"], number, tuple(item["options"]), article_slug, reveal, locale,
               request.script_root, _response_signature(response))
        html = cache.get(key)
        if html is None:
            versions = versions or snapshots([entry["version_id"] for entry in attempt.layout])
            snapshot = versions[item["version_id"]]
            html = Markup(render_template("student/_review.html", item=review_item(
                number, item, snapshot, response, picked_keys(snapshot, response), article_slug, reveal)))
            cache.put(key, html)
        reviews.append(html)
    return Markup("".join(reviews))
