"""The option rows on the authoring form, shared by the kinds that have options.

Rows are converted to exactly the ``options`` list a question file holds, so bank.schema judges
web and files alike; its errors name file fields ("options[1].text"), which ``place_option_error``
puts next to the row they belong to.
"""
import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, Form, FormField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, ValidationError

from .base import option_keys, place_in

OPTION_ROWS = 6  # blank rows are ignored; a question file may hold up to 8 options
MAX_OPTION_ROWS = 8
_OPTION_FIELD = re.compile(r"^options\[(\d+)\](?:\.(\w+))?$")
_KEY = re.compile(r"^[a-z]$")


def strip(value):
    return value.strip() if isinstance(value, str) else value


def known_passage(form, field) -> None:
    """A passage select accepts "" (anywhere in the article) or one of the article's anchors."""
    if field.data and field.data not in {value for value, _ in field.choices or []}:
        raise ValidationError(_l("There is no such passage in this article (it may have been removed). "
                                 "Choose one from the list."))


class OptionForm(Form):
    """One option row; choice kinds use text, evidence uses quote and passage."""

    key = HiddenField(filters=[strip])
    text = StringField(_l("Option"), validators=[Length(max=500)], filters=[strip])
    quote = TextAreaField(_l("Quote"), validators=[Length(max=2000)], filters=[strip])
    passage = SelectField(_l("Passage"), validate_choice=False, validators=[known_passage])
    correct = BooleanField(_l("correct"))
    feedback = StringField(_l("Feedback when chosen"), validators=[Length(max=1000)], filters=[strip])


def option_fields() -> dict:
    return {"options": FieldList(FormField(OptionForm), min_entries=OPTION_ROWS, max_entries=MAX_OPTION_ROWS)}


def options_data(entry: dict) -> dict:
    """Form data of the option rows from a question-file entry, padded with blank rows."""
    options = []
    for option, default_key in zip(entry.get("options", []), option_keys(len(entry.get("options", [])))):
        options.append({"key": option.get("key", default_key), "text": option.get("text", ""),
                        "quote": option.get("quote", ""), "passage": option.get("passage") or "",
                        "correct": option.get("correct", False), "feedback": option.get("feedback", "")})
    return {"options": options + [{}] * max(0, OPTION_ROWS - len(options))}


def valid_passage(field) -> str | None:
    """The chosen anchor, or None when the form already reported it as unknown."""
    return field.data or None if not field.errors else None


def option_rows(form, evidence: bool, reserved: set[str]) -> tuple[list[dict], list[int]]:
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
            option.update(quote=sub.quote.data or "", passage=valid_passage(sub.passage))
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


def place_option_error(form, name: str, rows: list[int]) -> list | None:
    """The row field an ``options[i].field`` error belongs to, else the options' own list."""
    match = _OPTION_FIELD.match(name)
    if match and match.group(2) and int(match.group(1)) < len(rows):
        target = getattr(form.options.entries[rows[int(match.group(1))]].form, match.group(2), None)
        if target is not None:
            return place_in(target)
    if match or name == "options":
        return form.option_errors
    return None
