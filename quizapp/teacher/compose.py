"""Composing a quiz: pick the article, choose questions, settings, and the order of questions."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..services import quizzes as service
from ..web.input_guard import database_id
from ..models import Quiz
from ..web.labels import category_label
from . import bp
from .access import editable_quiz, me
from .forms import MoveForm, QuestionSelectionForm, QuizCreateForm, QuizSettingsForm, add_error


def _chosen(form: QuestionSelectionForm, questions):
    return service.select_questions(questions, form.mode.data, form.category.data, form.questions.data)


@bp.route("/quizzes/new", methods=["GET", "POST"])
def quiz_new():
    teacher = me()
    if "article" not in request.args:
        status = 400 if request.method == "POST" else 200
        return render_template("teacher/quiz_article.html", articles=service.visible_articles(teacher)), status
    article = service.visible_article(teacher, request.args.get("article", type=database_id))
    if article is None:
        abort(404)
    questions = service.article_questions(article)
    form = QuizCreateForm()
    form.offer(questions, category_label)
    if request.method == "GET":
        form.title.data = article.title
    if form.validate_on_submit():
        try:
            quiz = service.create_quiz(teacher, article, form.to_settings(), _chosen(form, questions))
        except service.QuizError as error:
            add_error(form, "questions", str(error))
        else:
            flash(_("Quiz created. Check it, assign it to your classes and publish it."), "success")
            return redirect(url_for("teacher.quiz", quiz_id=quiz.id))
    return render_template("teacher/quiz_new.html", form=form, article=article, questions=questions), \
        400 if form.is_submitted() else 200


@bp.route("/quizzes/<int:quiz_id>/edit", methods=["GET", "POST"])
def quiz_edit(quiz_id: int):
    quiz = editable_quiz(quiz_id)
    form = QuizSettingsForm()
    if request.method == "GET":
        form.fill_from(service.QuizSettings.of(quiz))
    if form.validate_on_submit():
        try:
            service.update_settings(quiz, form.to_settings())
        except service.QuizError as error:
            add_error(form, "closes_at", str(error))
        else:
            flash(_("The settings are saved."), "success")
            return redirect(url_for("teacher.quiz", quiz_id=quiz.id))
    return render_template("teacher/quiz_edit.html", form=form, quiz=quiz), 400 if form.is_submitted() else 200


@bp.route("/quizzes/<int:quiz_id>/questions", methods=["GET", "POST"])
def quiz_questions(quiz_id: int):
    quiz: Quiz = editable_quiz(quiz_id)
    questions = service.article_questions(quiz.article)
    form = QuestionSelectionForm()
    form.offer(questions, category_label)
    if request.method == "GET":
        form.mode.data = "pick"
        form.questions.data = [item.question_id for item in quiz.items]
    if form.validate_on_submit():
        try:
            service.set_questions(quiz, _chosen(form, questions))
        except service.QuizError as error:
            add_error(form, "questions", str(error))
        else:
            flash(_("The questions of the quiz are saved."), "success")
            return redirect(url_for("teacher.quiz", quiz_id=quiz.id))
    return render_template("teacher/quiz_questions.html", form=form, quiz=quiz, questions=questions), \
        400 if form.is_submitted() else 200


@bp.post("/quizzes/<int:quiz_id>/questions/<int:question_id>/move")
def quiz_move(quiz_id: int, question_id: int):
    quiz = editable_quiz(quiz_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        service.move_question(quiz, question_id, -1 if form.direction.data == "up" else 1)
    except service.QuizError:
        abort(404)
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id, _anchor=f"item-{question_id}"))
