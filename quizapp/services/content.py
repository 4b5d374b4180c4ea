"""Read quiz content: question version snapshots and article passages, each in one query.

Question versions never change once written, so their snapshots are kept per worker
(quizapp.cache.snapshots) and read only when missing; passages change with their article
(whose updated_at then moves) and are read per request.
"""

from ..cache.snapshots import cached_snapshots
from ..extensions import db
from ..models import Article, Passage, QuestionVersion


def snapshots(version_ids: list[int]) -> dict[int, dict]:
    """Return {version id: snapshot} for the given versions: kept ones, the others in one query.

    The snapshots are shared between requests: read them, never change them.
    """
    if not version_ids:
        return {}
    return cached_snapshots(version_ids, _read_snapshots)


def _read_snapshots(version_ids: set[int]) -> dict[int, dict]:
    rows = db.session.execute(
        db.select(QuestionVersion.id, QuestionVersion.snapshot).where(QuestionVersion.id.in_(version_ids))
    )
    return {version_id: snapshot for version_id, snapshot in rows}


def article_passages(article: Article) -> list[dict]:
    """The article's passages in order, as plain dicts (anchor, kind, label, credit, text)."""
    rows = db.session.execute(
        db.select(Passage.anchor, Passage.kind, Passage.label, Passage.credit, Passage.text)
        .where(Passage.article_id == article.id).order_by(Passage.position)
    ).mappings()
    return [dict(row) for row in rows]
