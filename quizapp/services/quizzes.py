"""Quizzes as teachers manage them: compose, configure, publish, assign, copy and delete.

The one place that writes quizzes, their question lists and their class assignments; every
function that changes something commits once. A teacher composes quizzes from the articles
they may read (their own and the shared seed, owner NULL); using a seed question in a quiz
does not change it, so that is allowed. Who may open which quiz is decided in
quizapp/teacher/access.py.
"""
from dataclasses import dataclass, fields
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from .codes import unused_code
from ..db.commits import commit_or_raise
from ..extensions import db
from ..models import Article, Attempt, Classroom, Question, Quiz, QuizClassroom, QuizQuestion, Teacher

SELECTION_MODES = ("all", "category", "pick")


class QuizError(ValueError):
    """A change that cannot be made; the message says why, for the teacher."""


@dataclass
class QuizSettings:
    title: str
    description: str = ""
    shuffle_questions: bool = False
    shuffle_options: bool = True  # new quizzes shuffle options unless the teacher turns it off
    max_attempts: int | None = None
    reveal: str = "after_submit"
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    public: bool = False

    @classmethod
    def of(cls, quiz: Quiz) -> "QuizSettings":
        return cls(**{f.name: getattr(quiz, f.name) for f in fields(cls)})


@dataclass
class QuizSummary:
    quiz: Quiz
    questions: int
    attempts: int
    classes: int


def _readable_articles(teacher: Teacher):
    return or_(Article.owner_id.is_(None), Article.owner_id == teacher.id)


def visible_articles(teacher: Teacher) -> list[Article]:
    """Articles the teacher may build quizzes from: their own first, then the shared seed."""
    return list(db.session.execute(
        db.select(Article).where(_readable_articles(teacher))
        .order_by(Article.owner_id.is_(None), Article.title)
    ).scalars())


def visible_article(teacher: Teacher, article_id: int | None) -> Article | None:
    article = db.session.get(Article, article_id) if article_id else None
    return article if article is not None and article.owner_id in (None, teacher.id) else None


def article_questions(article: Article) -> list[Question]:
    """The article's questions in their order; a question belongs to whoever owns its article."""
    return list(db.session.execute(
        db.select(Question).where(Question.article_id == article.id).order_by(Question.position, Question.id)
    ).scalars())


def quiz_questions(quiz: Quiz) -> list[Question]:
    """The quiz's questions in quiz order, in one query however many there are."""
    return list(db.session.execute(
        select(Question).join(QuizQuestion, QuizQuestion.question_id == Question.id)
        .where(QuizQuestion.quiz_id == quiz.id).order_by(QuizQuestion.position)
    ).scalars())


def select_questions(questions: list[Question], mode: str, category: str | None = None,
                     picked: list[int] | None = None) -> list[Question]:
    """Choose questions by mode: every published one, the published ones of a category, or by hand.

    Hand-picked drafts may be chosen; students only see them once they are published.
    """
    if mode == "all":
        chosen = [q for q in questions if q.status == "published"]
    elif mode == "category":
        chosen = [q for q in questions if q.status == "published" and q.category == category]
    elif mode == "pick":
        wanted = set(picked or [])
        chosen = [q for q in questions if q.id in wanted]
    else:
        raise QuizError(_("Choose how to select the questions."))
    if not chosen:
        raise QuizError(_("This selection contains no questions. Choose other questions."))
    return chosen


def _apply_settings(quiz: Quiz, settings: QuizSettings) -> None:
    if settings.opens_at and settings.closes_at and settings.closes_at <= settings.opens_at:
        raise QuizError(_("The quiz must close after it opens."))
    for field in fields(QuizSettings):
        setattr(quiz, field.name, getattr(settings, field.name))


def _set_items(quiz: Quiz, questions: list[Question]) -> None:
    current = {item.question_id: item for item in quiz.items}
    quiz.items = [current.get(q.id) or QuizQuestion(question_id=q.id) for q in questions]
    for position, item in enumerate(quiz.items):
        item.position = position


def create_quiz(teacher: Teacher, article: Article, settings: QuizSettings, questions: list[Question]) -> Quiz:
    """A new, unpublished quiz of the teacher with a fresh code."""
    quiz = Quiz(article_id=article.id, owner_id=teacher.id, code=unused_code(Quiz.code), published=False)
    _apply_settings(quiz, settings)
    _set_items(quiz, questions)
    db.session.add(quiz)
    commit_or_raise(QuizError)
    return quiz


def update_settings(quiz: Quiz, settings: QuizSettings) -> None:
    _apply_settings(quiz, settings)
    commit_or_raise(QuizError)


def set_questions(quiz: Quiz, questions: list[Question]) -> None:
    """Replace the quiz's questions, keeping the order of those that stay and appending new ones."""
    if quiz.published and not any(q.status == "published" for q in questions):
        raise QuizError(_("A published quiz needs at least one published question."))
    order = {item.question_id: item.position for item in quiz.items}
    ordered = sorted(questions, key=lambda q: (q.id not in order, order.get(q.id, 0)))
    _set_items(quiz, ordered)
    commit_or_raise(QuizError)


