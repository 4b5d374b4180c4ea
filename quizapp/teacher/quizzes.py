"""Quizzes: the list, one quiz's page with its share link, publishing, classes, copying, deleting."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..services import quizzes as service
from ..services.classrooms import teacher_classrooms
from ..web.forms import EmptyForm
from ..models import utcnow
from . import bp
from .access import editable_quiz, is_own, me, readable_quiz
from .forms import AssignForm, ConfirmForm, MoveForm


@bp.get("/quizzes")
def quizzes():
    teacher = me()
    return render_template("teacher/quizzes.html", quizzes=service.teacher_quizzes(teacher),
                           shared=service.shared_quizzes(teacher), button_form=EmptyForm())


def _assign_form(quiz, submitted: bool = False) -> AssignForm:
    """The teacher's classes as checkboxes: as posted, or ticked as currently assigned."""
    form = AssignForm() if submitted else AssignForm(formdata=None)
    form.classrooms.choices = [(s.classroom.id, s.classroom.name) for s in teacher_classrooms(me())]
    if not submitted:
        form.classrooms.data = sorted(service.assigned_classroom_ids(quiz, me()))
    return form


def _quiz_page(quiz, assign_form=None, status=200):
    return render_template("teacher/quiz.html", quiz=quiz, own=is_own(quiz), now=utcnow(),
                           items=service.quiz_questions(quiz),
                           attempts=service.attempt_count(quiz) if is_own(quiz) else None,
                           assign_form=assign_form or _assign_form(quiz), button_form=EmptyForm(),
                           move_form=MoveForm()), status


@bp.get("/quizzes/<int:quiz_id>")
def quiz(quiz_id: int):
    return _quiz_page(readable_quiz(quiz_id))


def _publish(quiz_id: int, published: bool):
    quiz = editable_quiz(quiz_id)
    if not EmptyForm().validate_on_submit():
        return _quiz_page(quiz, status=400)
    try:
        service.set_published(quiz, published)
    except service.QuizError as error:
        flash(str(error), "error")
        return _quiz_page(quiz, status=400)
    flash(_("The quiz is published: students can open it with its link or code.") if published
          else _("The quiz is no longer published: students cannot open it."), "success")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id))


@bp.post("/quizzes/<int:quiz_id>/publish")
def quiz_publish(quiz_id: int):
    return _publish(quiz_id, True)


@bp.post("/quizzes/<int:quiz_id>/unpublish")
def quiz_unpublish(quiz_id: int):
    return _publish(quiz_id, False)


@bp.post("/quizzes/<int:quiz_id>/classes")
def quiz_assign(quiz_id: int):
    quiz = readable_quiz(quiz_id)  # assigning does not change the quiz, so the seed's may be assigned too
    form = _assign_form(quiz, submitted=True)
    if not form.validate_on_submit():
        return _quiz_page(quiz, assign_form=form, status=400)
    service.set_assignments(quiz, me(), form.classrooms.data or [])
    flash(_("The classes of this quiz are saved."), "success")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id))


@bp.post("/quizzes/<int:quiz_id>/copy")
def quiz_copy(quiz_id: int):
    quiz = readable_quiz(quiz_id)
    if not EmptyForm().validate_on_submit():
        return _quiz_page(quiz, status=400)
    copy = service.copy_quiz(quiz, me())
    flash(_("This is your copy. Change it as you like, then publish it."), "success")
    return redirect(url_for("teacher.quiz", quiz_id=copy.id))


@bp.route("/quizzes/<int:quiz_id>/delete", methods=["GET", "POST"])
def quiz_delete(quiz_id: int):
    quiz = editable_quiz(quiz_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        title = quiz.title
        service.delete_quiz(quiz)
        flash(_("The quiz %(title)s is deleted.", title=title), "success")
        return redirect(url_for("teacher.quizzes"))
    attempts = service.attempt_count(quiz)
    consequences = [_("Its link and code stop working.")]
    if attempts:
        consequences.append(_("Its %(count)d attempts and their results are deleted for good. To keep them, "
                              "unpublish the quiz instead.", count=attempts))
    return render_template("teacher/confirm.html", form=form, heading=_("Delete the quiz %(title)s?", title=quiz.title),
                           consequences=consequences, button=_("Delete the quiz"),
                           back=url_for("teacher.quiz", quiz_id=quiz.id)), 400 if form.is_submitted() else 200
