"""Question pages for teachers: write and edit every kind, preview, history, copy, delete, order."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..bank.export import question_entry
from ..services.content import article_passages
from ..web.forms import EmptyForm
from ..kinds import KINDS, get_kind
from ..services.review import passage_link
from ..web.identity import current_teacher
from . import bp
from .access import editable_article, editable_question, is_editable, readable_question
from .checks import question_warnings
from .forms import MoveForm, PreviewForm, StatusForm, question_form
from .question_data import apply_errors, entry_to_data, form_to_entry
from ..services.questions import (answer_count, article_questions, check_question, delete_question, deletion_refused,
                                duplicate_question, move_question, new_key, passage_pairs, save_question, set_status,
                                version_answer_counts)


def _back(question) -> str:
    return url_for("authoring.article", article_id=question.article_id, _anchor=f"question-{question.id}")


def _question_form(article, question, kind: str):
    """Build, check and save the form; return a redirect when saved, else the page and its status."""
    pairs = passage_pairs(article)
    if question is not None and request.method == "GET":
        form = question_form(KINDS[kind], data=entry_to_data(question_entry(question)), passages=pairs)
    else:
        form = question_form(KINDS[kind], passages=pairs)
    if form.is_submitted():
        form.validate()
        key = question.key if question is not None else new_key(article, form.prompt.data or "", kind)
        reserved = [o["key"] for o in question.spec.get("options", [])] if question is not None else []
        entry, rows = form_to_entry(form, kind, key, reserved)
        clean, errors = check_question(entry, article)
        apply_errors(form, errors, kind, rows)
        if clean is not None and not form.has_errors:
            saved = save_question(article, question, clean, current_teacher().id)
            flash(_("The question is saved."), "success")
            bank = article_questions(article)
            if found := question_warnings(saved, bank):
                flash(_checker_note(found, saved.key, [item.key for item in bank]), "warning")
            # ?saved= puts these messages into the saved question's row; the page opens there, on them
            # (a browser focuses a focusable fragment target).
            return redirect(url_for("authoring.article", article_id=saved.article_id, saved=saved.id,
                                    _anchor="saved-note"))
    warnings = question_warnings(question, article_questions(article)) if question is not None else []
    page = render_template("authoring/question_form.html", form=form, article=article, question=question,
                           kind=KINDS[kind], passages=article.passages, warnings=warnings,
                           answers=answer_count(question) if question is not None else 0)
    return page, 400 if form.is_submitted() else 200


def _checker_note(found: list, key: str, keys: list[str]) -> str:
    """Where the saved question's warnings stand on the article page: a warning that names two
    questions is listed at the one it is about, which may be another row than the saved one."""
    rows = sorted({keys.index(w.question) + 1 for w in found if w.question in keys})
    if rows == [keys.index(key) + 1]:
        return ngettext("The item checker has %(num)d warning about this question: see it below.",
                        "The item checker has %(num)d warnings about this question: see them below.", len(found))
    return ngettext("The item checker has %(num)d warning about this question: see question %(rows)s.",
                    "The item checker has %(num)d warnings about this question: see question %(rows)s.",
                    len(found), rows=", ".join(map(str, rows)))


@bp.route("/articles/<int:article_id>/questions/new", methods=["GET", "POST"])
def new_question(article_id: int):
    article = editable_article(article_id)
    kind = request.args.get("kind", "")
    if kind not in KINDS:
        abort(404)
    return _question_form(article, None, kind)


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
def edit_question(question_id: int):
    question = editable_question(question_id)
    return _question_form(question.article, question, question.kind)


def preview_item(question_id: int, snapshot: dict) -> dict:
    """The item dict the student attempt page builds, with options in their stored order."""
    kind = get_kind(snapshot["kind"])
    return {"number": 1, "field": f"q{question_id}", "snapshot": snapshot, "kind": kind,
            "options": kind.display_options(snapshot["spec"])}


@bp.route("/questions/<int:question_id>/preview", methods=["GET", "POST"])
def preview_question(question_id: int):
    question = readable_question(question_id)
    version = question.current_version
    snapshot = version.snapshot
    item = preview_item(question.id, snapshot)
    form, result, answer_text = PreviewForm(), None, None
    if form.validate_on_submit():
        # Grade a trial answer the way attempts.submit does, without storing anything.
        kind = item["kind"]
        answer = kind.parse(snapshot["spec"], request.form.getlist(item["field"]))
        result = kind.grade(snapshot["spec"], snapshot["points"], answer)
        answer_text = kind.summarize(snapshot["spec"], answer) if answer is not None else ""
    return render_template("authoring/preview.html", question=question, version=version, item=item, form=form,
                           result=result, answer_text=answer_text,
                           correct_answer=item["kind"].correct_answer(snapshot["spec"]),
                           link=passage_link(question.article.slug, snapshot["quote"]),
                           passages=article_passages(question.article), editable=is_editable(question.article))


@bp.get("/questions/<int:question_id>/history")
def question_history(question_id: int):
    question = readable_question(question_id)
    versions = [{"version": version, "kind": get_kind(version.kind),
                 "correct_answer": get_kind(version.kind).correct_answer(version.snapshot["spec"])}
                for version in reversed(question.versions)]
    return render_template("authoring/history.html", question=question, versions=versions,
                           answers=version_answer_counts(question))


@bp.post("/questions/<int:question_id>/duplicate")
def duplicate(question_id: int):
    question = editable_question(question_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    copy = duplicate_question(question)
    flash(_("A draft copy of the question was added below the original."), "success")
    return redirect(url_for("authoring.edit_question", question_id=copy.id))


@bp.route("/questions/<int:question_id>/delete", methods=["GET", "POST"])
def delete(question_id: int):
    question = editable_question(question_id)
    form = EmptyForm()
    if form.validate_on_submit():
        back = url_for("authoring.article", article_id=question.article_id)
        reason = delete_question(question)
        if reason is None:
            flash(_("The question is deleted."), "success")
            return redirect(back)
        flash(reason, "error")
        return render_template("authoring/delete.html", question=question, form=form, reason=reason,
                               answers=answer_count(question), status_form=StatusForm()), 409
    return render_template("authoring/delete.html", question=question, form=form,
                           reason=deletion_refused(question), answers=answer_count(question),
                           status_form=StatusForm())


@bp.post("/questions/<int:question_id>/move")
def move(question_id: int):
    question = editable_question(question_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    move_question(question, form.direction.data)
    return redirect(_back(question))


@bp.post("/questions/<int:question_id>/status")
def status(question_id: int):
    question = editable_question(question_id)
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    set_status(question, form.status.data)
    if form.status.data == "published":
        flash(_("The question is published: new attempts will ask it."), "success")
    else:
        flash(_("The question is a draft now: new attempts leave it out; past answers are kept."), "success")
    return redirect(_back(question))
