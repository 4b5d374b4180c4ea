"""Drafts: the answers a student has typed into an open attempt, kept until the submit.

A draft is the quiz form's values by field name ({"q12": ["a", "c"], "q13": ["1'234"]}),
only for the attempt's own questions, stored in ``attempts.draft`` by one UPDATE guarded by
owner and ``submitted_at IS NULL``: a save for another student's attempt or after the submit
changes nothing, from any worker. The submit's UPDATE clears the draft (services/attempts.py).
A draft is never graded and never read by the statistics or the teacher's pages.
"""
from collections.abc import Mapping

from sqlalchemy import bindparam, update

from .answer_text import neutralised
from ..db.setup import write_lock
from ..extensions import db
from ..models import Attempt

# Generous bounds for one question's values: a choice question has a few keys, a number or a
# range a few dozen characters (the inputs' maxlength is 80).
MAX_VALUES = 20
MAX_LENGTH = 200

_SAVE = (update(Attempt.__table__)
         .where(Attempt.__table__.c.id == bindparam("attempt_id"),
                Attempt.__table__.c.student_id == bindparam("owner"),
                Attempt.__table__.c.submitted_at.is_(None))
         .values(draft=bindparam("values")))


def draft_values(layout: list[dict], form: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The posted values of the attempt's questions, cleaned and bounded; blanks left out."""
    draft = {}
    for item in layout:
        field = f"q{item['question_id']}"
        values = [value[:MAX_LENGTH] for value in neutralised(form.get(field, [])[:MAX_VALUES]) if value.strip()]
        if values:
            draft[field] = values
    return draft


def save_draft(attempt: Attempt, student_id: int, form: Mapping[str, list[str]]) -> bool:
    """Store the form's values as the attempt's draft; False if it is submitted (or not theirs)."""
    values = draft_values(attempt.layout, form)
    with write_lock():  # on SQLite, writers queue on a lock instead of polling
        saved = db.session.execute(_SAVE, {"attempt_id": attempt.id, "owner": student_id,
                                           "values": values or None}).rowcount
        db.session.commit()
    return saved == 1
