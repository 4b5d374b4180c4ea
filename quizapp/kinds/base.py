"""What every question kind provides, and the small types they share.

A kind owns everything about itself: how its spec in a question file is validated
(``validate_spec``) and written back (``file_fields``); how a posted value is parsed and graded
(pure functions over the version snapshot's ``spec``: no request, session or database); how the
quiz page shows it (``template``) and the review marks it (``correct_keys``, ``review_template``);
whether its options shuffle; its fields on the authoring form; and how a simulated student
answers it (``demo_values``). Everything else in the app asks the kind instead of its name.
"""
import random
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Protocol


class _Invalid:
    """An answer that could not be parsed (forged or malformed); graded as wrong."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()


@dataclass(frozen=True)
class Result:
    points: float
    max_points: int
    correct: bool
    feedback: list[str] = field(default_factory=list)


class SpecContext(Protocol):
    """What a kind may ask while validating a question's spec from a file or a form."""

    def error(self, field: str, message: str) -> None: ...

    def resolve_quote(self, exact: str, anchor: str | None, field: str) -> str | None:
        """Return the anchor of the passage containing ``exact`` or report an error."""


def option_keys(count: int) -> list[str]:
    """Give options the letters a, b, c … that they keep when a file omits keys."""
    return [chr(ord("a") + i) for i in range(count)]


def clamp_points(fraction: float, max_points: int) -> float:
    return round(max(0.0, min(1.0, fraction)) * max_points, 2)


class Kind(ABC):
    """Base class: subclasses set ``name`` and ``label`` and implement the hooks below."""

    name: str = ""
    label: Any = ""
    uses_options = False
    # The question's own quote field is on the form (evidence takes it from its correct option).
    quote_in_form = True
    prompt_hint: Any = None

    # ---------------------------------------------------------------- display

    @property
    def template(self) -> str:
        """The quiz page's input for this kind: extends kinds/_question.html, overrides ``input``."""
        return f"kinds/{self.name}.html"

    @property
    def review_template(self) -> str:
        """How the review shows the student's answer: the options marked, or the answer in words."""
        return "kinds/_review_options.html" if self.uses_options else "kinds/_review_answer.html"

    @property
    def form_template(self) -> str:
        """The kind's fields on the authoring form."""
        return f"kinds/{self.name}_form.html"

    def shuffles_options(self, spec: dict) -> bool:
        """Whether a quiz that shuffles options may reorder this question's options."""
        return self.uses_options

    # ---------------------------------------------------------------- question files

    @abstractmethod
    def validate_spec(self, question: dict, ctx: SpecContext) -> dict:
        """Check the kind's fields of a question dict; return the spec to store."""

    @abstractmethod
    def file_fields(self, spec: dict) -> dict:
        """The fields a question file writes for a stored spec; validate_spec reads them back."""

    def relink_spec(self, spec: dict, find) -> tuple[dict, bool]:
        """The spec after the article's text changed; ``find(exact, anchor)`` gives a quote's new
        anchor or None. Returns the spec and whether every quote in it was found again."""
        return spec, True

    # ---------------------------------------------------------------- answers

    @abstractmethod
    def parse(self, spec: dict, values: list[str]) -> Any:
        """Turn submitted form values into an answer: None if blank, INVALID if malformed."""

    @abstractmethod
    def grade(self, spec: dict, points: int, answer: Any) -> Result:
        """Score an answer deterministically; blank and INVALID answers earn nothing."""

    @abstractmethod
    def correct_answer(self, spec: dict) -> str:
        """The right answer in words, for the review page."""

    @abstractmethod
    def summarize(self, spec: dict, answer: Any) -> str:
        """The student's answer in words, for review pages and exports."""

    def chosen_keys(self, answer: Any) -> list[str]:
        """Option keys picked, stored as rows for option statistics."""
        return []

    def display_options(self, spec: dict) -> list[dict]:
        """Options as the quiz page shows them, without anything that reveals correctness."""
        return []

    def correct_keys(self, spec: dict) -> set[str]:
        """The keys of display_options that are right (review marks, item analysis)."""
        return {option["key"] for option in spec.get("options", []) if option.get("correct")}

    # ---------------------------------------------------------------- authoring form

    def form_fields(self) -> dict:
        """Unbound WTForms fields this kind adds to the question form."""
        return {}

    def form_data(self, entry: dict) -> dict:
        """Data for the kind's form fields from a question-file entry."""
        return {}

    def entry_from_form(self, form, reserved: set[str]) -> tuple[dict, list[int]]:
        """The kind's question-file fields from a submitted form, and the form row of each option."""
        return {}, []

    def place_error(self, form, name: str, rows: list[int], names: list[str]) -> list | None:
        """The error list on the form where a schema error about the kind's field ``name`` belongs.

        None: not the kind's field. ``names``: every error's field, for errors shown only once.
        """
        return None

    def form_message(self, name: str, message: str) -> str:
        """Say it the form's way where the schema's message about ``name`` speaks of file syntax."""
        return message

    # ---------------------------------------------------------------- simulated students

    def guess_chance(self, spec: dict) -> float:
        """How likely a student who guesses gets it right."""
        options = self.display_options(spec)
        return 1 / len(options) if options else 0.0

    def demo_values(self, spec: dict, right: bool, rng: random.Random, tempting: str | None) -> list[str]:
        """Form values a simulated student posts: right or wrong, wrong ones favouring ``tempting``."""
        keys = [option["key"] for option in self.display_options(spec)]
        good, bad = self.correct_keys(spec), [key for key in keys if key not in self.correct_keys(spec)]
        if right or not bad:
            return [key for key in keys if key in good][:1]
        return [rng.choices(bad, [4 if key == tempting else 1 for key in bad])[0]]


def place_in(field) -> list:
    """A WTForms field's error list, made writable (``errors`` is a tuple until validate ran)."""
    field.errors = list(field.errors)
    return field.errors
