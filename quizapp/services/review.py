"""What a submitted attempt looks like on a review page: answers, marks, passage links.

Shared by the student's result page, their history and the teacher's drill-down, so all of
them respect the quiz's rule on when correct answers may be shown.
"""
from typing import NamedTuple

from flask import url_for

from .content import snapshots
from ..kinds import get_kind
from ..models import Attempt


def passage_link(article_slug: str, quote: dict, back_to_review: dict | None = None) -> str | None:
    """Link to the article with the quote highlighted and scrolled into view; ``back_to_review``
    (the teacher's drill-down: its attempt and the results list's filters) lets the article
    page link back to that attempt's review."""
    if not quote.get("anchor"):
        return None
    return url_for("student.article", slug=article_slug, passage=quote["anchor"], quote=quote["exact"],
                   **(back_to_review or {}), _anchor="hl")


def review_quoting(layout: list[dict], anchor: str, quote: str) -> int | None:
    """The number of the first question in ``layout`` whose evidence is ``quote`` in passage
    ``anchor`` (else the first in that passage): the review its passage link belongs to."""
    versions = snapshots([item["version_id"] for item in layout])
    quotes = [versions[item["version_id"]].get("quote") or {} for item in layout]
    in_passage = [number for number, found in enumerate(quotes, start=1) if found.get("anchor") == anchor]
    exact = [number for number in in_passage if quotes[number - 1].get("exact") == quote]
    return (exact or in_passage or [None])[0]


class StoredResponse(NamedTuple):
    """One graded answer of a submitted attempt: its question, then attempts.answers' ANSWER_FIELDS."""

    question_id: int
    question_version_id: int
    answer: object
    raw: str
    points: float
    max_points: int
    correct: bool


def stored_responses(attempt) -> dict[int, StoredResponse]:
    """The attempt's graded answers by question id, read from the attempt row itself."""
    return {item["question_id"]: StoredResponse(item["question_id"], item["version_id"], *stored)
            for item, stored in zip(attempt.layout, attempt.answers or [])}


def picked_keys(snapshot: dict, response: StoredResponse | None) -> set[str]:
    """The options the student chose, by the kind's rule (the one the item analysis counts by)."""
    return set(get_kind(snapshot["kind"]).chosen_keys(response.answer)) if response is not None else set()


def review_item(number: int, item: dict, snapshot: dict, response: StoredResponse | None, picked: set[str],
                article_slug: str, reveal: bool, back_to_review: dict | None = None) -> dict:
    """The review of one question of the layout, as _review.html shows it."""
    kind = get_kind(snapshot["kind"])
    spec = snapshot["spec"]
    by_key = {o["key"]: o for o in kind.display_options(spec)}
    correct_keys = kind.correct_keys(spec)
    options = [{"key": key, "text": by_key[key]["text"], "chosen": key in picked,
                "correct": reveal and key in correct_keys} for key in item["options"] if key in by_key]
    feedback = []
    if response is not None:
        result = kind.grade(spec, snapshot["points"], response.answer)
        feedback = result.feedback if reveal else []
    return {
        "number": number, "snapshot": snapshot, "kind": kind, "options": options,
        "response": response, "answer_text": kind.summarize(spec, response.answer) if response else "",
        "raw": response.raw if response else "",
        "correct_answer": kind.correct_answer(spec) if reveal else None,
        "explanation": snapshot["explanation"] if reveal else None,
        "feedback": feedback,
        "link": passage_link(article_slug, snapshot["quote"], back_to_review) if reveal else None,
    }


def review_items(attempt: Attempt, article_slug: str, reveal: bool, list_filters: dict | None = None) -> list[dict]:
    """One entry per question, in the order the student saw them, for the teacher's drill-down:
    its passage links name the attempt and the results list's filters, so the article page
    links back to it, and from there the way back to the list keeps them."""
    responses = stored_responses(attempt)
    versions = snapshots([item["version_id"] for item in attempt.layout])
    items = []
    for number, item in enumerate(attempt.layout, start=1):
        snapshot, response = versions[item["version_id"]], responses.get(item["question_id"])
        items.append(review_item(number, item, snapshot, response, picked_keys(snapshot, response), article_slug,
                                 reveal, back_to_review={"attempt": attempt.id, **(list_filters or {})}))
    return items
