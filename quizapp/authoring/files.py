"""Question files through the web: download an article as YAML, upload a file to import."""
from itertools import groupby

from flask import Response, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..web.identity import current_teacher
from . import bp
from .access import readable_article
from ..services.question_files import export_article, import_file
from .forms import ImportForm

DEFAULT_IMPORT_MAX_BYTES = 512 * 1024


@bp.get("/articles/<int:article_id>/export")
def export(article_id: int):
    filename, text = export_article(readable_article(article_id))
    return Response(text, mimetype="application/yaml",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})


def _grouped(errors) -> list[tuple[str | None, list]]:
    """Errors per question (None: the article or the file itself), in file order."""
    return [(question, list(items)) for question, items in groupby(errors, key=lambda error: error.question)]


@bp.route("/import", methods=["GET", "POST"])
def import_questions():
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        limit = current_app.config.get("IMPORT_MAX_BYTES", DEFAULT_IMPORT_MAX_BYTES)
        result = import_file(upload.filename, upload.read(limit + 1), current_teacher().id, limit)
        if not result.errors:
            flash(ngettext("Imported %(num)d question into “%(title)s”.", "Imported %(num)d questions into “%(title)s”.",
                           result.summary.questions, title=result.article.title), "success")
            if result.warnings:
                # The list itself is on the article page (a flashed list would overflow the session cookie).
                flash(ngettext("The item checker has %(num)d warning about these questions: see the list below.",
                               "The item checker has %(num)d warnings about these questions: see the list below.",
                               len(result.warnings)), "warning")
            return redirect(url_for("authoring.article", article_id=result.article.id))
        return render_template("authoring/import.html", form=form, errors=_grouped(result.errors),
                               count=len(result.errors), filename=upload.filename), 422
    status = 400 if form.is_submitted() else 200
    return render_template("authoring/import.html", form=form, errors=[], count=0), status
