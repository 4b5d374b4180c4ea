"""The one ownership rule for a teacher's things (articles, questions, quizzes).

A teacher reads their own things and the shared seed (owner NULL) and changes only their own.
Anything else is reported as missing (404), so ids of other teachers' work leak nothing;
changing the seed is refused (403), since the teacher can see it.
"""
from flask import abort

from ..models import Teacher


def readable_by(owner_id: int | None, teacher: Teacher | None) -> bool:
    return teacher is not None and owner_id in (None, teacher.id)


def require_readable(found, owner_id: int | None, teacher: Teacher | None):
    """Return ``found`` if the teacher may read it; 404 otherwise."""
    if found is None or not readable_by(owner_id, teacher):
        abort(404)
    return found


def refuse_shared(owner_id: int | None) -> None:
    """403 for changing the shared seed, which everyone can read but nobody owns."""
    if owner_id is None:
        abort(403)
