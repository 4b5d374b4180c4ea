"""A quiz as a paper worksheet: its published questions in quiz order, without anything that
reveals an answer (the options as the quiz page shows them, never their correctness)."""
from .content import snapshots
from ..extensions import db
from ..kinds import get_kind
from ..models import Question, QuestionVersion, Quiz, QuizQuestion


def worksheet_questions(quiz: Quiz) -> list[dict]:
    """Number, prompt, category, points, kind name, options and unit of each question.

    The current version of each published question, as a new attempt would get it, but
    unshuffled: every sheet of a class is the same, so a teacher can correct them side by side.
    """
    rows = db.session.execute(
        db.select(QuestionVersion.id)
        .join(Question, (QuestionVersion.question_id == Question.id) & (QuestionVersion.number == Question.version))
        .join(QuizQuestion, QuizQuestion.question_id == Question.id)
        .where(QuizQuestion.quiz_id == quiz.id, Question.status == "published")
        .order_by(QuizQuestion.position)
    ).scalars().all()
    versions = snapshots(list(rows))
    sheet = []
    for number, version_id in enumerate(rows, start=1):
        snapshot = versions[version_id]
        kind = get_kind(snapshot["kind"])
        spec = snapshot["spec"]
        # Only what the quiz page shows: display_options never carries "correct" or feedback.
        options = [{"key": option["key"], "text": option["text"]} for option in kind.display_options(spec)]
        sheet.append({"number": number, "prompt": snapshot["prompt"], "category": snapshot["category"],
                      "points": snapshot["points"], "kind": kind.name, "options": options,
                      "quotes": bool(getattr(kind, "options_are_quotes", False)),
                      "ranged": "range" in spec, "unit": spec.get("unit")})
    return sheet
