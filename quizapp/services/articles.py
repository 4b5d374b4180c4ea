"""Create, edit and copy articles; the one place that commits article changes.

Article data is checked by bank.schema.validate_article, the same rules a question file
meets. Editing the text keeps passage anchors (bank.splitting.match_anchors) and finds every
question's quote again; what no longer matches is reported, never silently dropped.
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import case, func
from sqlalchemy.exc import IntegrityError

from ..bank.anchors import context_of, find_quote
from ..bank.errors import BankError
from ..bank.loader import sync_passages
from ..bank.schema import Report, validate_article
from ..bank.splitting import match_anchors, new_anchors, split_text
from ..bank.versions import record_version
from ..extensions import db
from ..kinds import get_kind
from ..models import Article, Attempt, Passage, Question, Quiz, utcnow
from .column_limits import block_errors
from .slugs import slugify, unique

META_FIELDS = ("title", "outlet", "author", "published", "language", "source_url", "attribution")


@dataclass
class TextUpdate:
    """What an edit of the text did to the article's questions."""

    broken: list[Question] = field(default_factory=list)  # quote no longer found
    moved: list[Question] = field(default_factory=list)  # found in another passage: new version


def list_articles(teacher_id: int) -> list[tuple[Article, int, int]]:
    """The teacher's articles, then the shared seed, with question and unresolved-quote counts."""
    counts = (db.select(Question.article_id, func.count(Question.id).label("questions"),
                        func.sum(case((Question.passage_id.is_(None), 1), else_=0)).label("broken"))
              .group_by(Question.article_id).subquery())
    rows = db.session.execute(
        db.select(Article, func.coalesce(counts.c.questions, 0), func.coalesce(counts.c.broken, 0))
        .outerjoin(counts, counts.c.article_id == Article.id)
        .where((Article.owner_id == teacher_id) | Article.owner_id.is_(None))
        .order_by(Article.owner_id.is_(None), Article.updated_at.desc(), Article.id)
    ).all()
    return [(article, int(questions), int(broken)) for article, questions, broken in rows]


def _slug_taken(slug: str) -> bool:
    return db.session.scalar(db.select(Article.id).filter_by(slug=slug)) is not None


def _check(meta: dict, slug: str, blocks: list[dict]) -> tuple[dict, list[BankError]]:
    report = Report(slug)
    clean = validate_article({**meta, "slug": slug, "blocks": blocks}, report)
    report.errors += block_errors(blocks, slug, "article.blocks")
    if len(blocks) < 2:
        report.error("article.blocks", _("The text has no passages besides the headline. Paste the article's text."))
    return clean, report.errors


def _with_anchors(blocks: list[dict], anchors: list[str]) -> list[dict]:
    return [{**block, "anchor": anchor} for block, anchor in zip(blocks, anchors)]


def create_article(teacher_id: int, meta: dict, text: str, slug: str | None = None) -> tuple[Article | None, list[BankError]]:
    """Split the pasted text into passages and store the new article, or return every error."""
    blocks = split_text(text, meta["title"])
    if slug:
        if _slug_taken(slug):
            return None, [BankError(slug, None, "article.slug", _("This short name is taken; choose another."))]
    else:
        slug = unique(slugify(meta["title"], 70, "artikel"), _slug_taken)
    clean, errors = _check(meta, slug, _with_anchors(blocks, new_anchors(blocks)))
    if errors:
        return None, errors
    article = Article(slug=slug, owner_id=teacher_id)
    _apply_meta(article, clean)
    db.session.add(article)
    sync_passages(article, clean["blocks"])
    try:
        db.session.commit()
    except IntegrityError:  # the same slug was taken a moment ago
        db.session.rollback()
        return None, [BankError(slug, None, "article.slug", _("This short name is taken; choose another."))]
    return article, []


def _apply_meta(article: Article, clean: dict) -> None:
    article.title, article.outlet, article.language = clean["title"], clean["outlet"], clean["language"]
    for name in ("author", "published", "source_url", "attribution"):
        setattr(article, name, clean[name] or None)


def _blocks_of(article: Article) -> list[dict]:
    return [{"anchor": p.anchor, "kind": p.kind, "text": p.text, "label": p.label or "", "credit": p.credit or ""}
            for p in article.passages]


def update_metadata(article: Article, meta: dict) -> list[BankError]:
    clean, errors = _check(meta, article.slug, _blocks_of(article))
    if errors:
        return errors
    _apply_meta(article, clean)
    db.session.commit()
    return []


