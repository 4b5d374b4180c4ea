"""Apply validated question data to a Question and freeze a new version when it changed."""
from ..extensions import db
from ..models import Passage, Question, QuestionVersion


def snapshot_of(question: Question, anchor: str | None) -> dict:
    """Everything needed to show and grade the question later, whatever happens to it."""
    return {
        "kind": question.kind,
        "category": question.category,
        "tags": list(question.tags or []),
        "difficulty": question.difficulty,
        "points": question.points,
        "prompt": question.prompt,
        "explanation": question.explanation,
        "spec": question.spec,
        "quote": {"exact": question.quote_exact, "prefix": question.quote_prefix,
                  "suffix": question.quote_suffix, "anchor": anchor},
    }


def apply_question(question: Question, data: dict, passages: dict[str, Passage]) -> bool:
    """Copy clean question data onto ``question``; return True when a new version was made."""
    question.key = data["key"]
    question.kind = data["kind"]
    question.category = data["category"]
    question.tags = list(data["tags"])
    question.difficulty = data["difficulty"]
    question.points = data["points"]
    question.prompt = data["prompt"]
    question.explanation = data["explanation"]
    question.spec = data["spec"]
    question.status = data["status"]
    quote = data["quote"]
    question.quote_exact = quote["exact"]
    question.quote_prefix = quote["prefix"]
    question.quote_suffix = quote["suffix"]
    question.passage = passages.get(quote["anchor"])
    return record_version(question, quote["anchor"])


def record_version(question: Question, anchor: str | None) -> bool:
    """Freeze the question as a new version unless the newest one already says the same."""
    snapshot = snapshot_of(question, anchor)
    latest = question.versions[-1] if question.versions else None
    if latest is not None and latest.snapshot == snapshot:
        question.version = latest.number
        return False
    number = latest.number + 1 if latest else 1
    question.versions.append(QuestionVersion(number=number, kind=question.kind, category=question.category,
                                             points=question.points, snapshot=snapshot))
    question.version = number
    db.session.flush()
    return True
