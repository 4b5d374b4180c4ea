"""Range answers for numeric questions: `answer: {range: [14000, 15000]}` asks for the range itself."""
import pytest

from quizapp.kinds import INVALID, KINDS

NUMERIC = KINDS["numeric"]
ASKS_RANGE = {"range": [14000.0, 15000.0], "min": 14000.0, "max": 15000.0, "unit": "Soldaten"}
ANY_IN_RANGE = {"min": 14000.0, "max": 15000.0, "unit": ""}


class Collect:
    """A SpecContext that keeps the errors a kind reports."""

    def __init__(self):
        self.errors: dict[str, str] = {}

    def error(self, field, message):
        self.errors[field] = message

    def resolve_quote(self, exact, anchor, field):
        return anchor


def grade(spec, text, points=1):
    return NUMERIC.grade(spec, points, NUMERIC.parse(spec, [text]))


@pytest.mark.parametrize("text", [
    "14'000–15'000", "14000 bis 15000", "14 000 - 15 000", "14000-15000", "14’000 – 15’000", "14.000 bis 15.000",
    "14000 to 15000", "14'000 — 15'000", "von 14'000 bis 15'000", "14\u202f000–15\u202f000", " 14000 BIS 15000 ",
    "15'000–14'000",  # ends in either order
])
def test_every_usual_spelling_of_the_range_is_right(text):
    result = grade(ASKS_RANGE, text, points=2)
    assert (result.points, result.correct) == (2.0, True), text


@pytest.mark.parametrize("text", ["14500", "14'000", "15000", "14 500"])
def test_a_single_number_scores_zero_where_the_range_is_asked_even_inside_it(text):
    result = grade(ASKS_RANGE, text)
    assert (result.points, result.correct) == (0.0, False)
    assert NUMERIC.summarize(ASKS_RANGE, NUMERIC.parse(ASKS_RANGE, [text])) != ""  # shown as the student wrote it


@pytest.mark.parametrize("text", ["14000-16000", "13'000–15'000", "14000-14000", "14 bis 15"])
def test_a_range_with_other_ends_scores_zero(text):
    assert grade(ASKS_RANGE, text).points == 0.0


@pytest.mark.parametrize("text", ["viele", "14000 bis", "bis 15000", "14000 und 15000", "14000–15000–16000",
                                  "ca. 14000-15000", "1" * 90 + "-2"])
def test_an_unparseable_range_is_invalid_and_scores_zero(text):
    assert NUMERIC.parse(ASKS_RANGE, [text]) is INVALID
    assert grade(ASKS_RANGE, text).points == 0.0


def test_where_any_number_in_the_range_counts_a_single_number_is_right_and_a_range_is_not_read():
    assert grade(ANY_IN_RANGE, "14'500").correct
    assert NUMERIC.parse(ANY_IN_RANGE, ["14000-15000"]) is INVALID


def test_the_correct_answer_and_the_students_answer_are_written_as_a_range():
    assert NUMERIC.correct_answer(ASKS_RANGE) == "14'000–15'000 Soldaten"
    assert NUMERIC.summarize(ASKS_RANGE, NUMERIC.parse(ASKS_RANGE, ["15.000 bis 14.000"])) == "14'000–15'000"


def test_a_range_in_a_question_file_is_read_and_written_back_unchanged():
    ctx = Collect()
    spec = NUMERIC.validate_spec({"answer": {"range": [14000, 15000]}, "unit": "Soldaten"}, ctx)
    assert ctx.errors == {}
    assert spec == ASKS_RANGE
    assert NUMERIC.file_fields(spec) == {"answer": {"range": [14000, 15000]}, "unit": "Soldaten"}
    again = NUMERIC.validate_spec(NUMERIC.file_fields(spec), Collect())
    assert again == spec


@pytest.mark.parametrize("answer, field", [
    ({"range": [15000, 14000]}, "answer.range"),
    ({"range": [14000]}, "answer.range"),
    ({"range": "14000-15000"}, "answer.range"),
    ({"range": [14000, "viele"]}, "answer.range[1]"),
])
def test_a_malformed_range_in_a_file_names_the_field(answer, field):
    ctx = Collect()
    NUMERIC.validate_spec({"answer": answer}, ctx)
    assert field in ctx.errors, ctx.errors


@pytest.mark.parametrize("answer, field", [
    ({"value": float("inf")}, "answer.value"),
    ({"value": float("nan")}, "answer.value"),
    ({"value": 5, "tolerance": float("inf")}, "answer.tolerance"),
    ({"min": float("-inf"), "max": 5}, "answer.min"),
    ({"min": 1, "max": float("nan")}, "answer.max"),
    ({"range": [1, float("inf")]}, "answer.range[1]"),
    ({"value": "9" * 400}, "answer.value"),  # a number that overflows to infinity
])
def test_non_finite_numbers_are_rejected_with_the_field_named(answer, field):
    ctx = Collect()
    NUMERIC.validate_spec({"answer": answer}, ctx)
    assert field in ctx.errors, ctx.errors
    assert "number" in ctx.errors[field]
