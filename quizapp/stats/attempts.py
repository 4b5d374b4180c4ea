"""Figures over whole attempts: summary (count, mean, median, SD), histogram, the sorted listing."""
import math
from dataclasses import dataclass

from sqlalchemy import func, select

from ..extensions import db
from ..models import Attempt, Classroom, Quiz, Student
from .scope import DURATION, PERCENT, Scope, own_classrooms, score_bin

# Whitelisted sort keys: what the page may ask for, mapped to SQL expressions.
SORT_KEYS = {
    "student": func.lower(Student.display_name),
    "class": Classroom.name,
    "started": Attempt.started_at,
    "submitted": Attempt.submitted_at,
    "duration": DURATION,
    "score": Attempt.score,
    "percent": PERCENT,
}
DEFAULT_SORT = ("submitted", "desc")
HISTOGRAM_BINS = 10


@dataclass
class Summary:
    count: int
    mean: float | None
    median: float | None
    sd: float | None  # sample standard deviation (n - 1), as Moodle reports it
    bins: list[int]  # attempts per 10 % band: [0, 10), [10, 20) … [90, 100]


def sample_sd(n: int, total: float, total_squares: float) -> float | None:
    """Standard deviation with n - 1 from the sums SQL returns; None below two values."""
    if n < 2:
        return None
    variance = (total_squares - total * total / n) / (n - 1)
    return math.sqrt(max(variance, 0.0))  # rounding may leave a tiny negative for equal values


def summary(scope: Scope) -> Summary:
    """Count, mean, median and SD of percent scores, and the histogram: three aggregate queries."""
    where = scope.conditions()
    n, total, squares = db.session.execute(
        select(func.count(), func.sum(PERCENT), func.sum(PERCENT * PERCENT)).select_from(Attempt).where(*where)
    ).one()
    bins = [0] * HISTOGRAM_BINS
    if not n:
        return Summary(0, None, None, None, bins)
    # The median is the middle row (odd n) or the mean of the middle two (even n), found by
    # ORDER BY ... OFFSET, which SQLite and PostgreSQL run alike.
    middle = db.session.execute(
        select(PERCENT).where(*where).order_by(PERCENT).offset((n - 1) // 2).limit(1 if n % 2 else 2)
    ).scalars().all()
    band = score_bin(HISTOGRAM_BINS)
    for index, count in db.session.execute(select(band, func.count()).where(*where).group_by(band)):
        bins[int(index)] = count
    return Summary(n, total / n, sum(middle) / len(middle), sample_sd(n, total, squares), bins)


def attempt_page(scope: Scope, sort: str, direction: str, page: int, per_page: int) -> list[dict]:
    """One page of visible attempts, sorted in SQL by a whitelisted key (ties by attempt id)."""
    key = SORT_KEYS.get(sort, SORT_KEYS[DEFAULT_SORT[0]])
    order = key.desc() if direction == "desc" else key.asc()
    if sort == "class":
        order = order.nulls_last()
    rows = db.session.execute(
        select(Attempt.id, Attempt.number, Student.display_name.label("student"),
               Classroom.name.label("classroom"), Attempt.started_at, Attempt.submitted_at,
               DURATION.label("duration"), Attempt.score, Attempt.max_score, PERCENT.label("percent"))
        .join(Student, Student.id == Attempt.student_id)
        .outerjoin(Classroom, Classroom.id == Attempt.classroom_id)
        .where(*scope.conditions())
        .order_by(order, Attempt.id.desc() if direction == "desc" else Attempt.id)
        .limit(per_page).offset((page - 1) * per_page)
    )
    return [dict(row._mapping) for row in rows]


def quizzes_with_results(teacher_id: int) -> list[dict]:
    """The quizzes a teacher may review with their visible attempt count and mean: one query."""
    mine = own_classrooms(teacher_id)
    visible = ((Attempt.quiz_id == Quiz.id) & Attempt.submitted_at.is_not(None)
               & ((Quiz.owner_id == teacher_id) | Attempt.classroom_id.in_(mine)))
    taken_in_my_classes = select(Attempt.quiz_id).where(Attempt.classroom_id.in_(mine))
    rows = db.session.execute(
        select(Quiz.id, Quiz.title, Quiz.code, Quiz.owner_id, func.count(Attempt.id).label("attempts"),
               func.avg(PERCENT).label("mean"), func.max(Attempt.submitted_at).label("last"))
        .outerjoin(Attempt, visible)
        .where((Quiz.owner_id == teacher_id) | Quiz.owner_id.is_(None) | Quiz.id.in_(taken_in_my_classes))
        .group_by(Quiz.id, Quiz.title, Quiz.code, Quiz.owner_id)
        .order_by(func.count(Attempt.id).desc(), Quiz.title)
    )
    return [dict(row._mapping) for row in rows]
