"""Facility per category (as answered), per tag (current versions) and per student × category.

Facility is always Σpoints / Σmax_points × 100 over the responses in scope, so a category's
figure weights questions by their points, as the attempt scores do.
"""
from dataclasses import dataclass

from sqlalchemy import func, select

from ..extensions import db
from ..models import CATEGORIES, Attempt, Classroom, QuestionVersion, Response, Student
from .items import Item
from .scope import PERCENT, Scope


@dataclass
class Facility:
    label: str
    questions: int  # distinct questions
    responses: int
    points: float
    max_points: float

    @property
    def facility(self) -> float | None:
        return 100.0 * self.points / self.max_points if self.max_points else None


def _in_category_order(found: dict[str, Facility]) -> list[Facility]:
    known = [found.pop(category) for category in CATEGORIES if category in found]
    return known + sorted(found.values(), key=lambda f: f.label)


def category_facility(scope: Scope) -> list[Facility]:
    """Facility per category of the version each student answered: one query."""
    rows = db.session.execute(
        select(QuestionVersion.category, func.count(func.distinct(Response.question_id)), func.count(),
               func.sum(Response.points), func.sum(Response.max_points))
        .join(QuestionVersion, QuestionVersion.id == Response.question_version_id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(*scope.conditions())
        .group_by(QuestionVersion.category)
    )
    found = {category: Facility(category, questions, n, float(points or 0), float(most or 0))
             for category, questions, n, points, most in rows}
    return _in_category_order(found)


def tag_facility(items: list[Item]) -> list[Facility]:
    """Facility per tag, combining the per-question sums in Python: O(questions), no query."""
    tags: dict[str, Facility] = {}
    for item in items:
        for tag in item.snapshot.get("tags") or []:
            entry = tags.setdefault(tag, Facility(tag, 0, 0, 0.0, 0.0))
            entry.questions += 1
            entry.responses += item.n
            entry.points += item.points
            entry.max_points += item.max_points
    return sorted(tags.values(), key=lambda f: f.label)


def student_count(scope: Scope) -> int:
    return db.session.scalar(select(func.count(func.distinct(Attempt.student_id))).where(*scope.conditions())) or 0


def student_categories(scope: Scope, page: int, per_page: int) -> list[dict]:
    """One page of students (by name) with attempts, mean percent and facility per category."""
    where = scope.conditions()
    students = db.session.execute(
        select(Student.id, Student.display_name, Classroom.name.label("classroom"),
               func.count(Attempt.id).label("attempts"), func.avg(PERCENT).label("mean"))
        .join(Attempt, Attempt.student_id == Student.id)
        .outerjoin(Classroom, Classroom.id == Student.classroom_id)
        .where(*where)
        .group_by(Student.id, Student.display_name, Classroom.name)
        .order_by(func.lower(Student.display_name), Student.id)
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    table = {row.id: {**row._mapping, "categories": {}} for row in students}
    if not table:
        return []
    _fill_categories(table, Attempt.student_id, where)
    return list(table.values())


def _fill_categories(table: dict, key, where: list) -> None:
    """Each row's facility per category (``table[id]["categories"]``), rows keyed by ``key``: one query."""
    cells = db.session.execute(
        select(key, QuestionVersion.category, func.sum(Response.points), func.sum(Response.max_points))
        .join(Response, Response.attempt_id == Attempt.id)
        .join(QuestionVersion, QuestionVersion.id == Response.question_version_id)
        .where(*where, key.in_(list(table)))
        .group_by(key, QuestionVersion.category)
    )
    for row_id, category, points, most in cells:
        table[row_id]["categories"][category] = 100.0 * float(points or 0) / float(most) if most else None


# The class result sheet lists every attempt in scope on paper; beyond this many it is a
# table for the export, not for a printer (and the page stays one bounded query).
SHEET_LIMIT = 500


def attempt_sheet(scope: Scope, limit: int = SHEET_LIMIT) -> list[dict]:
    """The attempts in scope by student name (then attempt number), each with its score,
    percent and facility per category: two queries, for the printed class result sheet."""
    where = scope.conditions()
    rows = db.session.execute(
        select(Attempt.id, Attempt.number, Student.display_name.label("student"), Classroom.name.label("classroom"),
               Attempt.score, Attempt.max_score, PERCENT.label("percent"))
        .join(Student, Student.id == Attempt.student_id)
        .outerjoin(Classroom, Classroom.id == Attempt.classroom_id)
        .where(*where)
        .order_by(func.lower(Student.display_name), Student.id, Attempt.number)
        .limit(limit)
    ).all()
    table = {row.id: {**row._mapping, "categories": {}} for row in rows}
    if not table:
        return []
    _fill_categories(table, Attempt.id, where)
    return list(table.values())
