"""Validate a question file (already parsed from YAML) into clean article, question and quiz data.

The same checks serve the CLI loader, the web import and the authoring forms, so a question
is valid in one place exactly when it is valid in the others.
"""
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from ..kinds import KINDS
from ..models import CATEGORIES, DIFFICULTIES, PASSAGE_KINDS
from .anchors import context_of, find_quote
from .errors import BankError

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
TAG = re.compile(r"^[a-z0-9äöü][a-z0-9äöü-]{0,39}$")
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
CODE = re.compile(r"^[A-Z0-9]{4,16}$")
LANGUAGES = ("de", "en", "fr", "it", "rm")
# Limits far above any news article or class quiz; they keep one file from tying up a worker.
MAX_BLOCKS = 400
MAX_BLOCK_CHARS = 20_000
MAX_QUESTIONS = 500


@dataclass
class Report:
    """Collects errors for one file, tagged with the question being checked."""

    file: str
    errors: list[BankError] = field(default_factory=list)
    question: str | None = None

    def error(self, field_name: str | None, message: str) -> None:
        self.errors.append(BankError(self.file, self.question, field_name, message))


@dataclass
class QuoteContext:
    """What a kind sees while validating: error reporting and quote lookup in the article."""

    report: Report
    passages: list[tuple[str, str]]
    prefix: str = ""

    def error(self, field_name: str, message: str) -> None:
        self.report.error(self.prefix + field_name, message)

    def resolve_quote(self, exact: str, anchor: str | None, field_name: str) -> str | None:
        match = resolve(self.passages, exact, anchor, self.error, field_name)
        return match.anchor if match else None


def resolve(passages, exact, anchor, error, field_name):
    """Find a quote exactly once, or report why it cannot be pinned down."""
    anchors = [a for a, _ in passages]
    if anchor is not None and anchor not in anchors:
        error(field_name, _("There is no passage %(anchor)s; known passages: %(known)s.", anchor=anchor,
                            known=", ".join(anchors)))
        return None
    scope = [(a, t) for a, t in passages if anchor is None or a == anchor]
    matches = find_quote(scope, exact, anchor)
    if not matches:
        where = _("passage %(anchor)s", anchor=anchor) if anchor else _("the article")
        error(field_name, _("The quote is not found in %(where)s. Copy it verbatim from the article text "
                            "(same spelling, apostrophes and punctuation).", where=where))
        return None
    if len(matches) > 1:
        error(field_name, _("The quote occurs %(count)d times; quote a longer, unique span or name the passage.",
                            count=len(matches)))
        return None
    return matches[0]


def _text(value) -> str:
    return str(value).strip() if value is not None and not isinstance(value, (dict, list)) else ""


def validate_article(raw, report: Report) -> dict:
    if not isinstance(raw, dict):
        report.error("article", _("The file needs an 'article' mapping with slug, title, outlet and blocks."))
        return {}
    article = {name: _text(raw.get(name)) for name in
               ("slug", "title", "outlet", "author", "published", "language", "source_url", "attribution")}
    article["language"] = article["language"] or "de"
    if not SLUG.match(article["slug"]):
        report.error("article.slug", _("Use lowercase letters, digits and hyphens, e.g. srf-nordkorea-kursk."))
    for required in ("title", "outlet"):
        if not article[required]:
            report.error(f"article.{required}", _("This field is required."))
    if article["published"] and not PARTIAL_DATE.match(article["published"]):
        report.error("article.published", _("Write the date as YYYY, YYYY-MM or YYYY-MM-DD."))
    if article["language"] not in LANGUAGES:
        report.error("article.language", _("Use one of: %(languages)s.", languages=", ".join(LANGUAGES)))
    if article["source_url"] and not re.match(r"^https?://\S+$", article["source_url"]):
        report.error("article.source_url", _("Give a full http(s) address or leave it out."))
    article["blocks"] = validate_blocks(raw.get("blocks"), report)
    return article


def validate_blocks(raw, report: Report) -> list[dict]:
    if not isinstance(raw, list) or not raw:
        report.error("article.blocks", _("Give the article's text as a list of blocks with anchor, kind and text."))
        return []
    if len(raw) > MAX_BLOCKS:
        report.error("article.blocks", _("An article has at most %(count)d blocks.", count=MAX_BLOCKS))
        return []
    blocks, seen = [], set()
    for index, item in enumerate(raw):
        where = f"article.blocks[{index}]"
        if not isinstance(item, dict):
            report.error(where, _("Each block is a mapping with anchor, kind and text."))
            continue
        block = {name: _text(item.get(name)) for name in ("anchor", "kind", "text", "label", "credit")}
        block["kind"] = block["kind"] or "paragraph"
        if not SLUG.match(block["anchor"]):
            report.error(f"{where}.anchor", _("Use lowercase letters, digits and hyphens, e.g. antwort-1."))
        elif block["anchor"] in seen:
            report.error(f"{where}.anchor", _("The anchor %(anchor)s is used twice.", anchor=block["anchor"]))
        seen.add(block["anchor"])
        if block["kind"] not in PASSAGE_KINDS:
            report.error(f"{where}.kind", _("Use one of: %(kinds)s.", kinds=", ".join(PASSAGE_KINDS)))
        if not block["text"]:
            report.error(f"{where}.text", _("A block needs text."))
        elif len(block["text"]) > MAX_BLOCK_CHARS:
            report.error(f"{where}.text", _("A block has at most %(count)d characters; split it into paragraphs.",
                                            count=MAX_BLOCK_CHARS))
            block["text"] = ""
        blocks.append(block)
    return blocks


