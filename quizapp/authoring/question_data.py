"""Translate between the question form and a question-file entry, both ways, and map errors back.

The form is converted to exactly the dict a question file holds, so bank.schema.validate_question
judges web and files alike; its errors name file fields ("options[1].text", "answer.min"),
which ``apply_errors`` puts next to the form fields they belong to.
"""
import re

from flask_babel import gettext as _

from ..bank.errors import BankError
from ..kinds.base import option_keys
from .forms import OPTION_ROWS, QuestionForm

CHOICE_KINDS = ("single_choice", "multiple_select")
FIELDS = {"category": "category", "difficulty": "difficulty", "points": "points", "tags": "tags",
          "status": "status", "prompt": "prompt", "explanation": "explanation", "quote.exact": "quote_exact",
          "answer.value": "value", "answer.tolerance": "tolerance", "answer.min": "min", "answer.max": "max",
          "unit": "unit", "feedback_true": "feedback_true", "feedback_false": "feedback_false"}
_OPTION_FIELD = re.compile(r"^options\[(\d+)\](?:\.(\w+))?$")
_KEY = re.compile(r"^[a-z]$")


def parse_tags(raw: str | None) -> list[str]:
    """"Offizielle Zahl, schätzung" -> ["offizielle-zahl", "schätzung"]: the file's tag spelling."""
    tags = []
    for part in (raw or "").split(","):
        tag = "-".join(part.strip().lower().split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _number_text(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def entry_to_data(entry: dict) -> dict:
    """Form data (for ``QuestionForm(data=...)``) from a question-file entry."""
    data = {"category": entry["category"], "tags": ", ".join(entry.get("tags", [])), "prompt": entry["prompt"],
            "explanation": entry.get("explanation", ""), "points": entry.get("points", 1),
            "difficulty": entry.get("difficulty", "medium"), "status": entry.get("status", "published"),
            "quote_exact": entry["quote"]["exact"], "quote_passage": entry["quote"].get("passage") or ""}
    options = []
    for option, default_key in zip(entry.get("options", []), option_keys(len(entry.get("options", [])))):
        options.append({"key": option.get("key", default_key), "text": option.get("text", ""),
                        "quote": option.get("quote", ""), "passage": option.get("passage") or "",
                        "correct": option.get("correct", False), "feedback": option.get("feedback", "")})
    data["options"] = options + [{}] * max(0, OPTION_ROWS - len(options))
    answer = entry.get("answer")
    if isinstance(answer, bool):
        data["answer_bool"] = "true" if answer else "false"
    elif isinstance(answer, dict):
        data["numeric_mode"] = "value" if "value" in answer else "range"
        data.update({name: _number_text(answer.get(name)) for name in ("value", "tolerance", "min", "max")})
    for name in ("unit", "feedback_true", "feedback_false"):
        data[name] = entry.get(name, "")
    return data


def _valid_passage(field) -> str | None:
    """The chosen anchor, or None when the form already reported it as unknown."""
    return field.data or None if not field.errors else None


def _option_rows(form: QuestionForm, evidence: bool, reserved: set[str]) -> tuple[list[dict], list[int]]:
    """Filled option rows as file entries, with the form row each came from.

    Options keep their keys; a new option gets a letter no option of the stored question had,
    so a key never names two different options in the question's history of versions.
    """
    options, rows, keys = [], [], set()
    for row, entry in enumerate(form.options.entries):
        sub = entry.form
        body = sub.quote.data if evidence else sub.text.data
        if not (body or sub.feedback.data or sub.correct.data):
            continue  # a blank row
        option = {"correct": bool(sub.correct.data), "feedback": sub.feedback.data or ""}
        if evidence:
            option.update(quote=sub.quote.data or "", passage=_valid_passage(sub.passage))
        else:
            option["text"] = sub.text.data or ""
        key = sub.key.data or ""
        if _KEY.match(key) and key not in keys:
            option["key"] = key  # an edited option keeps its key, so statistics stay comparable
            keys.add(key)
        options.append(option)
        rows.append(row)
    free = iter([key for key in option_keys(26) if key not in keys | reserved]
                + [key for key in option_keys(26) if key in reserved - keys])
    for option in options:
        if "key" not in option:
            option["key"] = next(free)
    return options, rows


def form_to_entry(form: QuestionForm, kind: str, key: str, reserved=()) -> tuple[dict, list[int]]:
    """The question-file entry the form describes, and for each option the form row it came from.

    ``reserved``: option keys of the stored question, not to be given to new options.
    """
    points = form.points.data if isinstance(form.points.data, int) and not form.points.errors else 1
    entry = {"id": key, "kind": kind, "category": form.category.data, "tags": parse_tags(form.tags.data),
             "difficulty": form.difficulty.data, "points": points, "status": form.status.data,
             "prompt": form.prompt.data or "", "explanation": form.explanation.data or ""}
    rows: list[int] = []
    if kind in CHOICE_KINDS or kind == "evidence":
        entry["options"], rows = _option_rows(form, kind == "evidence", set(reserved))
    if kind == "evidence":
        right = [option for option in entry["options"] if option["correct"]]
        # The question's quote is the correct option's quote: the teacher picks it only once.
        entry["quote"] = {"exact": right[0]["quote"], "passage": right[0]["passage"]} if len(right) == 1 else {}
    else:
        entry["quote"] = {"exact": form.quote_exact.data or "", "passage": _valid_passage(form.quote_passage)}
    if kind == "true_false":
        entry["answer"] = {"true": True, "false": False}.get(form.answer_bool.data)
        entry.update(feedback_true=form.feedback_true.data or "", feedback_false=form.feedback_false.data or "")
    if kind == "numeric":
        if form.numeric_mode.data == "range":
            entry["answer"] = {"min": form.min.data or "", "max": form.max.data or ""}
        else:
            entry["answer"] = {"value": form.value.data or ""}
            if form.tolerance.data:
                entry["answer"]["tolerance"] = form.tolerance.data
        entry["unit"] = form.unit.data or ""
    return entry, rows


def _add(errors: list, message: str) -> None:
    if message not in errors:
        errors.append(message)


def _web_message(form: QuestionForm, kind: str, name: str, message: str) -> str:
    """Say it the form's way where the schema speaks of file syntax."""
    if name == "quote.exact" and not form.quote_exact.data and kind != "evidence":
        return _("Select the words in the article that prove the answer, or paste them here.")
    if name == "answer" and kind == "true_false":
        return _("Choose whether the statement is true or false.")
    return message


def apply_errors(form: QuestionForm, errors: list[BankError], kind: str, rows: list[int]) -> None:
    """Show schema errors next to the form fields they concern."""
    option_problem = any((e.field or "").startswith("options") for e in errors)
    for error in errors:
        name = error.field or ""
        message = _web_message(form, kind, name, error.message)
        match = _OPTION_FIELD.match(name)
        if match and match.group(2) and int(match.group(1)) < len(rows):
            sub = form.options.entries[rows[int(match.group(1))]].form
            target = getattr(sub, match.group(2), None)
            if target is not None:
                target.errors = list(target.errors)
                _add(target.errors, message)
                continue
        if match or name == "options":
            _add(form.option_errors, message)
        elif kind == "evidence" and name == "quote.exact":
            # The quote is the correct option's; any problem with it is already shown there.
            if not option_problem:
                _add(form.option_errors, message)
        elif name == "answer":
            target = form.answer_bool if kind == "true_false" else form.numeric_mode
            target.errors = list(target.errors)
            _add(target.errors, message)
        elif name in FIELDS:
            target = getattr(form, FIELDS[name])
            target.errors = list(target.errors)
            _add(target.errors, message)
        else:
            _add(form.general_errors, message)
