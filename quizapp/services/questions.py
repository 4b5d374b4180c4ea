"""Check, save, copy, delete, reorder and publish questions; the one place that commits them.

Saving goes through bank.schema.validate_question and bank.versions.apply_question, exactly
like a question file, so a new QuestionVersion is frozen whenever the content changes and
past attempts keep the version they answered.
"""
from flask_babel import gettext as _
from sqlalchemy import func

from ..bank.errors import BankError
from ..bank.schema import Report, validate_question
from ..bank.versions import apply_question, record_version
from ..extensions import db
from ..models import Article, Attempt, Question, Quiz, Response
from .slugs import slugify, unique


def passage_pairs(article: Article) -> list[tuple[str, str]]:
    return [(p.anchor, p.text) for p in article.passages]


def article_questions(article: Article) -> list[Question]:
    return db.session.execute(db.select(Question).filter_by(article_id=article.id)
                              .order_by(Question.position, Question.id)).scalars().all()


def _key_taken(article: Article, exclude_id: int | None):
    def taken(key: str) -> bool:
        query = db.select(Question.id).filter_by(article_id=article.id, key=key)
        if exclude_id is not None:
            query = query.where(Question.id != exclude_id)
        return db.session.scalar(query) is not None
    return taken


def new_key(article: Article, prompt: str, kind: str) -> str:
    """A readable, unused question id from the prompt's first words."""
    return unique(slugify(prompt, 48, kind.replace("_", "-")), _key_taken(article, None))


def check_question(entry: dict, article: Article) -> tuple[dict | None, list[BankError]]:
    """Validate a question-file entry against the article's passages, as the loader does."""
    report = Report(article.slug)
    clean = validate_question(entry, passage_pairs(article), report)
    return (clean if not report.errors else None), report.errors


def save_question(article: Article, question: Question | None, clean: dict, teacher_id: int) -> Question:
    """Store validated data; a new question goes to the end of the article's list."""
    if question is None:
        position = db.session.scalar(db.select(func.max(Question.position)).filter_by(article_id=article.id))
        question = Question(article=article, owner_id=teacher_id, position=(position or 0) + 1)
        db.session.add(question)
    apply_question(question, clean, {p.anchor: p for p in article.passages})
    db.session.commit()
    return question


def duplicate_question(question: Question) -> Question:
    """A draft copy right after the original, with its own id and a fresh history."""
    article = question.article
    siblings = article_questions(article)
    copy = Question(article=article, owner_id=article.owner_id, kind=question.kind, category=question.category,
                    key=unique(f"{question.key[:70]}-kopie", _key_taken(article, None)),
                    tags=list(question.tags or []), difficulty=question.difficulty, points=question.points,
                    prompt=question.prompt, explanation=question.explanation, spec=question.spec,
                    quote_exact=question.quote_exact, quote_prefix=question.quote_prefix,
                    quote_suffix=question.quote_suffix, passage=question.passage, status="draft")
    db.session.add(copy)
    index = siblings.index(question) + 1
    for position, item in enumerate(siblings[:index] + [copy] + siblings[index:]):
        item.position = position
    record_version(copy, question.passage.anchor if question.passage else None)
    db.session.commit()
    return copy


def answer_count(question: Question) -> int:
    return db.session.scalar(db.select(func.count()).select_from(Response).filter_by(question_id=question.id)) or 0


def in_open_attempt(question: Question) -> bool:
    """Whether a started, unsubmitted attempt will still show this question."""
    layouts = db.session.execute(
        db.select(Attempt.layout).join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(Quiz.article_id == question.article_id, Attempt.submitted_at.is_(None))
    ).scalars()
    return any(item.get("question_id") == question.id for layout in layouts for item in layout or [])


def deletion_refused(question: Question) -> str | None:
    """Why the question must be kept (students answered it), or None if it may go."""
    if answer_count(question):
        return _("Students have answered this question; deleting it would erase their answers. "
                 "Unpublish it instead: it stays in their results but is no longer asked.")
    if in_open_attempt(question):
        return _("A student is taking a quiz with this question right now. Unpublish it instead.")
    return None


def delete_question(question: Question) -> str | None:
    """Delete the question unless it holds student data; return the reason when refused."""
    reason = deletion_refused(question)
    if reason:
        return reason
    article = question.article
    db.session.delete(question)
    db.session.flush()
    for position, item in enumerate(article_questions(article)):
        item.position = position
    db.session.commit()
    return None


def move_question(question: Question, direction: str) -> bool:
    """Swap the question with its neighbour above or below; False at either end."""
    siblings = article_questions(question.article)
    index = siblings.index(question)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings):
        item.position = position
    db.session.commit()
    return True


def set_status(question: Question, status: str) -> None:
    """Publish or unpublish; status is not part of a version, students' past answers stay."""
    question.status = status
    db.session.commit()


def version_answer_counts(question: Question) -> dict[int, int]:
    """{version id: number of responses} for the question's history page."""
    return dict(db.session.execute(
        db.select(Response.question_version_id, func.count()).filter_by(question_id=question.id)
        .group_by(Response.question_version_id)).all())
