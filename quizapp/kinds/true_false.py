"""True/false: the student judges a statement; the answer is one of two options."""
import random
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import Length

from .base import INVALID, Kind, Result, SpecContext, place_in
from .option_form import strip

VALUES = {"true": True, "false": False}


class TrueFalse(Kind):
    name = "true_false"
    label = _l("True or false")
    uses_options = True
    prompt_hint = _l("A statement about the article that is true or false.")

    def shuffles_options(self, spec: dict) -> bool:
        return False  # "true, false" reads oddly the other way round, and two options reveal nothing

    def validate_spec(self, question: dict, ctx: SpecContext) -> dict:
        answer = question.get("answer")
        if not isinstance(answer, bool):
            ctx.error("answer", _("Write answer: true or answer: false."))
            answer = False
        return {"answer": answer, "feedback_true": str(question.get("feedback_true") or "").strip(),
                "feedback_false": str(question.get("feedback_false") or "").strip()}

    def file_fields(self, spec: dict) -> dict:
        fields = {"answer": bool(spec.get("answer"))}
        for name in ("feedback_true", "feedback_false"):
            if spec.get(name):
                fields[name] = spec[name]
        return fields

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

    def correct_keys(self, spec: dict) -> set[str]:
        return {"true" if spec["answer"] else "false"}

    def demo_values(self, spec: dict, right: bool, rng: random.Random, tempting: str | None) -> list[str]:
        return ["true" if spec["answer"] == right else "false"]

    def form_fields(self) -> dict:
        return {
            "answer_bool": RadioField(_l("The statement is"), choices=[("true", _l("true")), ("false", _l("false"))],
                                      validate_choice=False),
            "feedback_true": StringField(_l("Feedback for “true”"), validators=[Length(max=1000)], filters=[strip]),
            "feedback_false": StringField(_l("Feedback for “false”"), validators=[Length(max=1000)], filters=[strip]),
        }

    def form_data(self, entry: dict) -> dict:
        answer = entry.get("answer")
        data = {"answer_bool": ("true" if answer else "false") if isinstance(answer, bool) else None}
        return data | {name: entry.get(name, "") for name in ("feedback_true", "feedback_false")}

    def entry_from_form(self, form, reserved: set[str]) -> tuple[dict, list[int]]:
        return {"answer": VALUES.get(form.answer_bool.data), "feedback_true": form.feedback_true.data or "",
                "feedback_false": form.feedback_false.data or ""}, []

    def place_error(self, form, name: str, rows: list[int], names: list[str]) -> list | None:
        fields = {"answer": "answer_bool", "feedback_true": "feedback_true", "feedback_false": "feedback_false"}
        return place_in(getattr(form, fields[name])) if name in fields else None

    def form_message(self, name: str, message: str) -> str:
        return _("Choose whether the statement is true or false.") if name == "answer" else message
