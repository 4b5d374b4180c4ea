"""Start and submit attempts: the one place that writes them.

Submitting is idempotent: the attempt row is marked submitted by a guarded UPDATE
(``WHERE submitted_at IS NULL``), so a double click, a reload or two workers racing
store exactly one set of answers. Every submit runs the same statements: read the attempt
with its quiz, read its question versions, one UPDATE.
"""
import random
from collections.abc import Mapping
from typing import Any, NamedTuple

from flask_babel import gettext as _
from sqlalchemy import bindparam, func, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from .answer_text import neutralised
from .content import snapshots
from ..db.setup import write_lock
from ..extensions import db
from ..kinds import INVALID, Result, get_kind
from ..models import Attempt, Question, QuestionVersion, Quiz, QuizQuestion, Student, utcnow
from .responses import write_responses


# The submit's guarded UPDATE, built once (a statement's construction costs more Python than
# its parameters): a Core statement on the table, so the ORM keeps no bookkeeping for it.
_CLAIM = (update(Attempt.__table__)
          .where(Attempt.__table__.c.id == bindparam("attempt_id"), Attempt.__table__.c.submitted_at.is_(None))
          .values(submitted_at=bindparam("submitted_at"), score=bindparam("score"), answers=bindparam("answers"),
                  draft=None))  # the draft ends with the submit (quizapp.services.drafts)


class AttemptRefused(Exception):
    """The quiz cannot be started now; the message says why, for the student."""


def _layout(quiz: Quiz, rng: random.Random) -> list[dict]:
    """Pick the current version of each published question, in quiz order or shuffled."""
    rows = db.session.execute(
        db.select(Question.id, QuestionVersion.id, QuestionVersion.kind, QuestionVersion.snapshot)
        .join(QuizQuestion, QuizQuestion.question_id == Question.id)
        .join(QuestionVersion, (QuestionVersion.question_id == Question.id)
              & (QuestionVersion.number == Question.version))
        .where(QuizQuestion.quiz_id == quiz.id, Question.status == "published")
        .order_by(QuizQuestion.position)
    ).all()
    layout = []
    for question_id, version_id, kind_name, snapshot in rows:
        kind = get_kind(kind_name)
        keys = [option["key"] for option in kind.display_options(snapshot["spec"])]
        if quiz.shuffle_options and kind.shuffles_options(snapshot["spec"]):
            rng.shuffle(keys)
        layout.append({"question_id": question_id, "version_id": version_id, "options": keys})
    if quiz.shuffle_questions:
        rng.shuffle(layout)
    return layout


def open_attempt(student: Student, quiz: Quiz) -> Attempt | None:
    return db.session.execute(
        db.select(Attempt).filter_by(quiz_id=quiz.id, student_id=student.id, submitted_at=None)
        .order_by(Attempt.number.desc())
    ).scalars().first()


def open_attempts_of(student: Student) -> list[Attempt]:
    """The student's attempts not yet submitted, newest first, with their quizzes."""
    return list(db.session.execute(
        db.select(Attempt).join(Attempt.quiz).options(contains_eager(Attempt.quiz))
        .where(Attempt.student_id == student.id, Attempt.submitted_at.is_(None))
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    ).scalars())


def start_attempt(student: Student, quiz: Quiz, rng: random.Random | None = None) -> Attempt:
    """Resume the student's unsubmitted attempt, or start a new one if the quiz allows it."""
    now = utcnow()
    if not quiz.published:
        raise AttemptRefused(_("This quiz is not published."))
    if not quiz.is_open(now):
        raise AttemptRefused(_("This quiz is not open now."))
    resumable = open_attempt(student, quiz)
    if resumable is not None:
        return resumable
    done = db.session.scalar(db.select(func.count()).select_from(Attempt)
                             .filter_by(quiz_id=quiz.id, student_id=student.id)) or 0
    if quiz.max_attempts is not None and done >= quiz.max_attempts:
        raise AttemptRefused(_("You have used all %(count)d attempts for this quiz.", count=quiz.max_attempts))
    layout = _layout(quiz, rng or random.Random())
    if not layout:
        raise AttemptRefused(_("This quiz has no questions yet."))
    max_score = sum(s["points"] for s in snapshots([item["version_id"] for item in layout]).values())
    attempt = Attempt(quiz_id=quiz.id, student_id=student.id, classroom_id=student.classroom_id,
                      number=done + 1, layout=layout, max_score=max_score)
    db.session.add(attempt)
    try:
        db.session.commit()
    except IntegrityError:
        # Another request started the same attempt a moment ago: use that one.
        db.session.rollback()
        attempt = open_attempt(student, quiz)
        if attempt is None:
            raise AttemptRefused(_("Please try again."))
    return attempt


class GradedAnswer(NamedTuple):
    """One question's answer, parsed and graded."""

    raw: str
    answer: Any  # None if blank or if it could not be parsed
    result: Result
    stored: list  # what attempts.answers keeps of it, in ANSWER_FIELDS order


def _grade_answer(snapshot: dict, values: list[str]) -> GradedAnswer:
    kind = get_kind(snapshot["kind"])
    raw = "; ".join(values)[:500]
    parsed = kind.parse(snapshot["spec"], values)
    result = kind.grade(snapshot["spec"], snapshot["points"], parsed)
    answer = None if parsed is INVALID else parsed
    return GradedAnswer(raw, answer, result, [answer, raw, result.points, result.max_points, result.correct])


def grade_attempt(attempt: Attempt, form: Mapping[str, list[str]],
                  versions: dict[int, dict] | None = None) -> list[GradedAnswer]:
    """Parse and grade every question of the attempt's layout, in layout order.

    ``versions`` ({version id: snapshot}) saves the query when the caller has read them.
    """
    versions = versions or snapshots([item["version_id"] for item in attempt.layout])
    return [_grade_answer(versions[item["version_id"]], neutralised(form.get(f"q{item['question_id']}", [])))
            for item in attempt.layout]


def stored_answers(graded: list[GradedAnswer]) -> list[list]:
    """What attempts.answers keeps of each graded answer, in layout order."""
    return [answer.stored for answer in graded]


def submit_attempt(attempt: Attempt, form: Mapping[str, list[str]]) -> bool:
    """Grade and store the answers once; return False if the attempt was already submitted.

    Raises AttemptRefused when the quiz no longer takes answers (unpublished, or outside its
    opening times). One UPDATE stores score and answers in the attempt row, guarded by
    ``submitted_at IS NULL`` so that only the first of two racing submits (any workers)
    counts. The per-answer rows for the statistics (quizapp.responses) are written in the same
    transaction.
    """
    if attempt.submitted_at is not None:
        return False
    quiz = attempt.quiz
    if not quiz.published or not quiz.is_open(utcnow()):
        raise AttemptRefused(_("This quiz is closed: answers can no longer be submitted."))
    graded = grade_attempt(attempt, form)
    claim = {"attempt_id": attempt.id, "submitted_at": utcnow(),
             "score": round(sum(answer.result.points for answer in graded), 2), "answers": stored_answers(graded)}
    with write_lock():  # on SQLite, writers queue on a lock instead of polling (quizapp.database)
        claimed = db.session.execute(_CLAIM, claim).rowcount
        if claimed == 1:  # the claim and the statistics' rows commit together, or neither
            write_responses([(attempt.id, attempt.layout, stored_answers(graded))])
        db.session.commit()
    return claimed == 1
