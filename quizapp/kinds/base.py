"""What every question kind provides, and the small types they share.

A kind works on a version snapshot's ``spec`` (plain JSON data) and never touches the request,
the session or the database, so grading is a pure function that tests call directly.
"""
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
    """Base class: subclasses set ``name`` and implement the hooks below."""

    name: str = ""
    uses_options = False

    @property
    def template(self) -> str:
        return f"kinds/{self.name}.html"

    @abstractmethod
    def validate_spec(self, question: dict, ctx: SpecContext) -> dict:
        """Check the kind's fields of a question dict; return the spec to store."""

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
