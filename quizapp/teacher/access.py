"""Which class, student or quiz the signed-in teacher may open (quizzes follow quizapp/services/access.py).

Someone else's class or quiz is reported as missing (404), so ids leak nothing. The seed's
quizzes (owner NULL) are readable by every teacher but changing them is refused (403); a
teacher copies one instead.
"""
from flask import abort

from ..services.classrooms import classroom_student, owned_classroom
from ..extensions import db
from ..models import Classroom, Quiz, Student, Teacher
from ..services.access import refuse_shared, require_readable
from ..web.identity import current_teacher


def me() -> Teacher:
    teacher = current_teacher()
    if teacher is None:  # the blueprint guard makes this unreachable; keep the promise explicit
        abort(403)
    return teacher


def own_classroom(classroom_id: int) -> Classroom:
    classroom = owned_classroom(me(), classroom_id)
    if classroom is None:
        abort(404)
    return classroom


def own_student(classroom_id: int, student_id: int) -> tuple[Classroom, Student]:
    classroom = own_classroom(classroom_id)
    student = classroom_student(classroom, student_id)
    if student is None:
        abort(404)
    return classroom, student


def readable_quiz(quiz_id: int) -> Quiz:
    quiz = db.session.get(Quiz, quiz_id)
    return require_readable(quiz, quiz.owner_id if quiz else None, me())


def editable_quiz(quiz_id: int) -> Quiz:
    quiz = readable_quiz(quiz_id)
    refuse_shared(quiz.owner_id)
    return quiz


def is_own(quiz: Quiz) -> bool:
    return quiz.owner_id == me().id
