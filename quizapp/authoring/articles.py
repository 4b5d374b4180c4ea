"""Article pages for teachers: list, add by pasting, edit metadata and text, copy the seed."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..bank.splitting import blocks_to_text
from ..web.forms import EmptyForm
from ..web.identity import current_teacher
from . import bp
from .access import editable_article, is_editable, readable_article
from ..services.articles import (META_FIELDS, copy_article, create_article, delete_article, deletion_refused,
                               list_articles, quiz_count, update_metadata, update_text)
from .checks import article_warnings
from .forms import ArticleForm, ArticleMetaForm, ArticleTextForm, MoveForm, StatusForm
from ..services.questions import article_questions


def _meta(form) -> dict:
    return {name: getattr(form, name).data or "" for name in META_FIELDS}


def _show_errors(form, errors) -> None:
    """Put article errors from bank.schema next to the matching form fields."""
    for error in errors:
        name = (error.field or "").removeprefix("article.")
        name = "text" if name.startswith("blocks") else name
        field = getattr(form, name, None) if name in form else None
        if field is None:
            flash(error.message, "error")
        else:
            field.errors = list(field.errors) + [error.message]


@bp.get("/articles")
def articles():
    rows = list_articles(current_teacher().id)
    return render_template("authoring/articles.html", rows=rows, copy_form=EmptyForm())


@bp.route("/articles/new", methods=["GET", "POST"])
def new_article():
    form = ArticleForm()
    if form.validate_on_submit():
        article, errors = create_article(current_teacher().id, _meta(form), form.text.data, form.slug.data or None)
        if article is not None:
            flash(_("The article is saved with %(count)d passages. Check them, then add questions.",
                    count=len(article.passages)), "success")
            return redirect(url_for("authoring.article", article_id=article.id))
        _show_errors(form, errors)
    status = 400 if form.is_submitted() else 200
    return render_template("authoring/article_form.html", form=form, article=None), status


@bp.get("/articles/<int:article_id>")
def article(article_id: int):
    article = readable_article(article_id)
    questions = article_questions(article)
    saved = request.args.get("saved", type=int)
    return render_template("authoring/article.html", article=article, questions=questions,
                           saved=saved if saved in {question.id for question in questions} else None,
                           editable=is_editable(article), warnings=article_warnings(questions), broken=[q for q in questions if q.passage_id is None],
                           form=EmptyForm(), move_form=MoveForm(), status_form=StatusForm())


@bp.route("/articles/<int:article_id>/edit", methods=["GET", "POST"])
def edit_article(article_id: int):
    article = editable_article(article_id)
    form = ArticleMetaForm(obj=article)
    if form.validate_on_submit():
        errors = update_metadata(article, _meta(form))
        if not errors:
            flash(_("The article's details are saved."), "success")
            return redirect(url_for("authoring.article", article_id=article.id))
        _show_errors(form, errors)
    status = 400 if form.is_submitted() else 200
    return render_template("authoring/article_form.html", form=form, article=article), status


@bp.route("/articles/<int:article_id>/text", methods=["GET", "POST"])
def edit_text(article_id: int):
    article = editable_article(article_id)
    form = ArticleTextForm()
    if form.validate_on_submit():
        result, errors = update_text(article, form.text.data)
        if result is not None:
            flash(_("The text is saved; %(count)d passages.", count=len(article.passages)), "success")
            if result.broken:
                flash(ngettext("%(num)d question quotes text that is no longer in the article. It is marked "
                               "below: fix its quote.", "%(num)d questions quote text that is no longer in the "
                               "article. They are marked below: fix their quotes.", len(result.broken)), "warning")
            return redirect(url_for("authoring.article", article_id=article.id))
        _show_errors(form, errors)
    elif not form.is_submitted():
        form.text.data = blocks_to_text([{"kind": p.kind, "text": p.text, "label": p.label, "credit": p.credit}
                                         for p in article.passages])
    status = 400 if form.is_submitted() else 200
    return render_template("authoring/article_text.html", form=form, article=article), status


@bp.post("/articles/<int:article_id>/copy")
def copy(article_id: int):
    article = readable_article(article_id)
    if not EmptyForm().validate_on_submit():
        flash(_("The form expired. Please try again."), "error")
        return redirect(url_for("authoring.article", article_id=article.id))
    duplicate = copy_article(article, current_teacher().id)
    flash(_("The article is copied to your articles, with its questions. You can edit the copy."), "success")
    return redirect(url_for("authoring.article", article_id=duplicate.id))


@bp.route("/articles/<int:article_id>/delete", methods=["GET", "POST"])
def article_delete(article_id: int):
    article = editable_article(article_id)
    form = EmptyForm()
    if form.validate_on_submit():
        title = article.title
        reason = delete_article(article)
        if reason is None:
            flash(_("The article “%(title)s” is deleted.", title=title), "success")
            return redirect(url_for("authoring.articles"))
        flash(reason, "error")
        status = 409
    else:
        reason, status = deletion_refused(article), 200
    return render_template("authoring/delete_article.html", article=article, form=form, reason=reason,
                           quizzes=quiz_count(article), questions=len(article_questions(article))), status
