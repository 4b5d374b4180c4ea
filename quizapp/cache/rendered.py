"""Rendered HTML fragments of immutable content, kept per worker in a bounded LRU (cachetools).

Rendering a 30-question quiz page from its templates cost about thirty times as much as the
page's template ceiling (benchmarks/README.md); most of it is the same HTML for every
student. So three kinds of fragment are rendered once per worker and reused:

- a question's fieldset on the quiz page, keyed by (question version id, question id, its
  number on the page, the attempt's option order, language);
- a question's review on the result page, keyed by (version id, number, option order, the
  stored answer's points, correctness, raw text and parsed value, whether answers are
  revealed, the article's slug, the mount point, language);
- an article's text (headline, passages, attribution), keyed by (article id, updated_at,
  the headline's heading level, language); any change of the article row moves its updated_at.

Invariants: a key contains every value its fragment shows or links to, and each of those
values is immutable under the key (question versions are never changed, a stored answer is
never changed, an article's edit moves updated_at), so an entry never goes stale and workers
never disagree. Nothing is filled in per student: no fragment holds a name, a CSRF token, an
attempt id, a draft's answer or anything else of the visitor; the page around the fragments,
and a question the student's draft answers, are rendered on every request. Caches are per
app (ids name rows of one database). RENDERED_CACHE_SIZE
entries per worker (fragments of 0.5–3 kB); 0 turns caching off and renders every time.
"""
from collections.abc import Callable

from flask import get_template_attribute, render_template, request
from markupsafe import Markup

from ..kinds import get_kind
from ..services.content import article_passages, snapshots
from ..services.review import picked_keys, review_item, stored_responses
from ..web.i18n import current_language
from . import WorkerCache, worker_cache


def _fragments() -> WorkerCache | None:
    return worker_cache("quizapp.rendered", "RENDERED_CACHE_SIZE")


def fragment(key: tuple, render: Callable[[], str]) -> Markup:
    """The HTML for ``key``: cached, or rendered by ``render()`` and kept (see the invariants)."""
    fragments, (html,) = _lookup([key])
    return html if html is not None else _join(fragments, [key], [None], lambda _index: render())


def _lookup(keys: list[tuple]) -> tuple[WorkerCache | None, list[Markup | None]]:
    fragments = _fragments()
    return fragments, (fragments.get_many(keys) if fragments is not None else [None] * len(keys))


def _join(fragments: WorkerCache | None, keys: list[tuple], found: list[Markup | None],
          render: Callable[[int], str], keep: Callable[[int], bool] = lambda _index: True) -> Markup:
    """The fragments in order, rendering those not found (render(index)) and keeping those
    that ``keep(index)`` allows."""
    rendered = {}
    for index, html in enumerate(found):
        if html is None:
            found[index] = Markup(render(index))
            if keep(index):
                rendered[keys[index]] = found[index]
    if fragments is not None and rendered:
        fragments.put_many(rendered)
    return Markup("").join(found)


def question_fieldsets(layout: list[dict], draft: dict[str, list[str]] | None = None) -> Markup:
    """The quiz page's fieldsets in the attempt's order; versions are read only for a miss.

    A question the student's draft answers is rendered with those answers checked or filled
    in, for this page only: it is neither looked up nor kept, as no fragment holds anything of
    a student.
    """
    language = current_language()
    keys = [("question", item["version_id"], item["question_id"], number, tuple(item["options"]), language)
            for number, item in enumerate(layout, start=1)]
    drafted = [(draft or {}).get(f"q{item['question_id']}") or [] for item in layout]
    fragments, found = _lookup(keys)
    found = [None if values else html for html, values in zip(found, drafted)]
    versions: dict[int, dict] = {}

    def render(index: int) -> str:
        if not versions:
            versions.update(snapshots([item["version_id"] for item in layout]))
        return _render_question(index + 1, layout[index], versions[layout[index]["version_id"]], drafted[index])

    return _join(fragments, keys, found, render, keep=lambda index: not drafted[index])


def _render_question(number: int, item: dict, snapshot: dict, draft: list[str]) -> str:
    kind = get_kind(snapshot["kind"])
    by_key = {option["key"]: option for option in kind.display_options(snapshot["spec"])}
    question = {"number": number, "field": f"q{item['question_id']}", "snapshot": snapshot, "kind": kind,
                "options": [by_key[key] for key in item["options"] if key in by_key], "draft": draft}
    return render_template(kind.template, item=question)


def reviews(attempt, article_slug: str, reveal: bool) -> Markup:
    """The result page's reviews, one per question in the attempt's order."""
    layout, responses = attempt.layout, stored_responses(attempt)
    language, script_root = current_language(), request.script_root
    answers = [responses.get(item["question_id"]) for item in layout]
    keys = [("review", item["version_id"], number, tuple(item["options"]),
             None if answer is None else (answer.points, answer.correct, answer.raw, repr(answer.answer)),
             reveal, article_slug, script_root, language)
            for number, (item, answer) in enumerate(zip(layout, answers), start=1)]
    fragments, found = _lookup(keys)
    versions: dict[int, dict] = {}

    def render(index: int) -> str:
        if not versions:
            versions.update(snapshots([item["version_id"] for item in layout]))
        item, response = layout[index], answers[index]
        snapshot = versions[item["version_id"]]
        return render_template("student/_review.html", item=review_item(
            index + 1, item, snapshot, response, picked_keys(snapshot, response), article_slug, reveal))

    return _join(fragments, keys, found, render)


def article_text(article, level: int = 1) -> Markup:
    """The article as students read it (templates/_macros.html article_text), its headline
    an h<level>."""
    key = ("article", article.id, article.updated_at, level, current_language())
    return fragment(key, lambda: get_template_attribute("_macros.html", "article_text")(
        article, article_passages(article), level))
