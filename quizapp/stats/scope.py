"""Which attempts a set of figures is about: the visibility rule plus the teacher's filters.

A teacher sees a submitted attempt when the quiz is theirs, or when the attempt was made in
one of their classes (Attempt.classroom_id is the student's class when the attempt started).
Every statistic, listing and export takes a Scope and applies ``conditions()`` in SQL.
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Float, case, exists, func, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from ..extensions import db
from ..models import Attempt, Classroom, Quiz

# The percent of one attempt; max_score is never 0 (an attempt needs a question).
PERCENT = Attempt.score * 100.0 / func.nullif(Attempt.max_score, 0)


def own_classrooms(teacher_id: int):
    return select(Classroom.id).where(Classroom.teacher_id == teacher_id)


def visible_attempts(teacher_id: int, quiz_owner_id, attempt=Attempt) -> ColumnElement[bool] | None:
    """The visibility rule for one quiz as a WHERE clause on ``attempt`` (Attempt or an alias of
    it); None when every attempt is visible."""
    if quiz_owner_id is not None and quiz_owner_id == teacher_id:
        return None
    return attempt.classroom_id.in_(own_classrooms(teacher_id))


def attempts_visible_to(teacher_id: int) -> ColumnElement[bool]:
    """``visible_attempts``' rule over all quizzes, as a WHERE clause on Attempt: attempts at the
    teacher's own quizzes, and their own classes' attempts at any quiz."""
    return or_(Attempt.quiz_id.in_(select(Quiz.id).where(Quiz.owner_id == teacher_id)),
               Attempt.classroom_id.in_(own_classrooms(teacher_id)))


def reviewable_attempt(teacher_id: int, attempt_id: int) -> Attempt | None:
    """The submitted attempt if ``attempts_visible_to`` shows it to the teacher, else None."""
    return db.session.execute(
        select(Attempt).where(Attempt.id == attempt_id, Attempt.submitted_at.is_not(None),
                              attempts_visible_to(teacher_id))
    ).scalar_one_or_none()


def attempt_seen_by(quiz_owner_id: int | None, classroom_id: int | None) -> str | None:
    """Which teacher, by ``visible_attempts``' rule, sees an attempt made in ``classroom_id``
    (None: outside any class), for telling the student: "class" (that class's teacher),
    "owner" (the quiz's owner) or None (no teacher)."""
    if classroom_id is not None:
        return "class"
    return "owner" if quiz_owner_id is not None else None


@dataclass(frozen=True)
class Scope:
    """The submitted attempts at one quiz that one teacher may see, narrowed by filters."""

    quiz_id: int
    quiz_owner_id: int | None
    teacher_id: int
    classroom_id: int | None = None  # one of the teacher's classes
    outside_classes: bool = False  # attempts not made in one of the teacher's classes
    since: datetime | None = None  # naive UTC, inclusive
    until: datetime | None = None  # naive UTC, exclusive
    first_only: bool = False  # each student's first attempt only

    def conditions(self) -> list[ColumnElement[bool]]:
        where = [Attempt.quiz_id == self.quiz_id, Attempt.submitted_at.is_not(None)]
        visible = visible_attempts(self.teacher_id, self.quiz_owner_id)
        if visible is not None:
            where.append(visible)
        if self.classroom_id is not None:
            where.append(Attempt.classroom_id == self.classroom_id)
        if self.outside_classes:
            where.append(or_(Attempt.classroom_id.is_(None),
                             Attempt.classroom_id.not_in(own_classrooms(self.teacher_id))))
        if self.since is not None:
            where.append(Attempt.submitted_at >= self.since)
        if self.until is not None:
            where.append(Attempt.submitted_at < self.until)
        if self.first_only:
            where.append(~exists().where(*self._earlier_visible_attempt()))
        return where

    def _earlier_visible_attempt(self) -> list[ColumnElement[bool]]:
        """An earlier submitted attempt of the same student at the quiz that the teacher may
        see: "first" is the first the teacher can see, so a student whose very first attempt
        was outside the teacher's classes still counts with their first one inside."""
        earlier = aliased(Attempt)
        where = [earlier.quiz_id == Attempt.quiz_id, earlier.student_id == Attempt.student_id,
                 earlier.submitted_at.is_not(None), earlier.number < Attempt.number]
        visible = visible_attempts(self.teacher_id, self.quiz_owner_id, earlier)
        return where + ([visible] if visible is not None else [])


class seconds_between(FunctionElement):
    """Seconds from one timestamp column to another, in each database's own date arithmetic."""

    type = Float()
    inherit_cache = True
    name = "seconds_between"


@compiles(seconds_between)
def _seconds_default(element, compiler, **kw):
    start, end = list(element.clauses)
    return f"EXTRACT(EPOCH FROM ({compiler.process(end, **kw)} - {compiler.process(start, **kw)}))"


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element, compiler, **kw):
    start, end = list(element.clauses)
    return f"((julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)})) * 86400.0)"


DURATION = seconds_between(Attempt.started_at, Attempt.submitted_at)


def score_bin(bins: int = 10) -> ColumnElement[int]:
    """The histogram bin of an attempt's percent: 0 for [0, 10) … 9 for [90, 100].

    Compared as score * bins < k * max_score, so no division can push 70 % into the 60s bin.
    """
    whens = [(Attempt.score * bins < Attempt.max_score * k, k - 1) for k in range(1, bins)]
    return case(*whens, else_=bins - 1)
