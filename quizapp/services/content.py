"""Read quiz content: question version snapshots and article passages, each in one query.

Question versions never change once written; passages change only with their article
(whose updated_at then moves). Nothing here is cached: a page asks once per request.
"""

from ..extensions import db
from ..models import Article, Passage, QuestionVersion


def snapshots(version_ids: list[int]) -> dict[int, dict]:
    """Return {version id: snapshot} for the given versions, in one query."""
    if not version_ids:
        return {}
    rows = db.session.execute(
        db.select(QuestionVersion.id, QuestionVersion.snapshot).where(QuestionVersion.id.in_(set(version_ids)))
    )
    return {version_id: snapshot for version_id, snapshot in rows}


def article_passages(article: Article) -> list[dict]:
    """The article's passages in order, as plain dicts (anchor, kind, label, credit, text)."""
    rows = db.session.execute(
        db.select(Passage.anchor, Passage.kind, Passage.label, Passage.credit, Passage.text)
        .where(Passage.article_id == article.id).order_by(Passage.position)
    ).mappings()
    return [dict(row) for row in rows]