def move_question(quiz: Quiz, question_id: int, step: int) -> None:
    """Move a question one place up (step -1) or down (+1); moving past either end does nothing."""
    items = list(quiz.items)
    index = next((i for i, item in enumerate(items) if item.question_id == question_id), None)
    if index is None:
        raise QuizError(_("This question is not in the quiz."))
    target = index + step
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for position, item in enumerate(items):
            item.position = position
        db.session.commit()


def set_published(quiz: Quiz, published: bool) -> None:
    if published:
        ready = db.session.scalar(
            db.select(func.count()).select_from(QuizQuestion).join(Question, Question.id == QuizQuestion.question_id)
            .where(QuizQuestion.quiz_id == quiz.id, Question.status == "published"))
        if not ready:
            raise QuizError(_("Add at least one published question before publishing the quiz."))
    quiz.published = published
    db.session.commit()


def assigned_classroom_ids(quiz: Quiz, teacher: Teacher) -> set[int]:
    return set(db.session.execute(
        db.select(QuizClassroom.classroom_id).join(Classroom, Classroom.id == QuizClassroom.classroom_id)
        .where(QuizClassroom.quiz_id == quiz.id, Classroom.teacher_id == teacher.id)
    ).scalars())


def set_assignments(quiz: Quiz, teacher: Teacher, classroom_ids: list[int]) -> None:
    """Assign the quiz to exactly these of the teacher's classes; other teachers' assignments stay."""
    own = set(db.session.execute(db.select(Classroom.id).where(Classroom.teacher_id == teacher.id)).scalars())
    wanted = set(classroom_ids) & own
    current = assigned_classroom_ids(quiz, teacher)
    if current - wanted:
        db.session.execute(db.delete(QuizClassroom).where(
            QuizClassroom.quiz_id == quiz.id, QuizClassroom.classroom_id.in_(current - wanted)))
    for classroom_id in sorted(wanted - current):
        db.session.add(QuizClassroom(quiz_id=quiz.id, classroom_id=classroom_id))
    commit_or_raise(QuizError)


def copy_quiz(quiz: Quiz, teacher: Teacher) -> Quiz:
    """The teacher's own unpublished copy of a quiz (the seed's or their own), with a new code."""
    settings = QuizSettings.of(quiz)
    settings.title = _("Copy of %(title)s", title=quiz.title)[:200]
    settings.public = False
    copy = Quiz(article_id=quiz.article_id, owner_id=teacher.id, code=unused_code(Quiz.code), published=False)
    _apply_settings(copy, settings)
    copy.items = [QuizQuestion(question_id=item.question_id, position=item.position) for item in quiz.items]
    db.session.add(copy)
    commit_or_raise(QuizError)
    return copy


def delete_quiz(quiz: Quiz) -> None:
    """Delete the quiz with its attempts (the confirmation page says how many)."""
    db.session.delete(quiz)
    db.session.commit()


def _summaries(where, teacher: Teacher, only_own_classes: bool) -> list[QuizSummary]:
    """Quizzes with their question, attempt and class counts: one query of scalar subqueries.

    Class counts are always the teacher's own classes; attempt counts too for shared quizzes,
    whose other takers are none of this teacher's business.
    """
    own_classes = select(Classroom.id).where(Classroom.teacher_id == teacher.id)
    questions = select(func.count()).where(QuizQuestion.quiz_id == Quiz.id).scalar_subquery()
    attempts = select(func.count()).where(Attempt.quiz_id == Quiz.id, Attempt.submitted_at.is_not(None))
    if only_own_classes:
        attempts = attempts.where(Attempt.classroom_id.in_(own_classes))
    classes = select(func.count()).where(QuizClassroom.quiz_id == Quiz.id,
                                         QuizClassroom.classroom_id.in_(own_classes)).scalar_subquery()
    rows = db.session.execute(
        db.select(Quiz, questions, attempts.scalar_subquery(), classes).where(where)
        .order_by(Quiz.created_at.desc(), Quiz.id.desc())
    ).all()
    return [QuizSummary(*row) for row in rows]


def teacher_quizzes(teacher: Teacher) -> list[QuizSummary]:
    return _summaries(Quiz.owner_id == teacher.id, teacher, only_own_classes=False)


def shared_quizzes(teacher: Teacher) -> list[QuizSummary]:
    """The seed's quizzes, which every teacher may open, assign and copy."""
    return _summaries(Quiz.owner_id.is_(None), teacher, only_own_classes=True)


def attempt_count(quiz: Quiz) -> int:
    return db.session.scalar(db.select(func.count()).select_from(Attempt).where(Attempt.quiz_id == quiz.id))
