"""Numeric answers: one number (± tolerance), any number from min to max, or a range to give.

A question file writes one of
    answer: {value: 5000, tolerance: 0}   one number; tolerance 0 means exact
    answer: {min: 14000, max: 15000}      any single number from min to max counts
    answer: {range: [14000, 15000]}       the student answers with the range itself
The stored spec always carries ``min`` and ``max``. For the first two a single number in
[min, max] is right; for ``range`` the answer is two numbers (14'000–15'000, 14000 bis 15000)
whose ends equal min and max in either order, and a single number scores 0 even inside the
range: where the article gives a range, the range is what it says. No partial credit.
"""
import math
import random
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import AnyOf, Length

from .base import INVALID, Kind, Result, SpecContext, place_in
from .numbers import MAX_RANGE_TEXT, editable_number, format_number, parse_number, parse_range
from .option_form import strip

FORMAT_HINT = _l("Write answer: {value: 5000, tolerance: 0}, answer: {min: 14000, max: 15000} "
                 "or answer: {range: [14000, 15000]}.")
MAX_NUMBER_TEXT = 40  # the input's maxlength; a longer "number" is no answer anyone meant
MODES = ("value", "range", "student_range")  # form values: one number, any number in min..max, a range


def _number(value) -> float | None:
    """A finite number from a file value (int, float or a number written as text), else None."""
    if isinstance(value, bool) or value is None:
        return None
    # A file means the same whoever uploads it: text numbers in files are read the German way;
    # the form's fields arrive here already read in the teacher's language (entry_from_form).
    number = float(value) if isinstance(value, (int, float)) else parse_number(str(value), mark=",")
    return number if number is not None and math.isfinite(number) else None


def _not_a_number(name: str) -> str:
    """What a question file hears about a value under answer that is no number."""
    return _("The %(field)s must be a number, written in digits (.inf and .nan are not numbers here).",
             field=name.partition("[")[0])


def _numbers(ctx: SpecContext, fields: dict[str, object]) -> dict[str, float] | None:
    """Read each named file value as a finite number; report every one that is not."""
    numbers = {name: _number(value) for name, value in fields.items()}
    for name, number in numbers.items():
        if number is None:
            ctx.error(f"answer.{name}", _not_a_number(name))
    return None if None in numbers.values() else numbers


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _written(value: float) -> int | float:
    """Write 5000.0 as 5000, so exported files read like hand-written ones."""
    return int(value) if float(value).is_integer() else value


