"""Rendered HTML of published, immutable content, kept per worker in a bounded LRU (cachetools).

Rendering a 30-question quiz page from its templates cost about thirty times as much as the
page's template ceiling (benchmarks/README.md); most of it is the same HTML for every
student. So four kinds of entry are rendered once per worker and reused:

- a question's fieldset on the quiz page, keyed by (question version id, question id, its
  number on the page, the attempt's option order, language);
- a question's review on the result page, keyed by (version id, number, option order, the
  stored answer's points, correctness, raw text and parsed value, whether answers are
  revealed, the article's slug, the mount point, language);
- an article's text (headline, passages, attribution), keyed by (article id, updated_at,
  the headline's heading level, language); any change of the article row moves its updated_at;
  likewise the small parts a page assembles (the quiz page's progress, the result's score
  line), each keyed by the values it shows;
- a whole page's frame (``page``): the page rendered once with a marker in place of each of
  the visitor's own parts (its *holes*), keyed by the template, language, mount point and the
  values the page shows besides the holes. Per request the holes are filled in, in one join.

Invariants: a key contains every value its entry shows or links to, and each of those values
is immutable under the key (question versions are never changed, a stored answer is never
changed, an article's edit moves updated_at), so an entry never goes stale and workers never
disagree. Nothing of a visitor is kept: no fragment or frame holds a name, a CSRF token, an
attempt id, a draft's answer or a flashed message. What is the visitor's own is a hole, filled
in per request and escaped there: their name, their CSRF token, their attempt's URLs, their
progress and answers. A question the student's draft answers is rendered on every request,
and a page with flashed messages is rendered whole. Caches are per app (ids name rows of one
database). RENDERED_CACHE_SIZE entries per worker (fragments of 0.5–3 kB, a few frames of
30–40 kB); 0 turns caching off and renders every time.

Measured (benchmarks/README.md, in process, SQLite, with and without in alternating batches):
the quiz page at 0.24 of its template ceiling with this module against 0.03 without it, the
result page at 0.34 against 0.03; the frames alone took them from 0.11 and 0.19 to 0.25 and
0.31 (runs before and after).
"""
import re
import secrets
from collections.abc import Callable

from flask import get_flashed_messages, get_template_attribute, render_template, request
from markupsafe import Markup, escape

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


def progress(layout: list[dict], draft: dict[str, list[str]] | None) -> Markup:
    """The quiz page's progress: how many questions the draft answers, links to the others."""
    questions = [{"number": number, "field": f"q{item['question_id']}",
                  "answered": bool((draft or {}).get(f"q{item['question_id']}"))}
                 for number, item in enumerate(layout, start=1)]
    key = ("progress", tuple((question["field"], question["answered"]) for question in questions), current_language())
    return fragment(key, lambda: render_template(
        "student/_progress.html", questions=questions, answered=sum(question["answered"] for question in questions)))


def result_summary(attempt, quiz) -> Markup:
    """The result page's score line (student/_result_summary.html)."""
    key = ("summary", attempt.score, attempt.max_score, attempt.number, quiz.title, current_language())
    return fragment(key, lambda: render_template("student/_result_summary.html", attempt=attempt, quiz=quiz))


# Letters, digits and hyphens: a marker passes Jinja's escaping unchanged. Random per process,
# so no article, question or answer can hold one by chance or on purpose.
_MARKER = f"hole-{secrets.token_hex(8)}-"
_HOLE = re.compile(re.escape(_MARKER) + r"([a-z_]+)-")


def page(template: str, key: tuple, holes: dict[str, str], context: Callable[[], dict]) -> str:
    """``template`` rendered with ``context()`` and the visitor's ``holes``, its frame cached.

    ``key`` must hold every value the page shows except the holes (see the invariants); the
    pages that use frames are seen only by a signed-in student, so the header's role is fixed.
    ``context`` is called only when the frame is rendered. Each hole is a template variable
    (escaped unless it is Markup), except ``csrf_token``, which fills the templates'
    ``csrf_token()``. A page with flashed messages is rendered whole, with the hole values.
    """
    if get_flashed_messages():  # the same messages base.html shows: Flask keeps them for the request
        return _render_with(template, context(), holes, lambda name: holes[name])
    fragments = _fragments()
    key = ("page", template, current_language(), request.script_root, *key)
    parts = fragments.get_many([key])[0] if fragments is not None else None
    if parts is None:
        parts = _HOLE.split(_render_with(template, context(), holes, lambda name: Markup(f"{_MARKER}{name}-")))
        if fragments is not None:
            fragments.put_many({key: parts})
    # split() gives static text at even positions and the holes' names at odd ones
    return "".join(escape(holes[part]) if index % 2 else part for index, part in enumerate(parts))


def _render_with(template: str, context: dict, holes: dict[str, str], value: Callable[[str], str]) -> str:
    variables = {name: value(name) for name in holes if name != "csrf_token"}
    if "csrf_token" in holes:
        token = value("csrf_token")
        variables["csrf_token"] = lambda: token  # shadows Flask-WTF's template global for this page
    return render_template(template, **context, **variables)
