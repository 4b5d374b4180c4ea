"""Write validated question files into the database, idempotently and all-or-nothing."""
from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import gettext as _

from ..extensions import db
from ..models import Article, Passage, Question, Quiz, QuizQuestion
from .checker import ItemWarning, check_items
from .errors import BankError, BankValidationError
from .files import parse_yaml, question_files
from .schema import validate_document
from .versions import apply_question


@dataclass
class LoadSummary:
    articles: int = 0
    questions: int = 0
    new_versions: int = 0
    quizzes: int = 0
    files: list[str] = field(default_factory=list)
    warnings: list[ItemWarning] = field(default_factory=list)  # the item checker's, loaded anyway


def read_documents(path: Path) -> tuple[list[tuple[str, dict]], list[BankError]]:
    """Parse and validate every file at ``path``; return clean documents and all errors."""
    documents, errors = [], []
    if not path.exists():
        return [], [BankError(str(path), None, None, _("No such file or folder."))]
    files = question_files(path)
    if not files:
        errors.append(BankError(str(path), None, None, _("No .yaml question files here.")))
    for file in files:
        data, parse_errors = parse_yaml(file.read_bytes(), str(file))
        if parse_errors:
            errors.extend(parse_errors)
            continue
        clean, problems = validate_document(data, str(file))
        errors.extend(problems)
        documents.append((str(file), clean))
    slugs = [doc.get("article", {}).get("slug") for _, doc in documents]
    for name, doc in documents:
        slug = doc.get("article", {}).get("slug")
        if slug and slugs.count(slug) > 1:
            errors.append(BankError(name, None, "article.slug", _("Another file uses the same article slug.")))
    return documents, errors


def load_path(path: Path) -> LoadSummary:
    """Validate all files first, then load them in one transaction, or raise with every error."""
    documents, errors = read_documents(path)
    if errors:
        raise BankValidationError(errors)
    summary = LoadSummary()
    summary.warnings = [warning for name, document in documents
                        for warning in check_items(document["questions"], name)]
    try:
        for name, document in documents:
            load_document(document, source_file=Path(name).name, owner_id=None, summary=summary)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return summary


def load_document(document: dict, *, source_file: str | None, owner_id: int | None,
                  summary: LoadSummary | None = None) -> Article:
    """Create or update one article with its questions and quiz; the caller commits."""
    summary = summary if summary is not None else LoadSummary()
    data = document["article"]
    article = db.session.execute(db.select(Article).filter_by(slug=data["slug"])).scalar_one_or_none()
    if article is not None and article.owner_id != owner_id:
        raise BankValidationError([BankError(source_file or data["slug"], None, "article.slug",
                                             _("An article with this slug belongs to someone else; choose another slug."))])
    if article is None:
        article = Article(slug=data["slug"], owner_id=owner_id)
        db.session.add(article)
    article.title, article.outlet, article.language = data["title"], data["outlet"], data["language"]
    for optional in ("author", "published", "source_url", "attribution"):
        setattr(article, optional, data[optional] or None)
    article.source_file = source_file
    passages = sync_passages(article, data["blocks"])
    summary.articles += 1

    existing = {q.key: q for q in db.session.execute(
        db.select(Question).filter_by(article_id=article.id)).scalars()} if article.id else {}
    ordered = []
    for position, item in enumerate(document["questions"]):
        question = existing.pop(item["key"], None)
        if question is None:
            question = Question(article=article, owner_id=owner_id)
            db.session.add(question)
        question.position = position
        if apply_question(question, item, passages):
            summary.new_versions += 1
        summary.questions += 1
        ordered.append(question)
    for orphan in existing.values():
        # Removed from the file: retire it, but keep it for the attempts that answered it.
        orphan.status = "draft"
    if document.get("quiz"):
        sync_quiz(article, document["quiz"], ordered, owner_id, source_file)
        summary.quizzes += 1
    if source_file:
        summary.files.append(source_file)
    return article


def sync_passages(article: Article, blocks: list[dict]) -> dict[str, Passage]:
    """Make the article's passages match the blocks, keeping rows (and ids) by anchor."""
    by_anchor = {p.anchor: p for p in article.passages}
    wanted = []
    for position, block in enumerate(blocks):
        passage = by_anchor.pop(block["anchor"], None) or Passage(anchor=block["anchor"])
        passage.position, passage.kind, passage.text = position, block["kind"], block["text"]
        passage.label, passage.credit = block["label"] or None, block["credit"] or None
        wanted.append(passage)
    article.passages = wanted
    db.session.flush()
    return {p.anchor: p for p in wanted}


def sync_quiz(article: Article, data: dict, questions: list[Question], owner_id, source_file) -> Quiz:
    quiz = db.session.execute(db.select(Quiz).filter_by(code=data["code"])).scalar_one_or_none()
    if quiz is not None and (quiz.article_id != article.id or quiz.owner_id != owner_id):
        raise BankValidationError([BankError(source_file or article.slug, None, "quiz.code",
                                             _("The quiz code %(code)s is taken; choose another.", code=data["code"]))])
    if quiz is None:
        quiz = Quiz(article=article, code=data["code"], owner_id=owner_id, published=True)
        db.session.add(quiz)
    quiz.title, quiz.description, quiz.public = data["title"], data["description"], data["public"]
    quiz.shuffle_questions, quiz.shuffle_options = data["shuffle_questions"], data["shuffle_options"]
    quiz.source_file = source_file
    chosen = data["questions"]
    selected = [q for q in questions if (q.key in chosen if chosen is not None else q.status == "published")]
    if chosen is not None:
        selected.sort(key=lambda q: chosen.index(q.key))
    current = {item.question_id: item for item in quiz.items}
    quiz.items = [current.get(q.id) or QuizQuestion(question=q) for q in selected]
    for position, item in enumerate(quiz.items):
        item.position = position
    return quiz
