"""Start and submit attempts: the one place that writes them.

Submitting is idempotent: the attempt row is marked submitted by a guarded UPDATE
(``WHERE submitted_at IS NULL``), so a double click, a reload or two workers racing
store exactly one set of answers.
"""
import json
import random
from collections.abc import Mapping
from typing import Any, NamedTuple

from flask_babel import gettext as _
from sqlalchemy import Text, bindparam, cast, func, update
from sqlalchemy.exc import IntegrityError

from . import layouts
from .content import snapshots
from .database import write_lock
from .direct_statements import DirectStatement, commit
from .encoded_json import encoded_list
from .extensions import db
from .kinds import INVALID, Result, get_kind
from .lru import LRU, app_cache
from .models import Attempt, Question, QuestionVersion, Quiz, QuizQuestion, Student, utcnow
from .statement_connections import statement_connection


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
    """One question's answer, parsed and graded; shared between requests, so never changed."""

    raw: str
    answer: Any  # None if blank or if it could not be parsed
    result: Result
    stored: list  # what attempts.answers keeps of it
    stored_json: str  # the same, encoded


# (version id, posted values) -> GradedAnswer. A class mostly picks among the same few
# options, and parsing and grading each answer anew was a sixth of a submit. Versions never
# change, so an entry never goes stale; per app, as version ids are per database.
_GRADED_SIZE = 50_000
_REMEMBERED_LENGTH = 200  # longer posted values (forged or odd) are graded without being kept


def _grade_answer(memo: LRU, version_id: int, snapshot: dict, values: list[str]) -> GradedAnswer:
    key = (version_id, *values)
    graded = memo.get(key)
    if graded is None:
        kind = get_kind(snapshot["kind"])
        raw = "; ".join(values)[:500]
        parsed = kind.parse(snapshot["spec"], values)
        result = kind.grade(snapshot["spec"], snapshot["points"], parsed)
        answer = None if parsed is INVALID else parsed
        # In ANSWER_FIELDS order: what attempts.answers keeps of it.
        stored = [answer, raw, result.points, result.max_points, result.correct]
        graded = GradedAnswer(raw, answer, result, stored, json.dumps(stored))
        if sum(map(len, values)) <= _REMEMBERED_LENGTH:
            memo.put(key, graded)
    return graded


def _grading_plan(layout: list[dict], layout_json: str | None) -> list[tuple[str, int, dict]]:
    """(form field, version id, snapshot) per question of the layout, in layout order.

    Kept per layout text when there is one (quizapp.layouts): a class shares one layout, and
    its versions and snapshots never change.
    """
    plans = app_cache("grading-plans", 1000)
    plan = plans.get(layout_json) if layout_json is not None else None
    if plan is None:
        versions = snapshots([item["version_id"] for item in layout])
        plan = [(f"q{item['question_id']}", item["version_id"], versions[item["version_id"]]) for item in layout]
        if layout_json is not None:
            plans.put(layout_json, plan)
    return plan


def grade_attempt(attempt: Attempt, form: Mapping[str, list[str]]) -> list[GradedAnswer]:
    """Parse and grade every question of the attempt's layout, in layout order."""
    return _grade(attempt.layout, getattr(attempt, "layout_json", None), form)


def _grade(layout: list[dict], layout_json: str | None, form: Mapping[str, list[str]]) -> list[GradedAnswer]:
    memo = app_cache("graded", _GRADED_SIZE)
    return [_grade_answer(memo, version_id, snapshot, form.get(field, []))
            for field, version_id, snapshot in _grading_plan(layout, layout_json)]


def stored_answers(graded: list[GradedAnswer]) -> list[list]:
    """What attempts.answers keeps of each graded answer, in layout order."""
    return [answer.stored for answer in graded]


# Built once: constructing it cost a third of a millisecond per submit, more than grading;
# run on the driver's cursor (quizapp.direct_statements).
_CLAIM_UPDATE = (update(Attempt.__table__)
                 .where(Attempt.id == bindparam("attempt_id"), Attempt.submitted_at.is_(None))
                 .values(submitted_at=bindparam("now"), score=bindparam("new_score"), answers=bindparam("graded"),
                         responses_pending=True))
_CLAIM = DirectStatement(_CLAIM_UPDATE)

# The same claim for a submit that names its layout (submit_posted): the statement itself
# checks that the attempt is the student's and was started with exactly that layout.
_CLAIM_POSTED = DirectStatement(_CLAIM_UPDATE.where(Attempt.student_id == bindparam("owner_id"),
                                                    cast(Attempt.layout, Text) == bindparam("layout_json")))


def submit_attempt(attempt: Attempt, form: Mapping[str, list[str]]) -> bool:
    """Grade and store the answers once; return False if the attempt was already submitted.

    One UPDATE stores score and answers in the attempt row, guarded so that only the first
    of two racing submits counts. The per-answer rows for the statistics follow in bulk
    (quizapp.responses), not here: they were most of a submit's cost.
    """
    return _claim(_CLAIM, {"attempt_id": attempt.id}, grade_attempt(attempt, form))


def submit_posted(attempt_id: int, student_id: int, layout_key: str, form: Mapping[str, list[str]]) -> bool:
    """Submit without reading the attempt first, if this worker knows the posted layout key.

    The quiz form names its layout (quizapp.layouts); the answers are graded by that layout
    and stored only if the attempt is this student's, still open and started with exactly
    that layout text, all checked by the one UPDATE. Return False when nothing was stored
    (an unknown key, someone else's attempt, a forged key, already submitted): the caller
    then reads the attempt and takes submit_attempt's way, which tells these apart.
    """
    layout_json = layouts.text_for_key(layout_key)
    if layout_json is None:
        return False
    graded = _grade(layouts.decoded(layout_json), layout_json, form)
    return _claim(_CLAIM_POSTED, {"attempt_id": attempt_id, "owner_id": student_id, "layout_json": layout_json},
                  graded)


def _claim(statement: DirectStatement, guards: dict, graded: list[GradedAnswer]) -> bool:
    values = {"now": utcnow(), "new_score": round(sum(answer.result.points for answer in graded), 2),
              "graded": encoded_list(answer.stored_json for answer in graded)}
    connection = statement_connection()  # one UPDATE: atomic by itself
    with write_lock():
        claimed = statement.rowcount(connection, {**guards, **values})
        commit(connection)
    return claimed == 1
