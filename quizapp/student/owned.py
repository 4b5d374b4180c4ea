"""The signed-in student's attempt for the attempt pages, loaded lean in one statement.

The quiz page, the submit and the result page are the busiest requests, and loading an
Attempt with its Quiz and Article as ORM objects (joinedload) cost about as much as rendering
the page. These pages only read a dozen columns, so they get them as plain values, with one
Core statement that also reads the owner's columns for the user loader, run on the driver's
cursor (quizapp.direct_statements).
"""
import json
from dataclasses import dataclass
from datetime import datetime

from flask import abort
from sqlalchemy import Text, bindparam, cast, select

from .. import layouts
from ..direct_statements import DirectStatement
from ..statement_connections import statement_connection
from ..models import Article, Attempt, Quiz, Student
from ..security import STUDENT_COLUMNS, current_student, preload_student


@dataclass(frozen=True, slots=True)
class QuizFacts:
    """What the attempt pages show and decide about the attempt's quiz."""

    id: int
    code: str
    title: str
    published: bool
    max_attempts: int | None
    reveal: str
    opens_at: datetime | None
    closes_at: datetime | None
    article_id: int
    article_slug: str
    article_updated_at: datetime

    # The model's own rules, so the two can never disagree.
    is_open = Quiz.is_open
    answers_visible = Quiz.answers_visible


@dataclass(frozen=True, slots=True)
class OwnAttempt:
    """An attempt as the attempt pages read it (never written through: attempts.py owns writes)."""

    id: int
    number: int
    layout_json: str  # as stored: it keys the cached pages, and is decoded once per worker (quizapp.layouts)
    submitted_at: datetime | None
    score: float | None
    max_score: int
    answers_json: str | None
    quiz: QuizFacts | None

    @property
    def layout(self) -> list[dict]:
        return layouts.decoded(self.layout_json)

    @property
    def answers(self) -> list | None:
        return json.loads(self.answers_json) if self.answers_json is not None else None


# The JSON columns as text: decoded only when needed (see OwnAttempt).
_ATTEMPT = (Attempt.id, Attempt.number, cast(Attempt.layout, Text), Attempt.submitted_at, Attempt.score,
            Attempt.max_score, cast(Attempt.answers, Text))
_QUIZ = (Quiz.id, Quiz.code, Quiz.title, Quiz.published, Quiz.max_attempts, Quiz.reveal, Quiz.opens_at,
         Quiz.closes_at, Quiz.article_id, Article.slug, Article.updated_at)


def _statement(with_quiz: bool):
    columns = STUDENT_COLUMNS + _ATTEMPT + (_QUIZ if with_quiz else ())
    statement = select(*columns).select_from(Student).join(Attempt, Attempt.student_id == Student.id)
    if with_quiz:
        statement = statement.join(Quiz, Quiz.id == Attempt.quiz_id).join(Article, Article.id == Quiz.article_id)
    return statement.where(Attempt.id == bindparam("attempt_id"))


# Built once: constructing the statement cost more than running it (SQLAlchemy's compiled
# cache only saves the compiling, not the Python that builds the expression each time).
_READS = {False: DirectStatement(_statement(False)), True: DirectStatement(_statement(True))}


def own_attempt(attempt_id: int, with_quiz: bool = False) -> OwnAttempt:
    """The signed-in student's attempt; anyone else's is reported as missing."""
    # Not the ORM session: its layer cost more than the query (all columns are plain); and no
    # transaction: the page reads this one row, and a submit is one UPDATE.
    row = _READS[with_quiz].first(statement_connection(), {"attempt_id": attempt_id})
    owner = len(STUDENT_COLUMNS)
    if row is not None:
        preload_student(row[:owner])  # the loader still checks the id against the session's
    student = current_student()
    # Ownership is decided against Flask-Login's identity, never by the join above.
    if row is None or student is None or row[0] != student.id:
        abort(404)
    values = row[owner:]
    quiz = QuizFacts(*values[len(_ATTEMPT):]) if with_quiz else None
    return OwnAttempt(*values[:len(_ATTEMPT)], quiz=quiz)
