"""Rendered HTML of immutable content, cached in each worker: questions, reviews, article text.

What the quiz and result pages show for one question depends only on frozen data: the
question version, the option order fixed in the attempt's layout, the student's stored
response, the language and whether answers may be revealed. Each such fragment is rendered
once per worker and reused for every student who sees the same thing, which keeps these
pages close to the cost of one plain template. An article's text is keyed by its updated_at,
as in content.py. Nothing mutable is cached, so workers never disagree.
"""
from flask import current_app, get_template_attribute, render_template
from markupsafe import Markup

from .content import _LRU, article_passages, snapshots
from .extensions import db
from .i18n import current_language
from .kinds import get_kind
from .models import Article, Attempt
from .review import picked_keys, review_item, stored_responses

_CACHE_SIZE = 20_000  # fragments of 0.5–2 kB: at most a few dozen MB per worker


def _cache() -> _LRU:
    cache = current_app.extensions.get("quizapp.fragments")
    if cache is None:
        cache = current_app.extensions.setdefault("quizapp.fragments", _LRU(_CACHE_SIZE))
    return cache


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


def review_html(attempt: Attempt, article_slug: str, reveal: bool) -> Markup:
    """The result page's review of every question, in the order the student saw them."""
    responses = stored_responses(attempt)
    cache, locale = _cache(), current_language()
    versions = None  # looked up only if some review is not cached yet
    reviews = []
    for number, item in enumerate(attempt.layout, start=1):
        response = responses.get(item["question_id"])
        key = ("review", item["version_id"], number, tuple(item["options"]), article_slug, reveal, locale,
               _response_signature(response))
        html = cache.get(key)
        if html is None:
            versions = versions or snapshots([entry["version_id"] for entry in attempt.layout])
            snapshot = versions[item["version_id"]]
            html = Markup(render_template("student/_review.html", item=review_item(
                number, item, snapshot, response, picked_keys(snapshot, response), article_slug, reveal)))
            cache.put(key, html)
        reviews.append(html)
    return Markup("".join(reviews))
