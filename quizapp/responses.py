"""The responses and response_choices rows: the statistics' per-answer copy, written by the submit.

A submit stores its graded answers in the attempt row (attempts.answers: the record, read by
the review pages) and, in the same transaction, one responses row per question and one
response_choices row per option chosen. The statistics, the exports and authoring's usage
counts aggregate those rows in SQL. So an attempt counts everywhere the moment its submit is
acknowledged, a page that reads the figures never writes, and a value one attempt stored
reaches the statistics only through typed, constrained columns.

``write_responses`` adds the rows of any number of graded attempts with two multi-row
INSERTs; the caller commits (the submit, together with its claim of the attempt).
"""
from collections.abc import Iterable

from sqlalchemy import insert

from .content import snapshots
from .extensions import db
from .kinds import get_kind
from .models import ANSWER_FIELDS, Response, ResponseChoice

# Core inserts on the tables: one INSERT … VALUES (…), (…) RETURNING per batch of rows
# (SQLAlchemy's "insertmanyvalues"), without the ORM's per-row bookkeeping.
_RESPONSES = insert(Response.__table__).returning(Response.attempt_id, Response.question_id, Response.id)
_CHOICES = insert(ResponseChoice.__table__)


def _rows(attempt_id: int, layout: list[dict], stored: list[list], versions: dict,
          chosen: dict[tuple[int, int], list[str]]) -> list[dict]:
    """One attempt's responses rows; records the option keys picked per (attempt, question) in chosen."""
    rows = []
    for position, (item, entry) in enumerate(zip(layout, stored)):
        answer = dict(zip(ANSWER_FIELDS, entry))
        rows.append({"attempt_id": attempt_id, "question_id": item["question_id"],
                     "question_version_id": item["version_id"], "position": position, **answer})
        # The question's kind says which options an answer picked (kinds/).
        kind = get_kind(versions[item["version_id"]]["kind"])
        chosen[(attempt_id, item["question_id"])] = kind.chosen_keys(answer["answer"])
    return rows


def write_responses(graded: Iterable[tuple[int, list[dict], list[list]]]) -> int:
    """Add the rows of each (attempt id, layout, stored answers) to the session's transaction.

    Stored answers are what attempts.answers keeps, in layout order (ANSWER_FIELDS). Two
    statements whatever the number of attempts; returns how many responses rows were added.
    """
    attempts = list(graded)
    versions = snapshots(sorted({item["version_id"] for _, layout, _ in attempts for item in layout}))
    chosen: dict[tuple[int, int], list[str]] = {}
    rows = [row for attempt_id, layout, stored in attempts
            for row in _rows(attempt_id, layout, stored, versions, chosen)]
    if not rows:
        return 0
    added = db.session.execute(_RESPONSES, rows).all()
    choices = [{"response_id": response_id, "option_key": key}
               for attempt_id, question_id, response_id in added for key in chosen[(attempt_id, question_id)]]
    if choices:
        db.session.execute(_CHOICES, choices)
    return len(rows)
