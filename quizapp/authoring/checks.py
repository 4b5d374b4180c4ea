"""The item checker's warnings for the authoring pages: an article's whole bank, or one question in it.

Read-only: it runs bank.checker over the article's stored questions, so the question list and
the question form show what `flask check-questions` would print for the same questions.
"""
from dataclasses import dataclass, field

from ..bank.checker import ItemWarning, check_items, item_of
from ..models import Question


@dataclass
class BankWarnings:
    bank: list[ItemWarning] = field(default_factory=list)  # about the whole bank (where the keys sit, …)
    by_key: dict[str, list[ItemWarning]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.bank) + sum(len(found) for found in self.by_key.values())


def article_warnings(questions: list[Question]) -> BankWarnings:
    """Every warning about the article's questions, the bank's apart from each question's."""
    result = BankWarnings()
    for warning in check_items([item_of(question) for question in questions]):
        if warning.question is None:
            result.bank.append(warning)
        else:
            result.by_key.setdefault(warning.question, []).append(warning)
    return result


def question_warnings(question: Question, questions: list[Question]) -> list[ItemWarning]:
    """The warnings that name this question, checked against the rest of its article's bank."""
    return [warning for warning in check_items([item_of(q) for q in questions])
            if warning.question is not None and warning.concerns(question.key)]
