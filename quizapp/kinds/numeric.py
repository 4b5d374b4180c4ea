"""Numeric answers: an exact value, a value with an absolute tolerance, or a range.

The stored spec always carries ``min`` and ``max``; an answer is right when it lies in
[min, max] inclusive. A file writes either {value, tolerance} (tolerance 0 means exact) or
{min, max}. Partial credit is not given: a number is in the accepted range or it is not.
"""
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .base import INVALID, Kind, Result, SpecContext
from .numbers import format_number, parse_number


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return parse_number(str(value)) if value is not None else None


class Numeric(Kind):
    name = "numeric"
    label = _l("Number")

    def validate_spec(self, question: dict, ctx: SpecContext) -> dict:
        answer = question.get("answer")
        unit = str(question.get("unit") or "").strip()
        if not isinstance(answer, dict):
            ctx.error("answer", _("Write answer: {value: 5000, tolerance: 0} or answer: {min: 14000, max: 15000}."))
            return {"min": 0.0, "max": 0.0, "unit": unit}
        if "value" in answer:
            value, tolerance = _number(answer["value"]), _number(answer.get("tolerance", 0))
            if value is None:
                ctx.error("answer.value", _("The value must be a number."))
                return {"min": 0.0, "max": 0.0, "unit": unit}
            if tolerance is None or tolerance < 0:
                ctx.error("answer.tolerance", _("The tolerance must be a number of 0 or more."))
                tolerance = 0.0
            return {"value": value, "tolerance": tolerance, "min": value - tolerance, "max": value + tolerance, "unit": unit}
        low, high = _number(answer.get("min")), _number(answer.get("max"))
        if low is None or high is None:
            ctx.error("answer", _("Give a value (and tolerance) or both min and max as numbers."))
            return {"min": 0.0, "max": 0.0, "unit": unit}
        if low > high:
            ctx.error("answer.min", _("min must not be greater than max."))
        return {"min": low, "max": high, "unit": unit}

    def parse(self, spec: dict, values: list[str]) -> Any:
        values = [value for value in values if value.strip() != ""]
        if not values:
            return None
        if len(values) != 1 or len(values[0]) > 40:
            return INVALID
        number = parse_number(values[0])
        return INVALID if number is None else number

    def grade(self, spec: dict, points: int, answer: Any) -> Result:
        if answer is None or answer is INVALID:
            return Result(0.0, points, False)
        correct = spec["min"] <= answer <= spec["max"]
        return Result(float(points) if correct else 0.0, points, correct)

    def correct_answer(self, spec: dict) -> str:
        unit = f" {spec['unit']}" if spec.get("unit") else ""
        if spec["min"] == spec["max"]:
            return format_number(spec["min"]) + unit
        if "value" in spec:
            return _("%(value)s (± %(tolerance)s)", value=format_number(spec["value"]),
                     tolerance=format_number(spec["tolerance"])) + unit
        return _("%(low)s to %(high)s", low=format_number(spec["min"]), high=format_number(spec["max"])) + unit

    def summarize(self, spec: dict, answer: Any) -> str:
        return format_number(answer) if isinstance(answer, float) else ""
