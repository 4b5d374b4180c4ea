"""The responses rows: the statistics' per-answer copy of a submit, written in its transaction.

A submit stores its graded answers in the attempt row (attempts.answers: the record, read by
the review pages) and, in the same transaction, one responses row per question, which the
statistics, the exports and authoring's usage counts aggregate in SQL. So an attempt counts
everywhere the moment its submit is acknowledged, a page that reads the figures never
writes, and what one attempt stored reaches the statistics only through typed, constrained
columns.

``write_responses`` adds the rows of any number of graded attempts with one INSERT; the
caller commits (the submit, together with its claim of the attempt).
"""
from collections.abc import Iterable

from sqlalchemy import insert

from ..extensions import db
from ..models import ANSWER_FIELDS, Response

# A Core insert on the table: the rows go to the driver as one executemany, without the
# ORM's per-row bookkeeping.
_RESPONSES = insert(Response.__table__)


def response_rows(attempt_id: int, layout: list[dict], stored: list[list]) -> list[dict]:
    """One attempt's responses rows, from its layout and its stored answers (ANSWER_FIELDS, in layout order)."""
    return [{"attempt_id": attempt_id, "question_id": item["question_id"], "question_version_id": item["version_id"],
             "position": position, **dict(zip(ANSWER_FIELDS, entry))}
            for position, (item, entry) in enumerate(zip(layout, stored))]


def write_responses(graded: Iterable[tuple[int, list[dict], list[list]]]) -> int:
    """Add the rows of each (attempt id, layout, stored answers) to the session's transaction.

    One statement whatever the number of attempts; returns how many rows were added.
    """
    rows = [row for attempt_id, layout, stored in graded for row in response_rows(attempt_id, layout, stored)]
    if rows:
        db.session.execute(_RESPONSES, rows)
    return len(rows)
