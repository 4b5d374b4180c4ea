"""Which article or question the signed-in teacher may see and change (rule in quizapp/services/access.py)."""
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Article, Question
from ..services.access import refuse_shared, require_readable
from ..web.identity import current_teacher


def readable_article(article_id: int) -> Article:
    article = db.session.get(Article, article_id, options=[selectinload(Article.passages)])
    return require_readable(article, article.owner_id if article else None, current_teacher())


def editable_article(article_id: int) -> Article:
    article = readable_article(article_id)
    refuse_shared(article.owner_id)
    return article


def readable_question(question_id: int) -> Question:
    """A question is governed by its article's owner, whatever the question row says."""
    question = db.session.get(Question, question_id)
    return require_readable(question, question.article.owner_id if question else None, current_teacher())


def editable_question(question_id: int) -> Question:
    question = readable_question(question_id)
    refuse_shared(question.article.owner_id)
    return question


def is_editable(article: Article) -> bool:
    teacher = current_teacher()
    return teacher is not None and article.owner_id == teacher.id
