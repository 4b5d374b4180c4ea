"""Validation errors of question files and forms: where the problem is and how to fix it."""
from dataclasses import dataclass


@dataclass(frozen=True)
class BankError:
    file: str
    question: str | None  # the question's id, None for article or file-level problems
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.question:
            where += f" · {self.question}"
        if self.field:
            where += f" · {self.field}"
        return f"{where}: {self.message}"


class BankValidationError(Exception):
    """Raised with every error found, so the author can fix them all at once."""

    def __init__(self, errors: list[BankError]):
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors
