"""Read-mostly quiz content: question versions and article passages, loaded lean and cached.

A QuestionVersion never changes once written, so its snapshot can be cached in each worker's
memory without any invalidation; that keeps the quiz and result pages to a couple of queries.
Articles can be edited, so their passages are cached by (id, updated_at) and a stale entry is
simply never asked for again.
"""

from .extensions import db
from .lru import app_cache
from .models import Article, Passage, QuestionVersion

_CACHE_SIZE = 5000


def snapshots(version_ids: list[int]) -> dict[int, dict]:
    """Return {version id: snapshot}, querying only for versions not yet cached."""
    _versions = app_cache("versions", _CACHE_SIZE)
    found = {vid: snap for vid in version_ids if (snap := _versions.get(vid)) is not None}
    missing = [vid for vid in version_ids if vid not in found]
    if missing:
        rows = db.session.execute(
            db.select(QuestionVersion.id, QuestionVersion.snapshot).where(QuestionVersion.id.in_(missing))
        )
        for vid, snapshot in rows:
            _versions.put(vid, snapshot)
            found[vid] = snapshot
    return found


def article_passages(article: Article) -> list[dict]:
    """The article's passages as plain dicts, cached until the article is edited."""
    _passages = app_cache("passages", 200)
    key = (article.id, article.updated_at)
    cached = _passages.get(key)
    if cached is None:
        rows = db.session.execute(
            db.select(Passage.anchor, Passage.kind, Passage.label, Passage.credit, Passage.text)
            .where(Passage.article_id == article.id).order_by(Passage.position)
        )
        cached = [dict(row._mapping) for row in rows]
        _passages.put(key, cached)
    return cached
