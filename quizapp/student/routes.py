"""Student routes: thin views over attempts.py, content.py and review.py."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import bindparam, or_
from sqlalchemy.orm import selectinload

from ..services.attempts import AttemptRefused, start_attempt, submit_attempt
from ..bank.anchors import split_for_highlight
from ..cache import rendered
from ..services.drafts import save_draft
from ..services.review import review_quoting
from ..services.codes import code_guesses_exhausted, count_code_miss
from ..services.content import article_passages
from ..services.worksheets import worksheet_questions
from ..db.disconnects import retried_once_if_disconnected
from ..db.reads import read_without_transaction
from ..extensions import db
from ..web.forms import EmptyForm
from ..models import Article, Attempt, Quiz, QuizClassroom, Student, utcnow
from ..services.access import readable_by
from ..results.forms import list_filters
from .. import stats
from ..stats import attempt_seen_by
from ..web.identity import SignedOut, current_student, current_teacher
from ..web.input_guard import database_id
from ..web.negotiation import wants_json
from . import bp
from .forms import NameForm


def _quiz_by_code(code: str) -> Quiz:
    address = request.remote_addr or "-"
    if code_guesses_exhausted(address):
        abort(429)
    quiz = db.session.execute(db.select(Quiz).filter_by(code=code.upper())).scalar_one_or_none()
    teacher = current_teacher()
    if quiz is None or not (quiz.published or (teacher and quiz.owner_id in (None, teacher.id))):
        abort(404 if count_code_miss(address) else 429)
    return quiz


@bp.get("/")
def home():
    student = current_student()
    visible = Quiz.public.is_(True)
    if student is not None and student.classroom_id is not None:
        assigned = db.select(QuizClassroom.quiz_id).where(QuizClassroom.classroom_id == student.classroom_id)
        visible = or_(visible, Quiz.id.in_(assigned))
    quizzes = db.session.execute(
        db.select(Quiz).where(Quiz.published.is_(True), visible).order_by(Quiz.created_at.desc())
    ).scalars().all()
    return render_template("student/home.html", quizzes=quizzes, now=utcnow())


@bp.get("/quiz/<code>")
def quiz(code: str):
    quiz = _quiz_by_code(code)
    student = current_student()
    attempts = []
    if student is not None:
        attempts = db.session.execute(
            db.select(Attempt).filter_by(quiz_id=quiz.id, student_id=student.id).order_by(Attempt.number)
        ).scalars().all()
    # Attempts made where no teacher sees them (e.g. before joining a class), marked as such.
    unseen = {attempt.id for attempt in attempts if attempt_seen_by(quiz.owner_id, attempt.classroom_id) is None}
    return render_template("student/quiz.html", quiz=quiz, student=student, attempts=attempts, unseen=unseen,
                           seen_by=attempt_seen_by(quiz.owner_id, student.classroom_id if student else None),
                           name_form=NameForm(), start_form=EmptyForm(), now=utcnow(),
                           question_count=len(quiz.items))


@bp.get("/quiz/<code>/print")
def worksheet(code: str):
    """The quiz on paper: the article, then its questions to tick and fill in, no answers."""
    quiz = _quiz_by_code(code)
    article = quiz.article
    return render_template("student/worksheet.html", quiz=quiz, article=article,
                           passages=article_passages(article), questions=worksheet_questions(quiz))


@bp.post("/quiz/<code>/start")
def start(code: str):
    quiz = _quiz_by_code(code)
    student = current_student()
    if student is None:
        if current_teacher() is not None:
            flash(_("You are signed in as a teacher. Use the preview, or sign out to take the quiz."), "warning")
            return redirect(url_for("student.quiz", code=quiz.code))
        form = NameForm()
        if not form.validate_on_submit():
            return render_template("student/quiz.html", quiz=quiz, student=None, attempts=[], name_form=form,
                                   seen_by=attempt_seen_by(quiz.owner_id, None),
                                   start_form=EmptyForm(), now=utcnow(), question_count=len(quiz.items)), 400
        student = Student(display_name=form.display_name.data)
        db.session.add(student)
        db.session.commit()
        login_user(student, remember=True)
    elif not EmptyForm().validate_on_submit():
        abort(400)
    try:
        attempt = start_attempt(student, quiz)
    except AttemptRefused as refusal:
        flash(str(refusal), "error")
        return redirect(url_for("student.quiz", code=quiz.code))
    return redirect(url_for("student.attempt", attempt_id=attempt.id))


# The attempt pages' one read, built once (a statement's construction costs more Python than
# its parameter): the attempt with its student and quiz, and for the pages the article.
_ATTEMPT = (db.select(Attempt, Student, Quiz).join(Attempt.student).join(Attempt.quiz)
            .where(Attempt.id == bindparam("attempt_id")))
_ATTEMPT_WITH_ARTICLE = _ATTEMPT.add_columns(Article).join(Quiz.article)


def _own_attempt(attempt_id: int, with_article: bool = True):
    """The signed-in student's attempt as a row (Attempt, Student, Quiz[, Article]); anyone
    else's is missing (404).

    One statement, before anything asks who is signed in: the attempt comes with its
    student, quiz and article, joined (a row of entities costs less than joinedload's eager
    loading). So Flask-Login's user loader finds the student in the session's identity map
    (``session.get``), and ``attempt.quiz`` and ``quiz.article``, many-to-one, come from it
    too, without more queries, while the caller holds the row (the identity map is weak).
    """
    row = db.session.execute(_ATTEMPT_WITH_ARTICLE if with_article else _ATTEMPT,
                             {"attempt_id": attempt_id}).one_or_none()
    student = current_student()
    if student is None and current_teacher() is None:
        raise SignedOut(_signed_out_message(), url_for("student.attempt", attempt_id=attempt_id))
    if row is None or student is None or row.Attempt.student_id != student.id:
        abort(404)
    return row


def _signed_out_message() -> str:
    """Why an attempt page cannot be shown to a browser where no student is signed in (the
    student may have signed out on another device), and what was not saved."""
    if request.endpoint == "student.draft" and wants_json():  # the quiz page stays open
        return _("Not saved: you are no longer signed in on this device. Keep this page open, join your class "
                 "again in a new tab with its code, your name and your PIN, then come back here.")
    if request.method == "POST":
        return _("You are not signed in on this device any more, so these answers were not saved. Join your class "
                 "again with its code, your name and your PIN: the answers saved before are kept, and you can "
                 "enter the others again.")
    return _("You are not signed in on this device. If this attempt is yours, join your class again with its "
             "code, your name and your PIN: your results and saved answers are there again.")


@bp.get("/attempts/<int:attempt_id>")
def attempt(attempt_id: int):
    read_without_transaction()
    attempt, student, quiz, article = _own_attempt(attempt_id)
    if attempt.submitted_at is not None:
        return redirect(url_for("student.result", attempt_id=attempt.id))
    # A frame per quiz shared by its students, their own parts filled in (quizapp.cache.rendered);
    # the questions the draft answers are rendered with those answers.
    holes = {"visitor_name": student.display_name, "csrf_token": generate_csrf(),
             "submit_url": url_for("student.submit", attempt_id=attempt.id),
             "draft_url": url_for("student.draft", attempt_id=attempt.id),
             "progress_html": rendered.progress(attempt.layout, attempt.draft),
             "questions_html": rendered.question_fieldsets(attempt.layout, attempt.draft)}
    return rendered.page("student/attempt.html", (quiz.id, quiz.title, article.id, article.updated_at), holes,
                         lambda: {"quiz": quiz, "article": article,
                                  "article_html": rendered.article_text(article, level=2)})


@bp.post("/attempts/<int:attempt_id>/draft")
@retried_once_if_disconnected
def draft(attempt_id: int):
    """Keep the answers typed so far (the quiz form's fields); never graded."""
    attempt, student, _quiz = _own_attempt(attempt_id, with_article=False)
    saved = attempt.submitted_at is None and save_draft(attempt, student.id, request.form.to_dict(flat=False))
    if not saved:
        message = _("This attempt is already submitted: its answers can no longer be changed.")
        if wants_json():
            return {"saved": False, "message": message}, 409
        return render_template("errors/error.html", code=409, message=message), 409
    if wants_json():
        return {"saved": True}
    flash(_("Your answers are saved. You can go on later, on this or another device."), "success")
    return redirect(url_for("student.attempt", attempt_id=attempt_id))


@bp.post("/attempts/<int:attempt_id>")
@retried_once_if_disconnected
def submit(attempt_id: int):
    attempt, _student, quiz = _own_attempt(attempt_id, with_article=False)
    try:
        stored = submit_attempt(attempt, request.form.to_dict(flat=False))
    except AttemptRefused as refusal:
        flash(str(refusal), "error")
        return redirect(url_for("student.quiz", code=quiz.code))
    if not stored:
        flash(_("This attempt was already submitted; here is its result."), "info")
    return redirect(url_for("student.result", attempt_id=attempt_id))


@bp.get("/attempts/<int:attempt_id>/result")
def result(attempt_id: int):
    read_without_transaction()
    attempt, student, quiz, article = _own_attempt(attempt_id)
    if attempt.submitted_at is None:
        return redirect(url_for("student.attempt", attempt_id=attempt.id))
    reveal, can_retry, has_questions = quiz.answers_visible(utcnow()), _can_retry(attempt, quiz), bool(attempt.layout)
    holes = {"visitor_name": student.display_name, "csrf_token": generate_csrf(),
             "summary_html": rendered.result_summary(attempt, quiz),
             "reviews_html": rendered.reviews(attempt, article.slug, reveal)}
    return rendered.page("student/result.html", (quiz.id, quiz.title, quiz.code, reveal, can_retry, has_questions),
                         holes, lambda: {"quiz": quiz, "reveal": reveal, "can_retry": can_retry,
                                         "has_questions": has_questions})


def _can_retry(attempt: Attempt, quiz: Quiz) -> bool:
    return quiz.published and quiz.is_open(utcnow()) and (quiz.max_attempts is None or attempt.number < quiz.max_attempts)


@bp.get("/me/attempts")
def history():
    student = current_student()
    if student is None:
        flash(_("Nobody is signed in on this device. Start a quiz, or join your class again with its code, your "
                "name and your PIN to see your results."), "info")
        return redirect(url_for("student.home"))
    attempts = db.session.execute(
        db.select(Attempt).filter_by(student_id=student.id).order_by(Attempt.started_at.desc())
        .options(selectinload(Attempt.quiz))  # one query for all their quizzes, not one per row
    ).scalars().all()
    return render_template("student/history.html", groups=_by_quiz(attempts), student=student)


def _by_quiz(attempts: list[Attempt]) -> list[dict]:
    """Group attempts (newest first) per quiz, the most recently used quiz first, with the best percent."""
    groups: dict[int, dict] = {}
    for attempt in attempts:
        group = groups.setdefault(attempt.quiz_id, {"quiz": attempt.quiz, "attempts": [], "best": None})
        group["attempts"].append(attempt)
        if attempt.submitted_at is not None and attempt.max_score:
            percent = 100 * attempt.score / attempt.max_score
            group["best"] = percent if group["best"] is None else max(group["best"], percent)
    return list(groups.values())


@bp.get("/articles/<slug>")
def article(slug: str):
    article = db.session.execute(db.select(Article).filter_by(slug=slug)).scalar_one_or_none()
    if article is None:
        abort(404)
    # Students and other teachers see an article once a quiz on it is published; a teacher sees
    # their own (and the shared seed, as in authoring) before that: quizapp.ownership's rule.
    if not readable_by(article.owner_id, current_teacher()):
        has_quiz = db.session.scalar(db.select(Quiz.id).filter_by(article_id=article.id, published=True).limit(1))
        if has_quiz is None:
            abort(404)
    anchor, quote = request.args.get("passage", ""), request.args.get("quote", "")[:2000]
    passages, missing = [], False
    for passage in article_passages(article):
        parts = split_for_highlight(passage["text"], quote) if quote and passage["anchor"] == anchor else None
        if quote and passage["anchor"] == anchor and parts is None:
            missing = True
        passages.append({**passage, "parts": parts})
    if quote and not any(p["anchor"] == anchor for p in passages):
        missing = True
    teacher = current_teacher()
    if teacher is not None:
        back_to, back_label = _review_linking_here(teacher.id, article, anchor, quote), _("Back to the answers")
    else:
        back_to, back_label = _result_linking_here(article, anchor, quote), _("Back to the result")
    return render_template("student/article.html", article=article, passages=passages, missing_quote=missing,
                           back_to=back_to, back_label=back_label)


def _review_linking_here(teacher_id: int, article: Article, anchor: str, quote: str) -> str | None:
    """The teacher's drill-down the article page links back to: the attempt its passage link
    named (``?attempt=``), if the teacher may review it and it is about this article."""
    attempt_id = request.args.get("attempt", type=database_id)
    attempt = stats.reviewable_attempt(teacher_id, attempt_id) if attempt_id else None
    if attempt is None or attempt.quiz.article_id != article.id:
        return None
    number = review_quoting(attempt.layout, anchor, quote) if anchor else None
    return url_for("results.attempt", attempt_id=attempt.id, **list_filters(request.args),
                   _anchor=f"review-{number}" if number else None)


def _result_linking_here(article: Article, anchor: str, quote: str) -> str | None:
    """The result page the article page links back to: the signed-in student's latest submitted
    attempt on a quiz of this article (passage links come from result pages, whose review
    fragments are shared between students and so cannot name the attempt), at the review whose
    passage link opened the article, if there is one."""
    student = current_student()
    if student is None:
        return None
    latest = db.session.execute(
        db.select(Attempt.id, Attempt.layout).join(Attempt.quiz)
        .where(Attempt.student_id == student.id, Attempt.submitted_at.is_not(None), Quiz.article_id == article.id)
        .order_by(Attempt.submitted_at.desc(), Attempt.id.desc()).limit(1)).one_or_none()
    if latest is None:
        return None
    number = review_quoting(latest.layout, anchor, quote) if anchor else None
    return url_for("student.result", attempt_id=latest.id, _anchor=f"review-{number}" if number else None)

