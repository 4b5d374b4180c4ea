"""Length limits of the database columns, checked before writing a file's or form's data.

bank.schema checks what a question file means; a text longer than its column would only fail
when written (on PostgreSQL), so web imports and pasted articles are measured here first.
"""
from flask_babel import gettext as _

from ..bank.errors import BankError
from ..models import Article, Passage, Quiz


def _limit(column) -> int:
    return column.type.length


ARTICLE_FIELDS = {name: _limit(getattr(Article.__table__.c, name))
                  for name in ("title", "outlet", "author", "source_url")}
BLOCK_FIELDS = {name: _limit(getattr(Passage.__table__.c, name)) for name in ("label", "credit")}
QUIZ_TITLE = _limit(Quiz.__table__.c.title)


def _too_long(file: str, field: str, limit: int) -> BankError:
    return BankError(file, None, field, _("At most %(limit)d characters, please.", limit=limit))


def block_errors(blocks: list[dict], file: str, field: str = "article.blocks[{index}].{name}") -> list[BankError]:
    return [_too_long(file, field.format(index=index, name=name), limit)
            for index, block in enumerate(blocks) for name, limit in BLOCK_FIELDS.items()
            if len(block.get(name) or "") > limit]


def document_errors(document: dict, file: str) -> list[BankError]:
    """Every text of a validated question file that would not fit its column."""
    article = document.get("article", {})
    errors = [_too_long(file, f"article.{name}", limit) for name, limit in ARTICLE_FIELDS.items()
              if len(article.get(name) or "") > limit]
    errors += block_errors(article.get("blocks", []), file)
    quiz = document.get("quiz") or {}
    if len(quiz.get("title") or "") > QUIZ_TITLE:
        errors.append(_too_long(file, "quiz.title", QUIZ_TITLE))
    return errors
