"""Item analysis per question, with the definitions of Moodle's quiz statistics report.

For question i over the attempts in scope, with x = the response's points and
y = the attempt's score minus x (the rest of the test):
  facility index  = Σx / Σmax_points × 100 (mean score as a percentage of the maximum);
  discrimination  = Pearson r(x, y) × 100, from n, Σx, Σy, Σx², Σy², Σxy summed in SQL;
                    undefined when n < 2 or either score does not vary.
Questions are versioned, so rows group by question_id; options and prompts come from each
question's current version. Option counts group the responses by their stored answer (a
class gives few distinct answers to a question) and the question's kind says which options
each distinct answer picked. Four queries at most, whatever the number of attempts.
"""
import json
import math
from dataclasses import dataclass, field

from sqlalchemy import Text, case, cast, func, nulls_last, or_, select

from ..services.content import snapshots
from ..extensions import db
from ..kinds import get_kind
from ..models import Attempt, Question, QuestionVersion, QuizQuestion, Response
from .scope import Scope

TOO_EASY, TOO_HARD = 90.0, 20.0


@dataclass
class Item:
    question_id: int
    key: str
    number: int | None  # position in the quiz, 1-based; None once removed from the quiz
    snapshot: dict  # the current version
    n: int = 0  # responses (one per attempt that contained the question)
    blank: int = 0  # of which left empty
    points: float = 0.0  # Σx
    max_points: float = 0.0  # Σ max points
    facility: float | None = None
    discrimination: float | None = None
    options: list[dict] = field(default_factory=list)  # choice questions: key, text, correct, count, percent
    distractors: list[str] = field(default_factory=list)  # keys of the most chosen wrong options (ties: all)

    @property
    def flags(self) -> list[str]:
        found = []
        if self.facility is not None and self.facility > TOO_EASY:
            found.append("too_easy")
        if self.facility is not None and self.facility < TOO_HARD:
            found.append("too_hard")
        if self.discrimination is not None and self.discrimination < 0:
            found.append("negative_discrimination")
        return found


def pearson(n: int, sx: float, sy: float, sxx: float, syy: float, sxy: float) -> float | None:
    """Pearson's r from sums; None when undefined (fewer than two values or no variance)."""
    if n < 2:
        return None
    vx, vy = n * sxx - sx * sx, n * syy - sy * sy
    # Scores are multiples of 0.01, so any real variance is far above rounding noise.
    if vx <= 1e-9 * max(1.0, n * sxx) or vy <= 1e-9 * max(1.0, n * syy):
        return None
    return max(-1.0, min(1.0, (n * sxy - sx * sy) / math.sqrt(vx * vy)))


def _sums(scope: Scope) -> dict[int, tuple]:
    x = Response.points
    y = Attempt.score - Response.points
    blank = func.sum(case((func.trim(Response.raw) == "", 1), else_=0))
    rows = db.session.execute(
        select(Response.question_id, func.count(), blank, func.sum(x), func.sum(Response.max_points),
               func.sum(y), func.sum(x * x), func.sum(y * y), func.sum(x * y))
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(*scope.conditions())
        .group_by(Response.question_id)
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def _answer_counts(scope: Scope) -> dict[int, list[tuple[str, int]]]:
    """{question id: [(stored answer as JSON text, how many responses gave it)]}."""
    answer = cast(Response.answer, Text)  # PostgreSQL's json has no equality, so group by its text
    rows = db.session.execute(
        select(Response.question_id, answer, func.count())
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(*scope.conditions())
        .group_by(Response.question_id, answer)
    )
    counts: dict[int, list[tuple[str, int]]] = {}
    for question_id, text, count in rows:
        counts.setdefault(question_id, []).append((text, count))
    return counts


def _option_counts(kind, answers: list[tuple[str, int]]) -> dict[str, int]:
    """Responses per option key, by the kind's rule of which options an answer picked."""
    counts: dict[str, int] = {}
    for text, count in answers:
        try:
            picked = kind.chosen_keys(json.loads(text)) if text is not None else []
        except ValueError:  # not JSON: written by something other than quizapp; picks nothing
            picked = []
        for key in picked:
            if isinstance(key, str):  # a key, not whatever an odd stored answer holds
                counts[key] = counts.get(key, 0) + count
    return counts


def _questions(quiz_id: int, answered: list[int]) -> list[tuple]:
    """The quiz's questions in order, then questions answered but since removed from it."""
    in_quiz = (QuizQuestion.quiz_id == quiz_id) & (QuizQuestion.question_id == Question.id)
    return db.session.execute(
        select(Question.id, Question.key, QuestionVersion.id, QuizQuestion.position)
        .join(QuestionVersion, (QuestionVersion.question_id == Question.id)
              & (QuestionVersion.number == Question.version))
        .outerjoin(QuizQuestion, in_quiz)
        .where(or_(QuizQuestion.quiz_id.is_not(None), Question.id.in_(answered or [-1])))
        .order_by(nulls_last(QuizQuestion.position.asc()), Question.position, Question.id)
    ).all()


def _options(item: Item, answers: list[tuple[str, int]]) -> None:
    kind = get_kind(item.snapshot["kind"])
    if not kind.uses_options:
        return
    counts = _option_counts(kind, answers)
    right = kind.correct_keys(item.snapshot["spec"])
    item.options = [{"key": option["key"], "text": option["text"], "correct": option["key"] in right,
                     "count": counts.get(option["key"], 0),
                     "percent": 100.0 * counts.get(option["key"], 0) / item.n if item.n else None}
                    for option in kind.display_options(item.snapshot["spec"])]
    wrong = [option for option in item.options if not option["correct"] and option["count"] > 0]
    if wrong:
        # A tie has no winner: marking one of two equally chosen options would tell the teacher
        # something the answers do not.
        most = max(option["count"] for option in wrong)
        item.distractors = [option["key"] for option in wrong if option["count"] == most]


def item_analysis(scope: Scope, options: bool = True) -> list[Item]:
    """One Item per question of the quiz (and per question answered but since removed).

    ``options=False`` skips the option distribution (one query less) where only sums are needed.
    """
    sums = _sums(scope)
    answers = _answer_counts(scope) if options else {}
    rows = _questions(scope.quiz_id, sorted(sums))
    versions = snapshots([version_id for _, _, version_id, _ in rows])
    items, number = [], 0
    for question_id, key, version_id, position in rows:
        if position is not None:
            number += 1
        item = Item(question_id, key, number if position is not None else None, versions[version_id])
        if question_id in sums:
            n, blank, sx, smax, sy, sxx, syy, sxy = sums[question_id]
            item.n, item.blank, item.points, item.max_points = n, int(blank or 0), float(sx or 0), float(smax or 0)
            item.facility = 100.0 * item.points / item.max_points if item.max_points else None
            r = pearson(n, float(sx), float(sy), float(sxx), float(syy), float(sxy))
            item.discrimination = None if r is None else 100.0 * r
        if options:
            _options(item, answers.get(question_id, []))
        items.append(item)
    return items