class Numeric(Kind):
    name = "numeric"
    label = _l("Number")

    # ---------------------------------------------------------------- question files

    def validate_spec(self, question: dict, ctx: SpecContext) -> dict:
        answer = question.get("answer")
        unit = str(question.get("unit") or "").strip()
        empty = {"min": 0.0, "max": 0.0, "unit": unit}
        if not isinstance(answer, dict):
            ctx.error("answer", str(FORMAT_HINT))
            return empty
        if "value" in answer:
            numbers = _numbers(ctx, {"value": answer["value"], "tolerance": answer.get("tolerance", 0)})
            tolerance = _number(answer.get("tolerance", 0))
            if tolerance is not None and tolerance < 0:  # said together with a bad value, not a round later
                ctx.error("answer.tolerance", _("The tolerance must be a number of 0 or more."))
            if numbers is None or tolerance < 0:
                return empty
            value = numbers["value"]
            return {"value": value, "tolerance": tolerance, "min": value - tolerance, "max": value + tolerance,
                    "unit": unit}
        if "range" in answer:
            ends = answer["range"]
            if not isinstance(ends, list) or len(ends) != 2:
                ctx.error("answer.range", _("Write the range as two numbers: range: [14000, 15000]."))
                return empty
            numbers = _numbers(ctx, {"range[0]": ends[0], "range[1]": ends[1]})
            if numbers is None:
                return empty
            low, high = numbers["range[0]"], numbers["range[1]"]
            if low >= high:
                ctx.error("answer.range", _("The range's first number must be smaller than its second."))
            return {"range": [low, high], "min": low, "max": high, "unit": unit}
        if "min" not in answer and "max" not in answer:
            ctx.error("answer", str(FORMAT_HINT))
            return empty
        numbers = _numbers(ctx, {"min": answer.get("min"), "max": answer.get("max")})
        if numbers is None:
            return empty
        if numbers["min"] > numbers["max"]:
            ctx.error("answer.min", _("min must not be greater than max."))
        return {"min": numbers["min"], "max": numbers["max"], "unit": unit}

    def file_fields(self, spec: dict) -> dict:
        if "value" in spec:
            answer = {"value": _written(spec["value"]), "tolerance": _written(spec.get("tolerance", 0))}
        elif "range" in spec:
            answer = {"range": [_written(end) for end in spec["range"]]}
        else:
            answer = {"min": _written(spec["min"]), "max": _written(spec["max"])}
        return {"answer": answer, **({"unit": spec["unit"]} if spec.get("unit") else {})}

    # ---------------------------------------------------------------- answers

    def parse(self, spec: dict, values: list[str]) -> Any:
        values = [value for value in values if isinstance(value, str) and value.strip() != ""]
        if not values:
            return None
        if len(values) != 1 or len(values[0]) > MAX_RANGE_TEXT:
            return INVALID
        number = parse_number(values[0]) if len(values[0]) <= MAX_NUMBER_TEXT else None
        if number is not None:
            return number  # one number: right or wrong by the spec, and shown as the student's answer
        ends = parse_range(values[0]) if "range" in spec else None
        return INVALID if ends is None else sorted(ends)

    def grade(self, spec: dict, points: int, answer: Any) -> Result:
        if "range" in spec:
            correct = (isinstance(answer, list) and len(answer) == 2 and all(map(_is_number, answer))
                       and sorted(answer) == sorted(spec["range"]))
        else:
            correct = _is_number(answer) and spec["min"] <= answer <= spec["max"]
        return Result(float(points) if correct else 0.0, points, correct)

    def correct_answer(self, spec: dict) -> str:
        unit = f" {spec['unit']}" if spec.get("unit") else ""
        if "range" in spec:
            return "–".join(format_number(end) for end in spec["range"]) + unit
        if spec["min"] == spec["max"]:
            return format_number(spec["min"]) + unit
        if "value" in spec:
            return _("%(value)s (± %(tolerance)s)", value=format_number(spec["value"]),
                     tolerance=format_number(spec["tolerance"])) + unit
        return _("%(low)s to %(high)s", low=format_number(spec["min"]), high=format_number(spec["max"])) + unit

    def summarize(self, spec: dict, answer: Any) -> str:
        if isinstance(answer, list) and len(answer) == 2 and all(map(_is_number, answer)):
            return "–".join(format_number(end) for end in answer)
        return format_number(answer) if _is_number(answer) else ""

    # ---------------------------------------------------------------- authoring form

    def form_fields(self) -> dict:
        return {
            "numeric_mode": RadioField(_l("Accepted answers"), default="value", validators=[AnyOf(MODES)], choices=[
                ("value", _l("a value, with a tolerance")), ("range", _l("any single number from … to …")),
                ("student_range", _l("the range itself (students answer e.g. 14'000–15'000)"))]),
            "value": StringField(_l("Value"), validators=[Length(max=40)], filters=[strip]),
            "tolerance": StringField(_l("Tolerance (±)"), validators=[Length(max=40)], filters=[strip],
                                     description=_l("0 for an exact number; only where the article says “rund” or "
                                                    "“etwa”.")),
            "min": StringField(_l("From"), validators=[Length(max=40)], filters=[strip]),
            "max": StringField(_l("To"), validators=[Length(max=40)], filters=[strip]),
            "unit": StringField(_l("Unit"), validators=[Length(max=60)], filters=[strip]),
        }

    def form_data(self, entry: dict) -> dict:
        answer = entry.get("answer") if isinstance(entry.get("answer"), dict) else {}
        data = {"unit": entry.get("unit", ""), "numeric_mode": "value" if "value" in answer else "range"}
        if "range" in answer:
            data["numeric_mode"] = "student_range"
            answer = {"min": answer["range"][0], "max": answer["range"][1]}
        return data | {name: _text(answer.get(name)) for name in ("value", "tolerance", "min", "max")}

    def entry_from_form(self, form, reserved: set[str]) -> tuple[dict, list[int]]:
        mode = form.numeric_mode.data
        typed = {name: _read_typed(getattr(form, name).data) for name in ("value", "tolerance", "min", "max")}
        if mode == "student_range":
            answer = {"range": [typed["min"], typed["max"]]}
        elif mode == "range":
            answer = {"min": typed["min"], "max": typed["max"]}
        else:
            answer = {"value": typed["value"]}
            if form.tolerance.data:
                answer["tolerance"] = typed["tolerance"]
        return {"answer": answer, "unit": form.unit.data or ""}, []

    def place_error(self, form, name: str, rows: list[int], names: list[str]) -> list | None:
        field = {"answer": "numeric_mode", "answer.value": "value", "answer.tolerance": "tolerance",
                 "answer.min": "min", "answer.max": "max", "answer.range": "min", "answer.range[0]": "min",
                 "answer.range[1]": "max", "unit": "unit"}.get(name)
        return place_in(getattr(form, field)) if field else None

    def form_message(self, name: str, message: str) -> str:
        # The file's words (the key's name, YAML's .inf and .nan) mean nothing beside a form field.
        if name.startswith("answer.") and message == _not_a_number(name.removeprefix("answer.")):
            return _("Enter a number in digits, e.g. 1234, 1,234 or 2.5.")
        return message

    # ---------------------------------------------------------------- simulated students

    def demo_values(self, spec: dict, right: bool, rng: random.Random, tempting: str | None) -> list[str]:
        if "range" in spec and right:
            return [" bis ".join(format_number(end) for end in spec["range"])]
        value = spec["min"] if right else spec["max"] * rng.choice([0.1, 0.5, 2, 10]) + rng.choice([0, 10])
        return [format_number(value) if rng.random() < 0.5 else f"{value:g}"]


def _read_typed(text: str | None):
    """A form field's number as the teacher's language writes it (12,125 in German, 12.125 in
    English); text that is no number stays text, for validation to refuse at its field."""
    number = parse_number(text or "")
    return number if number is not None else (text or "")


def _text(value) -> str:
    if value is None or value == "":
        return ""
    # A file's 12.125 written back as "12.125" would be read as 12125 when the form is saved.
    return editable_number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
