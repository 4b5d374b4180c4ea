"""Question files through the web: export an article, import an uploaded file all-or-nothing.

An upload is parsed and validated exactly like `flask load-questions` (bank.files.parse_yaml,
bank.schema.validate_document, bank.loader.load_document), owned by the importing teacher,
and written in one transaction: on any error nothing is stored.
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from werkzeug.utils import secure_filename

from ..bank.checker import ItemWarning, check_items
from ..bank.errors import BankError, BankValidationError
from ..bank.export import article_document, dump_document
from ..bank.files import SUFFIXES, parse_yaml
from ..bank.loader import LoadSummary, load_document
from ..bank.schema import validate_document
from ..extensions import db
from ..models import Article
from .column_limits import document_errors
from .questions import article_questions


@dataclass
class ImportResult:
    article: Article | None = None
    summary: LoadSummary | None = None
    errors: list[BankError] = field(default_factory=list)
    warnings: list[ItemWarning] = field(default_factory=list)  # the item checker's; the import goes ahead


def export_article(article: Article) -> tuple[str, str]:
    """The article and its questions as (file name, YAML text)."""
    return f"{article.slug}.yaml", dump_document(article_document(article, article_questions(article)))


def import_file(filename: str, content: bytes, teacher_id: int, max_bytes: int) -> ImportResult:
    """Validate and load one uploaded question file for the teacher, or report every error."""
    name = secure_filename(filename or "") or "upload.yaml"
    if not name.lower().endswith(SUFFIXES):
        return ImportResult(errors=[BankError(name, None, None, _("Upload a question file ending in .yaml or .yml."))])
    if len(content) > max_bytes:
        return ImportResult(errors=[BankError(name, None, None, _("The file is larger than %(size)d KB.",
                                                                  size=max_bytes // 1024))])
    data, errors = parse_yaml(content, name)
    if errors:
        return ImportResult(errors=errors)
    document, errors = validate_document(data, name)
    errors = errors or document_errors(document, name)
    if errors:
        return ImportResult(errors=errors)
    summary = LoadSummary()
    try:
        article = load_document(document, source_file=name, owner_id=teacher_id, summary=summary)
        db.session.commit()
    except BankValidationError as failure:
        db.session.rollback()
        return ImportResult(errors=failure.errors)
    except IntegrityError:
        db.session.rollback()
        return ImportResult(errors=[BankError(name, None, None, _("The file clashes with data stored meanwhile "
                                                                  "(a slug or quiz code). Try again."))])
    return ImportResult(article=article, summary=summary, warnings=check_items(document["questions"], name))
