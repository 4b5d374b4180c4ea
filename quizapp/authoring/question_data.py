"""Translate between the question form and a question-file entry, both ways, and map errors back.

The form is converted to exactly the dict a question file holds, so bank.schema.validate_question
judges web and files alike; its errors name file fields ("options[1].text", "answer.min"),
which ``apply_errors`` puts next to the form fields they belong to. The fields every kind shares
are mapped here; each kind maps its own (``Kind.form_data``, ``entry_from_form``, ``place_error``).
"""
from flask_babel import gettext as _

from ..bank.errors import BankError
from ..kinds import get_kind
from ..kinds.option_form import valid_passage
from .forms import QuestionForm

FIELDS = {"category": "category", "difficulty": "difficulty", "points": "points", "tags": "tags",
          "status": "status", "prompt": "prompt", "explanation": "explanation", "quote.exact": "quote_exact"}


def parse_tags(raw: str | None) -> list[str]:
    """"Offizielle Zahl, schätzung" -> ["offizielle-zahl", "schätzung"]: the file's tag spelling."""
    tags = []
    for part in (raw or "").split(","):
        tag = "-".join(part.strip().lower().split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def entry_to_data(entry: dict) -> dict:
    """Form data (for ``question_form(kind, data=...)``) from a question-file entry."""
    data = {"category": entry["category"], "tags": ", ".join(entry.get("tags", [])), "prompt": entry["prompt"],
            "explanation": entry.get("explanation", ""), "points": entry.get("points", 1),
            "difficulty": entry.get("difficulty", "medium"), "status": entry.get("status", "published"),
            "quote_exact": entry["quote"]["exact"], "quote_passage": entry["quote"].get("passage") or ""}
    return data | get_kind(entry["kind"]).form_data(entry)


def form_to_entry(form: QuestionForm, kind: str, key: str, reserved=()) -> tuple[dict, list[int]]:
    """The question-file entry the form describes, and for each option the form row it came from.

    ``reserved``: option keys of the stored question, not to be given to new options.
    """
    points = form.points.data if isinstance(form.points.data, int) and not form.points.errors else 1
    entry = {"id": key, "kind": kind, "category": form.category.data, "tags": parse_tags(form.tags.data),
             "difficulty": form.difficulty.data, "points": points, "status": form.status.data,
             "prompt": form.prompt.data or "", "explanation": form.explanation.data or "",
             "quote": {"exact": form.quote_exact.data or "", "passage": valid_passage(form.quote_passage)}}
    fields, rows = get_kind(kind).entry_from_form(form, set(reserved))
    entry.update(fields)  # a kind may set the quote too (evidence: its correct option's)
    return entry, rows


def _add(errors: list, message: str) -> None:
    if message not in errors:
        errors.append(message)


def apply_errors(form: QuestionForm, errors: list[BankError], kind: str, rows: list[int]) -> None:
    """Show schema errors next to the form fields they concern."""
    question_kind = get_kind(kind)
    names = [error.field or "" for error in errors]
    for error, name in zip(errors, names):
        message = question_kind.form_message(name, error.message)
        target = question_kind.place_error(form, name, rows, names)
        if target is None and name == "quote.exact" and not form.quote_exact.data:
            message = _("The question needs a quote: select the words in the article that prove the answer, "
                        "or paste them here.")
        if target is None and name in FIELDS:
            target = getattr(form, FIELDS[name])
            target.errors = list(target.errors)
            target = target.errors
        _add(form.general_errors if target is None else target, message)
