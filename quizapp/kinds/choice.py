"""Choice kinds: single choice (one right option) and multiple select (partial credit).

Multiple select scores like Moodle's multi-answer question with negative weights: each right
option picked adds 1/(number of right options), each wrong option picked subtracts
1/(number of wrong options); the fraction is clamped to 0..1 and multiplied by the points.
So picking every option scores 0, and the answer is "correct" only when it is exactly right.
"""
import random
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .base import INVALID, Kind, Result, SpecContext, clamp_points, option_keys
from .option_form import option_fields, option_rows, options_data, place_option_error

MIN_OPTIONS, MAX_OPTIONS = 2, 8


def _wrong_option_count() -> str:
    """What a question file hears when its options are no list of the right length."""
    return _("Give between %(low)d and %(high)d options as a list.", low=MIN_OPTIONS, high=MAX_OPTIONS)


def validate_options(question: dict, ctx: SpecContext, *, exactly_one: bool) -> dict:
    raw = question.get("options")
    if not isinstance(raw, list) or not (MIN_OPTIONS <= len(raw) <= MAX_OPTIONS):
        ctx.error("options", _wrong_option_count())
        return {"options": []}
    options = []
    for index, (item, default_key) in enumerate(zip(raw, option_keys(len(raw)))):
        where = f"options[{index}]"
        if not isinstance(item, dict):
            ctx.error(where, _("Each option needs a text, and optionally correct and feedback."))
            continue
        text = str(item.get("text") or "").strip()
        if not text:
            ctx.error(f"{where}.text", _("An option needs a text."))
        correct = item.get("correct", False)
        if not isinstance(correct, bool):
            ctx.error(f"{where}.correct", _("Write correct: true or correct: false."))
            correct = False
        key = str(item.get("key") or default_key)
        options.append({"key": key, "text": text, "correct": correct, "feedback": str(item.get("feedback") or "").strip()})
    keys = [option["key"] for option in options]
    if len(set(keys)) != len(keys):
        ctx.error("options", _("Option keys must be unique."))
    texts = [option["text"].casefold() for option in options]
    if len(set(texts)) != len(texts):
        ctx.error("options", _("Two options have the same text; every option must differ."))
    right = sum(option["correct"] for option in options)
    if exactly_one and right != 1:
        ctx.error("options", _("Mark exactly one option as correct (found %(count)d).", count=right))
    if not exactly_one and right == 0:
        ctx.error("options", _("Mark at least one option as correct."))
    return {"options": options}


# Between option texts in a summary: options are often whole sentences, and "; " after a full stop
# reads as a typo ("…besetzt.; Die…"); a middle dot reads well after a sentence and after a phrase.
OPTION_SEPARATOR = " · "


def option_texts(spec: dict, keys) -> str:
    by_key = {option["key"]: option for option in spec["options"]}
    return OPTION_SEPARATOR.join(by_key[key].get("text") or by_key[key].get("quote", "")
                     for key in keys if isinstance(key, str) and key in by_key)


def options_file_entries(spec: dict, fields: tuple[str, ...]) -> list[dict]:
    """The options as a question file writes them; a key is written only where it is not the default."""
    options = []
    for option, default_key in zip(spec.get("options", []), option_keys(len(spec.get("options", [])))):
        entry = {}
        if option["key"] != default_key:
            entry["key"] = option["key"]  # a kept key after an option was removed
        for name in fields:
            entry[name] = option.get("anchor") if name == "passage" else option[name]
        if option.get("correct"):
            entry["correct"] = True
        if option.get("feedback"):
            entry["feedback"] = option["feedback"]
        options.append(entry)
    return options


def option_feedback(spec: dict, keys) -> list[str]:
    return [o["feedback"] for o in spec["options"] if o["key"] in keys and o.get("feedback")]


