"""The responses and response_choices rows: the statistics' copy of submitted answers.

A submit stores its graded answers in the attempt row (attempts.answers) with one UPDATE;
that is the record, and what the review pages read. The statistics, the exports and
authoring's usage counts aggregate one row per answer (and per chosen option) in SQL. Those
rows are written here, in bulk, for every submitted attempt still marked responses_pending,
by whichever of those readers comes first (or `flask store-responses`). Thirty INSERTs per
submit, each touching several indexes, cost most of a submit; written for many attempts at
once they cost a fraction of that, and off the students' path.

Each attempt is claimed with UPDATE ... WHERE responses_pending in the same transaction that
writes its rows, so concurrent callers on any worker write every attempt's rows exactly once.
"""
from functools import wraps

from flask import g
from sqlalchemy import exists, insert, select, true, update

from .content import snapshots
from .database import write_lock
from .extensions import db
from .kinds import get_kind
from .models import ANSWER_FIELDS, Attempt, Response, ResponseChoice

BATCH = 500  # attempts per transaction: ~15,000 response rows, a short write lock

# "= true", as the partial index ix_attempts_responses_pending is declared, so both databases use it.
_PENDING = Attempt.responses_pending == true()
_ANY_PENDING = select(exists().where(_PENDING))


def stored_rows(attempt_id: int, layout: list[dict], answers: list[list]) -> tuple[list[dict], dict]:
    """The responses rows of one submitted attempt, and the option keys chosen per question id."""
    versions = snapshots([item["version_id"] for item in layout])
    rows, chosen = [], {}
    for position, (item, stored) in enumerate(zip(layout, answers)):
        answer = dict(zip(ANSWER_FIELDS, stored))
        rows.append({"attempt_id": attempt_id, "question_id": item["question_id"],
                     "question_version_id": item["version_id"], "position": position, **answer})
        kind = get_kind(versions[item["version_id"]]["kind"])
        chosen[item["question_id"]] = kind.chosen_keys(answer["answer"])
    return rows, chosen


def _store_batch() -> int:
    """Claim up to BATCH pending attempts and write their rows; return how many were claimed."""
    connection = db.session.connection()
    with write_lock():
        batch = select(Attempt.id).where(_PENDING).limit(BATCH).scalar_subquery()
        claimed = connection.execute(
            update(Attempt).where(Attempt.id.in_(batch), _PENDING)
            .values(responses_pending=False).returning(Attempt.id, Attempt.layout, Attempt.answers)
        ).all()
        if not claimed:
            db.session.rollback()
            return 0
        responses, chosen = [], {}
        for attempt_id, layout, answers in claimed:
            rows, keys = stored_rows(attempt_id, layout, answers)
            responses += rows
            chosen.update({(attempt_id, question_id): picked for question_id, picked in keys.items()})
        # A plain executemany is much faster than INSERT ... RETURNING on psycopg; one SELECT
        # then finds the new response ids for the chosen options.
        connection.execute(insert(Response), responses)
        ids = [attempt_id for attempt_id, _, _ in claimed]
        found = connection.execute(select(Response.id, Response.attempt_id, Response.question_id)
                                   .where(Response.attempt_id.in_(ids)))
        choices = [{"response_id": response_id, "option_key": key}
                   for response_id, attempt_id, question_id in found for key in chosen[(attempt_id, question_id)]]
        if choices:
            connection.execute(insert(ResponseChoice), choices)
        db.session.commit()
    return len(claimed)


def store_pending_responses() -> int:
    """Write the rows of every submitted attempt that lacks them; return how many attempts.

    Cheap when nothing is pending: one indexed SELECT, and no write lock; and only once per
    request or app context, however many statistics a page computes.
    """
    if g.get("_quizapp_responses_stored") or not db.session.scalar(_ANY_PENDING):
        g._quizapp_responses_stored = True
        return 0
    total = 0
    while stored := _store_batch():
        total += stored
    g._quizapp_responses_stored = True
    return total


def needs_response_rows(function):
    """Mark a reader of the responses tables: pending rows are written before it runs."""
    @wraps(function)
    def wrapped(*args, **kwargs):
        store_pending_responses()
        return function(*args, **kwargs)
    return wrapped
