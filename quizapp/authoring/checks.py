"""The item checker's warnings for the authoring pages: an article's whole bank, or one question in it.

Read-only: it runs bank.checker over the article's stored questions, so the question list and
the question form show what `flask check-questions` would print for the same questions. On the
web a question is named by the start of its prompt, not by its key: teachers never type the key.
"""
from dataclasses import dataclass, field, replace
from textwrap import shorten

from ..bank.checker import ItemWarning, check_items, item_of
from ..models import Question

PROMPT_CHARS = 60


@dataclass
class BankWarnings:
    bank: list[ItemWarning] = field(default_factory=list)  # about the whole bank (where the keys sit, …)
    by_key: dict[str, list[ItemWarning]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.bank) + sum(len(found) for found in self.by_key.values())


def display_names(questions: list[Question]) -> dict[str, str]:
    """Each question's key → its name in the warnings: «the start of its prompt», unique in the bank."""
    names: dict[str, str] = {}
    for question in questions:
        start = shorten(question.prompt or question.key, PROMPT_CHARS, placeholder=" …")
        # Quotes inside the name are the inner kind (‹ ›), closed where the shortening cut one off.
        start = start.replace("«", "‹").replace("»", "›")
        start += "›" * (start.count("‹") - start.count("›"))
        name, number = f"«{start}»", 2
        while name in names.values():  # two questions may start alike; the checker tells items apart by name
            name, number = f"«{start}» ({number})", number + 1
        names[question.key] = name
    return names


def checked(questions: list[Question]) -> list[ItemWarning]:
    """The checker's warnings, worded with the display names but pointing at the questions' keys."""
    names = display_names(questions)
    keys = {name: key for key, name in names.items()}
    items = [item_of(question) | {"key": names[question.key]} for question in questions]
    return [replace(warning, question=keys.get(warning.question, warning.question),
                    related=tuple(keys.get(name, name) for name in warning.related))
            for warning in check_items(items)]


def article_warnings(questions: list[Question]) -> BankWarnings:
    """Every warning about the article's questions, the bank's apart from each question's."""
    result = BankWarnings()
    for warning in checked(questions):
        if warning.question is None:
            result.bank.append(warning)
        else:
            result.by_key.setdefault(warning.question, []).append(warning)
    return result


def question_warnings(question: Question, questions: list[Question]) -> list[ItemWarning]:
    """The warnings that name this question, checked against the rest of its article's bank."""
    return [warning for warning in checked(questions)
            if warning.question is not None and warning.concerns(question.key)]