class SingleChoice(Kind):
    name = "single_choice"
    label = _l("Single choice")
    uses_options = True
    # The option rows of the authoring form (kinds/_options_form.html):
    options_are_quotes = False
    options_legend = _l("Options")
    options_hint = _l("Mark exactly one option as correct. Empty rows are ignored.")

    def validate_spec(self, question: dict, ctx: SpecContext) -> dict:
        return validate_options(question, ctx, exactly_one=True)

    def file_fields(self, spec: dict) -> dict:
        return {"options": options_file_entries(spec, ("text",))}

    @property
    def form_template(self) -> str:
        return "kinds/_options_form.html"

    def form_fields(self) -> dict:
        return option_fields()

    def form_data(self, entry: dict) -> dict:
        return options_data(entry)

    def entry_from_form(self, form, reserved: set[str]) -> tuple[dict, list[int]]:
        options, rows = option_rows(form, False, reserved)
        return {"options": options}, rows

    def place_error(self, form, name: str, rows: list[int], names: list[str]) -> list | None:
        return place_option_error(form, name, rows)

    def form_message(self, name: str, message: str) -> str:
        if name == "options" and message == _wrong_option_count():  # the file's words: a YAML list
            return _("Fill in between %(low)d and %(high)d options.", low=MIN_OPTIONS, high=MAX_OPTIONS)
        return message

    def parse(self, spec: dict, values: list[str]) -> Any:
        values = [value for value in values if value != ""]
        if not values:
            return None
        keys = {option["key"] for option in spec["options"]}
        if len(values) != 1 or values[0] not in keys:
            return INVALID
        return values[0]

    def grade(self, spec: dict, points: int, answer: Any) -> Result:
        if not isinstance(answer, str):  # blank, INVALID, or not what parse gives
            return Result(0.0, points, False)
        right = next(option["key"] for option in spec["options"] if option["correct"])
        correct = answer == right
        return Result(float(points) if correct else 0.0, points, correct, option_feedback(spec, {answer}))

    def correct_answer(self, spec: dict) -> str:
        return option_texts(spec, [o["key"] for o in spec["options"] if o["correct"]])

    def summarize(self, spec: dict, answer: Any) -> str:
        return option_texts(spec, [answer]) if isinstance(answer, str) else ""

    def chosen_keys(self, answer: Any) -> list[str]:
        return [answer] if isinstance(answer, str) else []

    def display_options(self, spec: dict) -> list[dict]:
        return [{"key": o["key"], "text": o["text"]} for o in spec["options"]]


class MultipleSelect(SingleChoice):
    name = "multiple_select"
    label = _l("Multiple select")
    options_hint = _l("Mark every correct option (at least one). Wrong picks cost points. Empty rows are ignored.")

    def validate_spec(self, question: dict, ctx: SpecContext) -> dict:
        return validate_options(question, ctx, exactly_one=False)

    def parse(self, spec: dict, values: list[str]) -> Any:
        values = [value for value in values if value != ""]
        if not values:
            return None
        keys = [option["key"] for option in spec["options"]]
        if len(set(values)) != len(values) or not set(values) <= set(keys):
            return INVALID
        return [key for key in keys if key in values]  # option order, so equal answers compare equal

    def grade(self, spec: dict, points: int, answer: Any) -> Result:
        if not isinstance(answer, list) or not all(isinstance(key, str) for key in answer):
            return Result(0.0, points, False)
        chosen = set(answer)
        right = {o["key"] for o in spec["options"] if o["correct"]}
        wrong = {o["key"] for o in spec["options"] if not o["correct"]}
        fraction = len(chosen & right) / len(right)
        if wrong:
            fraction -= len(chosen & wrong) / len(wrong)
        return Result(clamp_points(fraction, points), points, chosen == right, option_feedback(spec, chosen))

    def summarize(self, spec: dict, answer: Any) -> str:
        return option_texts(spec, answer) if isinstance(answer, list) else ""

    def chosen_keys(self, answer: Any) -> list[str]:
        return list(answer) if isinstance(answer, list) else []

    def guess_chance(self, spec: dict) -> float:
        return 0.1

    def demo_values(self, spec: dict, right: bool, rng: random.Random, tempting: str | None) -> list[str]:
        keys = [o["key"] for o in spec["options"]]
        good = [key for key in keys if key in self.correct_keys(spec)]
        if right or len(good) == len(keys):
            return good
        partial = set(rng.sample(good, max(0, len(good) - 1)))
        partial |= set(super().demo_values(spec, False, rng, tempting))  # one wrong pick, most often the tempting one
        return [key for key in keys if key in partial]
