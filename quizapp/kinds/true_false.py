"""True/false: the student judges a statement; the answer is one of two options."""
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .base import INVALID, Kind, Result, SpecContext

VALUES = {"true": True, "false": False}


class TrueFalse(Kind):
    name = "true_false"
    label = _l("True or false")
    uses_options = True

    def validate_spec(self, question: dict, ctx: SpecContext) -> dict:
        answer = question.get("answer")
        if not isinstance(answer, bool):
            ctx.error("answer", _("Write answer: true or answer: false."))
            answer = False
        return {"answer": answer, "feedback_true": str(question.get("feedback_true") or "").strip(),
                "feedback_false": str(question.get("feedback_false") or "").strip()}

    def parse(self, spec: dict, values: list[str]) -> Any:
        values = [value for value in values if value != ""]
        if not values:
            return None
        if len(values) != 1 or values[0] not in VALUES:
            return INVALID
        return VALUES[values[0]]

    def grade(self, spec: dict, points: int, answer: Any) -> Result:
        if not isinstance(answer, bool):
            return Result(0.0, points, False)
        correct = answer == spec["answer"]
        feedback = spec.get("feedback_true" if answer else "feedback_false")
        return Result(float(points) if correct else 0.0, points, correct, [feedback] if feedback else [])

    def correct_answer(self, spec: dict) -> str:
        return _("True") if spec["answer"] else _("False")

    def summarize(self, spec: dict, answer: Any) -> str:
        if not isinstance(answer, bool):
            return ""
        return _("True") if answer else _("False")

    def chosen_keys(self, answer: Any) -> list[str]:
        return [("true" if answer else "false")] if isinstance(answer, bool) else []

    def display_options(self, spec: dict) -> list[dict]:
        return [{"key": "true", "text": _("True")}, {"key": "false", "text": _("False")}]
