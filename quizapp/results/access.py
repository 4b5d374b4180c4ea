"""Which quizzes and attempts a teacher may review; anything else is reported as missing (404).

A teacher may open the results of a quiz they own, of a shared seed quiz (owner NULL; they
see only their own classes' attempts there, possibly none), and of any other quiz that
students of their classes attempted. An attempt is visible when it is submitted and either
the quiz is the teacher's or it was made in one of the teacher's classes.
"""
from flask import abort
from sqlalchemy import select

from ..extensions import db
from ..models import Attempt, Classroom, Quiz
from ..stats import reviewable_attempt, visible_attempts


def teacher_classrooms(teacher_id: int) -> list[tuple[int, str]]:
    return [tuple(row) for row in db.session.execute(
        select(Classroom.id, Classroom.name).where(Classroom.teacher_id == teacher_id).order_by(Classroom.name))]


def quiz_for(teacher_id: int, quiz_id: int) -> Quiz:
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None:
        abort(404)
    if quiz.owner_id is None or quiz.owner_id == teacher_id:
        return quiz
    seen = db.session.scalar(select(Attempt.id).where(Attempt.quiz_id == quiz.id, Attempt.submitted_at.is_not(None),
                                                      visible_attempts(teacher_id, quiz.owner_id)).limit(1))
    if seen is None:
        abort(404)
    return quiz


def attempt_for(teacher_id: int, attempt_id: int) -> Attempt:
    attempt = reviewable_attempt(teacher_id, attempt_id)
    if attempt is None:
        abort(404)
    return attempt
