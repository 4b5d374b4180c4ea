"""Who may see and change which article or question.

A teacher reads their own articles and the shared seed (owner NULL) and changes only their
own. Anything else is reported as missing (404), so ids of other teachers' work leak nothing;
changing the seed is refused (403), since the teacher can see it.
"""
from flask import abort
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Article, Question
from ..security import current_teacher


def _readable(owner_id: int | None) -> bool:
    teacher = current_teacher()
    return teacher is not None and owner_id in (None, teacher.id)


def readable_article(article_id: int) -> Article:
    article = db.session.get(Article, article_id, options=[selectinload(Article.passages)])
    if article is None or not _readable(article.owner_id):
        abort(404)
    return article


def editable_article(article_id: int) -> Article:
    article = readable_article(article_id)
    if article.owner_id is None:
        abort(403)
    return article


def readable_question(question_id: int) -> Question:
    """A question is governed by its article's owner, whatever the question row says."""
    question = db.session.get(Question, question_id)
    if question is None or not _readable(question.article.owner_id):
        abort(404)
    return question


def editable_question(question_id: int) -> Question:
    question = readable_question(question_id)
    if question.article.owner_id is None:
        abort(403)
    return question


def is_editable(article: Article) -> bool:
    teacher = current_teacher()
    return teacher is not None and article.owner_id == teacher.id
