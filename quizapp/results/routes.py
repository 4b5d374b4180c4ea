"""Results pages: thin views over stats (figures), charts (SVG), exports and review."""
import math

from flask import Response, abort, render_template, request, stream_with_context, url_for

from .. import stats
from ..stats import exports
from ..services.review import review_items
from ..web.identity import current_teacher
from . import bp
from .access import attempt_for, quiz_for, teacher_classrooms
from .figures import category_chart, facility_chart, score_histogram
from .forms import FilterForm, list_filters

PER_PAGE = 50


def _filtered(quiz_id: int):
    """The quiz, its filter form and the Scope it describes (None when a filter is not valid)."""
    teacher = current_teacher()
    quiz = quiz_for(teacher.id, quiz_id)
    form = FilterForm(request.args, teacher_classrooms(teacher.id), owns_quiz=quiz.owner_id == teacher.id)
    return quiz, form, form.scope(quiz, teacher.id) if form.validate() else None


def _refused(template: str, quiz, form):
    """A results page whose filters are not valid: the form with its errors, no figures (400)."""
    return render_template(template, quiz=quiz, form=form, filters=_filters()), 400


def _page_number(pages: int) -> int:
    page = request.args.get("page", 1, type=int)
    return max(1, min(page, max(1, pages)))


def _link(**changes) -> str:
    """This page's URL with its filters, sort and page, some changed (None removes one)."""
    args = {**_filters(), "page": request.args.get("page"), **changes}
    return url_for(request.endpoint, **request.view_args, **{k: v for k, v in args.items() if v is not None})


def _filters() -> dict:
    """The current filters, for links to the other results pages and the exports."""
    return list_filters(request.args)


@bp.get("/results")
def index():
    return render_template("results/index.html", quizzes=stats.quizzes_with_results(current_teacher().id))


@bp.get("/results/<int:quiz_id>")
def quiz(quiz_id: int):
    quiz, form, scope = _filtered(quiz_id)
    if scope is None:
        return _refused("results/quiz.html", quiz, form)
    summary = stats.summary(scope)
    pages = math.ceil(summary.count / PER_PAGE)
    page = _page_number(pages)
    sort, direction = form.sort_order()
    attempts = stats.attempt_page(scope, sort, direction, page, PER_PAGE)
    return render_template("results/quiz.html", quiz=quiz, form=form, summary=summary, attempts=attempts,
                           page=page, pages=pages, sort=sort, direction=direction, link=_link, filters=_filters(),
                           score_figure=score_histogram(summary))


@bp.get("/results/<int:quiz_id>/items")
def items(quiz_id: int):
    quiz, form, scope = _filtered(quiz_id)
    if scope is None:
        return _refused("results/items.html", quiz, form)
    analysis = stats.item_analysis(scope)
    return render_template("results/items.html", quiz=quiz, form=form, items=analysis, filters=_filters(),
                           facility_figure=facility_chart(analysis))


@bp.get("/results/<int:quiz_id>/categories")
def categories(quiz_id: int):
    quiz, form, scope = _filtered(quiz_id)
    if scope is None:
        return _refused("results/categories.html", quiz, form)
    by_category = stats.category_facility(scope)
    students = stats.student_count(scope)
    pages = math.ceil(students / PER_PAGE)
    page = _page_number(pages)
    return render_template("results/categories.html", quiz=quiz, form=form, categories=by_category,
                           tags=stats.tag_facility(stats.item_analysis(scope, options=False)),
                           students=stats.student_categories(scope, page, PER_PAGE), page=page, pages=pages,
                           link=_link, filters=_filters(), category_figure=category_chart(by_category))


@bp.get("/results/<int:quiz_id>/print")
def print_sheet(quiz_id: int):
    """The class result sheet for paper: every attempt the filters select, with its score,
    percent and facility per category, on A4 (static/css/print.css)."""
    quiz, form, scope = _filtered(quiz_id)
    if scope is None:
        return _refused("results/print.html", quiz, form)
    rows = stats.attempt_sheet(scope)
    chosen = dict(form.classroom.choices).get(form.classroom.data or "") if form.classroom.data else None
    return render_template("results/print.html", quiz=quiz, form=form, rows=rows, classroom=chosen,
                           truncated=len(rows) >= stats.SHEET_LIMIT, filters=_filters(),
                           summary=stats.summary(scope))


@bp.get("/results/<int:quiz_id>/export/<any(attempts, responses, items):table>.<any(csv, json):fmt>")
def export(quiz_id: int, table: str, fmt: str):
    quiz, form, scope = _filtered(quiz_id)
    if scope is None:  # the results page itself explains which filter is wrong
        abort(400)
    separator = exports.SEPARATORS.get(request.args.get("sep", ""), ";")
    body, mimetype, name = exports.export(quiz, scope, table, fmt, separator, _filters())
    return Response(stream_with_context(body), mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@bp.get("/results/attempts/<int:attempt_id>")
def attempt(attempt_id: int):
    attempt = attempt_for(current_teacher().id, attempt_id)
    quiz = attempt.quiz
    # The filters of the list it was opened from, for the way back (the list checks them),
    # also from the article its passage links open.
    filters = _filters()
    return render_template("results/attempt.html", attempt=attempt, quiz=quiz, filters=filters,
                           items=review_items(attempt, quiz.article.slug, reveal=True, list_filters=filters))
