"""Classes a teacher runs: create, rename, delete, join codes, the roster and students' PINs.

The one place that writes classrooms and changes students on a teacher's behalf; every
function that changes something commits once.
"""
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from .codes import unused_code
from ..db.commits import commit_or_raise
from ..extensions import db
from .joining import forget_pin_tries
from ..models import Attempt, Classroom, Quiz, QuizClassroom, Student, Teacher
from ..stats import attempts_visible_to

NAME_MAX = 120


class ClassroomError(ValueError):
    """A change a teacher asked for that cannot be made; the message says why."""


@dataclass
class RosterRow:
    student: Student
    attempts: int
    last_submitted: datetime | None


@dataclass
class ClassroomSummary:
    classroom: Classroom
    students: int


def clean_name(name: str | None) -> str:
    return " ".join((name or "").split())


def owned_classroom(teacher: Teacher, classroom_id: int) -> Classroom | None:
    """The teacher's classroom with this id, or None for a missing or someone else's class."""
    classroom = db.session.get(Classroom, classroom_id)
    return classroom if classroom is not None and classroom.teacher_id == teacher.id else None


def classroom_student(classroom: Classroom, student_id: int) -> Student | None:
    student = db.session.get(Student, student_id)
    return student if student is not None and student.classroom_id == classroom.id else None


def _name_taken(teacher_id: int, name: str, except_id: int | None = None) -> bool:
    query = db.select(func.count()).select_from(Classroom).where(
        Classroom.teacher_id == teacher_id, func.lower(Classroom.name) == name.lower())
    if except_id is not None:
        query = query.where(Classroom.id != except_id)
    return db.session.scalar(query) > 0


def _checked_name(teacher_id: int, name: str, except_id: int | None = None) -> str:
    name = clean_name(name)
    if not name:
        raise ClassroomError(_("Please name the class."))
    if len(name) > NAME_MAX:
        raise ClassroomError(_("At most %(count)d characters, please.", count=NAME_MAX))
    if _name_taken(teacher_id, name, except_id):
        raise ClassroomError(_("You already have a class called %(name)s.", name=name))
    return name


def create_classroom(teacher: Teacher, name: str) -> Classroom:
    classroom = Classroom(teacher_id=teacher.id, name=_checked_name(teacher.id, name),
                          join_code=unused_code(Classroom.join_code))
    db.session.add(classroom)
    commit_or_raise(ClassroomError)
    return classroom


def rename_classroom(classroom: Classroom, name: str) -> None:
    classroom.name = _checked_name(classroom.teacher_id, name, except_id=classroom.id)
    commit_or_raise(ClassroomError)


def regenerate_code(classroom: Classroom) -> str:
    """Give the class a new join code; the old one stops working, students already in stay in."""
    classroom.join_code = unused_code(Classroom.join_code)
    commit_or_raise(ClassroomError)
    return classroom.join_code


def delete_classroom(classroom: Classroom) -> None:
    """Delete the class; its students keep their accounts and attempts but leave the class."""
    db.session.execute(db.update(Student).where(Student.classroom_id == classroom.id).values(classroom_id=None))
    db.session.delete(classroom)
    db.session.commit()


def set_pin(student: Student, pin: str | None) -> bool:
    """Set, replace or (with None) remove the PIN that protects a student's name in their class.

    Replacing a PIN (one that someone else may know) also signs the student out on every
    device (a new sign-in key, as at sign-out); they come back with the new PIN. Setting a
    first PIN or removing one signs nobody out: without a PIN a name cannot be taken again.
    Returns whether the student was signed out.
    """
    replaced = bool(pin) and student.pin_hash is not None
    student.set_pin(pin or None)
    if replaced:
        student.end_sign_ins()
    db.session.commit()
    forget_pin_tries(student.id)  # a student locked out by wrong PINs can use the new one at once
    return replaced


def remove_student(student: Student) -> None:
    """Take the student out of the class; their attempts stay, filed under the class they were in."""
    student.classroom_id = None
    db.session.commit()


def teacher_classrooms(teacher: Teacher) -> list[ClassroomSummary]:
    """The teacher's classes with their number of students, in one query."""
    rows = db.session.execute(
        db.select(Classroom, func.count(Student.id))
        .outerjoin(Student, Student.classroom_id == Classroom.id)
        .where(Classroom.teacher_id == teacher.id)
        .group_by(Classroom.id).order_by(Classroom.name)
    ).all()
    return [ClassroomSummary(classroom, count) for classroom, count in rows]


def roster(classroom: Classroom) -> list[RosterRow]:
    """The class's students with their submitted attempts and last activity, in one query."""
    counted = (Attempt.student_id == Student.id) & Attempt.submitted_at.is_not(None) \
        & attempts_visible_to(classroom.teacher_id)
    rows = db.session.execute(
        db.select(Student, func.count(Attempt.id), func.max(Attempt.submitted_at))
        .outerjoin(Attempt, counted)
        .where(Student.classroom_id == classroom.id)
        .group_by(Student.id).order_by(Student.display_name)
    ).all()
    return [RosterRow(student, attempts, last) for student, attempts, last in rows]


def assigned_quizzes(classroom: Classroom) -> list[Quiz]:
    """The quizzes the class's students see on their start page (ticked on each quiz's page)."""
    return list(db.session.execute(
        db.select(Quiz).join(QuizClassroom, QuizClassroom.quiz_id == Quiz.id)
        .where(QuizClassroom.classroom_id == classroom.id).order_by(Quiz.title, Quiz.id)
    ).scalars())


def student_attempts(student: Student, teacher: Teacher) -> list[Attempt]:
    """The student's attempts that the teacher may see (the results pages' rule: at the teacher's
    own quizzes, and made in one of their classes), newest first."""
    return list(db.session.execute(
        db.select(Attempt).options(selectinload(Attempt.quiz))
        .where(Attempt.student_id == student.id, attempts_visible_to(teacher.id))
        .order_by(Attempt.started_at.desc())
    ).scalars())