def _relocate(pairs, exact: str, anchor: str | None, prefix: str = "", suffix: str = ""):
    """Find a stored quote in the new text: one best match, or None."""
    matches = find_quote(pairs, exact, anchor, prefix, suffix)
    return matches[0] if len(matches) == 1 else None


def _relink(question: Question, pairs, passages: dict[str, Passage], old_anchor: str | None, result: TextUpdate):
    texts = dict(pairs)
    match = _relocate(pairs, question.quote_exact, old_anchor, question.quote_prefix, question.quote_suffix)

    def find(exact: str, anchor: str | None) -> str | None:
        found = _relocate(pairs, exact, anchor)
        return found.anchor if found else None

    spec, options_ok = get_kind(question.kind).relink_spec(question.spec, find)  # evidence: its option quotes
    if match is None or not options_ok:
        question.passage = None  # flagged in the question list until the teacher fixes it
        result.broken.append(question)
        return
    question.passage = passages[match.anchor]
    question.quote_prefix, question.quote_suffix = context_of(texts[match.anchor], match.start, match.end)
    seen_anchor = question.current_version.snapshot["quote"]["anchor"] if question.current_version else None
    if match.anchor != seen_anchor or spec != question.spec:
        # Students would be sent to another passage: that is a change they see, so a version.
        question.spec = spec
        record_version(question, match.anchor)
        result.moved.append(question)


def update_text(article: Article, text: str) -> tuple[TextUpdate | None, list[BankError]]:
    """Re-split the text keeping anchors, then find every question's quote again."""
    old = [(p.anchor, p.text) for p in article.passages]
    blocks = split_text(text, article.title)
    clean, errors = _check({name: getattr(article, name) for name in META_FIELDS}, article.slug,
                           _with_anchors(blocks, match_anchors(old, blocks)))
    if errors:
        return None, errors
    questions = db.session.execute(db.select(Question).filter_by(article_id=article.id)
                                   .order_by(Question.position, Question.id)).scalars().all()
    old_anchors = {q.id: q.passage.anchor if q.passage is not None else None for q in questions}
    passages = sync_passages(article, clean["blocks"])
    article.updated_at = utcnow()  # passages changed: content.article_passages must not serve the old text
    pairs = [(p.anchor, p.text) for p in article.passages]
    result = TextUpdate()
    for question in questions:
        _relink(question, pairs, passages, old_anchors[question.id], result)
    db.session.commit()
    return result, []


def deletion_refused(article: Article) -> str | None:
    """Why the article must be kept (students took one of its quizzes), or None if it may go."""
    attempts = db.session.scalar(db.select(func.count()).select_from(Attempt).join(Quiz, Quiz.id == Attempt.quiz_id)
                                 .where(Quiz.article_id == article.id))
    if attempts:
        return _("Students have taken quizzes on this article; deleting it would erase their results. "
                 "Unpublish its quizzes instead.")
    return None


def quiz_count(article: Article) -> int:
    return db.session.scalar(db.select(func.count()).select_from(Quiz).filter_by(article_id=article.id)) or 0


def delete_article(article: Article) -> str | None:
    """Delete the article with its passages, questions and unused quizzes, unless students used it."""
    reason = deletion_refused(article)
    if reason:
        return reason
    db.session.delete(article)  # the database cascades to questions, versions and quizzes
    db.session.commit()
    return None


def copy_article(article: Article, teacher_id: int) -> Article:
    """Copy an article with its passages and questions into the teacher's own articles."""
    copy = Article(slug=unique(f"{article.slug[:70]}-kopie", _slug_taken), owner_id=teacher_id,
                   title=article.title, outlet=article.outlet, author=article.author, published=article.published,
                   language=article.language, source_url=article.source_url, attribution=article.attribution)
    db.session.add(copy)
    passages = sync_passages(copy, _blocks_of(article))
    questions = db.session.execute(db.select(Question).filter_by(article_id=article.id)
                                   .order_by(Question.position, Question.id)).scalars().all()
    for position, source in enumerate(questions):
        question = Question(article=copy, owner_id=teacher_id, key=source.key, kind=source.kind,
                            category=source.category, tags=list(source.tags or []), difficulty=source.difficulty,
                            points=source.points, prompt=source.prompt, explanation=source.explanation,
                            spec=source.spec, quote_exact=source.quote_exact, quote_prefix=source.quote_prefix,
                            quote_suffix=source.quote_suffix, status=source.status, position=position,
                            passage=passages.get(source.passage.anchor) if source.passage else None)
        db.session.add(question)
        record_version(question, question.passage.anchor if question.passage else None)
    db.session.commit()
    return copy