def validate_question(raw, passages: list[tuple[str, str]], report: Report) -> dict | None:
    """Validate one question mapping; return clean data, or None when it is unusable."""
    if not isinstance(raw, dict):
        report.error(None, _("Each question is a mapping with id, kind, category, prompt and quote."))
        return None
    key = _text(raw.get("id"))
    report.question = key or None
    if not SLUG.match(key):
        report.error("id", _("Give every question a stable id of lowercase letters, digits and hyphens."))
    kind_name = _text(raw.get("kind"))
    if kind_name not in KINDS:
        report.error("kind", _("Unknown kind %(kind)s; use one of: %(kinds)s.", kind=kind_name or "–",
                               kinds=", ".join(KINDS)))
    category = _text(raw.get("category"))
    if category not in CATEGORIES:
        report.error("category", _("Use one of: %(categories)s.", categories=", ".join(CATEGORIES)))
    difficulty = _text(raw.get("difficulty")) or "medium"
    if difficulty not in DIFFICULTIES:
        report.error("difficulty", _("Use one of: %(values)s.", values=", ".join(DIFFICULTIES)))
    points = raw.get("points", 1)
    if isinstance(points, bool) or not isinstance(points, int) or not 1 <= points <= 100:
        report.error("points", _("Points are a whole number from 1 to 100."))
        points = 1
    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) and TAG.match(tag) for tag in tags):
        report.error("tags", _("Tags are a list of short lowercase words, e.g. [offizielle-zahl]."))
        tags = []
    status = _text(raw.get("status")) or "published"
    if status not in ("draft", "published"):
        report.error("status", _("Use draft or published."))
    prompt = _text(raw.get("prompt"))
    if not prompt:
        report.error("prompt", _("The question needs a prompt."))
    quote = validate_quote(raw.get("quote"), passages, report)
    spec = {}
    if kind_name in KINDS:
        spec = KINDS[kind_name].validate_spec(raw, QuoteContext(report, passages))
    question = {
        "key": key, "kind": kind_name, "category": category, "difficulty": difficulty, "points": points,
        "tags": tags, "status": status, "prompt": prompt, "explanation": _text(raw.get("explanation")),
        "spec": spec, "quote": quote,
    }
    report.question = None
    return question


def validate_quote(raw, passages, report: Report) -> dict:
    if not isinstance(raw, dict) or not _text(raw.get("exact")):
        report.error("quote.exact", _("Every question links to the passage that answers it: "
                                      "give quote: {exact: '…', passage: anchor}."))
        return {}
    exact, anchor = _text(raw.get("exact")), _text(raw.get("passage")) or None
    match = resolve(passages, exact, anchor, report.error, "quote.exact")
    if not match:
        return {}
    text = dict(passages)[match.anchor]
    prefix, suffix = context_of(text, match.start, match.end)
    return {"exact": exact, "anchor": match.anchor, "prefix": prefix, "suffix": suffix}


def validate_quiz(raw, keys: list[str], report: Report) -> dict | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        report.error("quiz", _("'quiz' is a mapping with title and code."))
        return None
    quiz = {"title": _text(raw.get("title")), "code": _text(raw.get("code")).upper(),
            "description": _text(raw.get("description")), "public": raw.get("public", True) is True,
            "shuffle_questions": raw.get("shuffle_questions") is True,
            "shuffle_options": raw.get("shuffle_options", True) is not False}
    if not quiz["title"]:
        report.error("quiz.title", _("This field is required."))
    if not CODE.match(quiz["code"]):
        report.error("quiz.code", _("Use 4 to 16 capital letters or digits, e.g. KURSK25."))
    questions = raw.get("questions")
    if questions is not None and (not isinstance(questions, list)
                                  or not all(isinstance(key, str) for key in questions)
                                  or not set(questions) <= set(keys)):
        report.error("quiz.questions", _("List question ids from this file, or leave it out to use all published ones."))
        questions = None
    quiz["questions"] = questions
    return quiz


def validate_document(data, file: str) -> tuple[dict, list[BankError]]:
    """Validate a whole parsed file; return clean data and every error found."""
    report = Report(file)
    if not isinstance(data, dict):
        report.error(None, _("The file must be a mapping with 'article' and 'questions'."))
        return {}, report.errors
    article = validate_article(data.get("article"), report)
    passages = [(b["anchor"], b["text"]) for b in article.get("blocks", []) if b["anchor"] and b["text"]]
    raw_questions = data.get("questions") or []
    if not isinstance(raw_questions, list):
        report.error("questions", _("'questions' is a list."))
        raw_questions = []
    if len(raw_questions) > MAX_QUESTIONS:
        report.error("questions", _("A file has at most %(count)d questions; split it.", count=MAX_QUESTIONS))
        raw_questions = []
    questions, seen = [], set()
    for raw in raw_questions:
        question = validate_question(raw, passages, report)
        if question is None:
            continue
        if question["key"] in seen:
            report.question = question["key"]
            report.error("id", _("Duplicate id %(key)s: every question needs its own id.", key=question["key"]))
            report.question = None
        seen.add(question["key"])
        questions.append(question)
    quiz = validate_quiz(data.get("quiz"), [q["key"] for q in questions], report)
    return {"article": article, "questions": questions, "quiz": quiz}, report.errors
