"""The teacher's start page: their classes, their quizzes with attempt counts, quick links."""
from flask import render_template

from ..services.classrooms import teacher_classrooms
from ..services.quizzes import shared_quizzes, teacher_quizzes
from . import bp
from .access import me


@bp.get("/")
def dashboard():
    teacher = me()
    return render_template("teacher/dashboard.html", teacher=teacher, classes=teacher_classrooms(teacher),
                           quizzes=teacher_quizzes(teacher), shared=shared_quizzes(teacher))
