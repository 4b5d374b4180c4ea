"""Each question kind graded as a pure function: no app, no database, no request."""
import pytest

from quizapp.kinds import INVALID, KINDS

SINGLE = {"options": [
    {"key": "a", "text": "Der Sekretär", "correct": True, "feedback": "Ja."},
    {"key": "b", "text": "Putin", "correct": False, "feedback": "Nein, er wird nicht zitiert."},
    {"key": "c", "text": "Kim", "correct": False, "feedback": ""},
]}
MULTI = {"options": [
    {"key": "a", "text": "Geld", "correct": True, "feedback": ""},
    {"key": "b", "text": "Know-how", "correct": True, "feedback": ""},
    {"key": "c", "text": "Erdöl", "correct": False, "feedback": ""},
    {"key": "d", "text": "Land", "correct": False, "feedback": ""},
]}
EXACT = {"value": 5000.0, "tolerance": 0.0, "min": 5000.0, "max": 5000.0, "unit": "Bausoldaten"}
RANGE = {"min": 14000.0, "max": 15000.0, "unit": ""}
TOLERANT = {"value": 5000.0, "tolerance": 100.0, "min": 4900.0, "max": 5100.0, "unit": ""}


def grade(kind, spec, values, points=1):
    k = KINDS[kind]
    return k.grade(spec, points, k.parse(spec, values))


def test_single_choice_right_wrong_and_feedback():
    right = grade("single_choice", SINGLE, ["a"], points=2)
    assert (right.points, right.max_points, right.correct, right.feedback) == (2.0, 2, True, ["Ja."])
    wrong = grade("single_choice", SINGLE, ["b"], points=2)
    assert (wrong.points, wrong.correct, wrong.feedback) == (0.0, False, ["Nein, er wird nicht zitiert."])


@pytest.mark.parametrize("values", [[], [""], ["z"], ["a", "b"], ["<script>"]])
def test_single_choice_blank_forged_or_double_scores_zero(values):
    assert grade("single_choice", SINGLE, values).points == 0.0


@pytest.mark.parametrize("values, points, correct", [
    (["a", "b"], 1.0, True),            # exactly right
    (["a"], 0.5, False),                # half the right options
    (["a", "c"], 0.0, False),           # 1/2 right - 1/2 wrong
    (["a", "b", "c"], 0.5, False),      # all right, one of two wrong
    (["a", "b", "c", "d"], 0.0, False), # ticking everything earns nothing
    (["c"], 0.0, False),                # clamped at zero, never negative
    ([], 0.0, False),
])
def test_multiple_select_partial_credit(values, points, correct):
    result = grade("multiple_select", MULTI, values)
    assert (result.points, result.correct) == (points, correct)


def test_multiple_select_scales_partial_credit_with_points():
    assert grade("multiple_select", MULTI, ["b"], points=3).points == 1.5


def test_multiple_select_rejects_forged_keys_and_duplicates():
    assert KINDS["multiple_select"].parse(MULTI, ["a", "x"]) is INVALID
    assert KINDS["multiple_select"].parse(MULTI, ["a", "a"]) is INVALID


def test_true_false():
    spec = {"answer": False, "feedback_true": "", "feedback_false": ""}
    assert grade("true_false", spec, ["false"]).correct
    assert not grade("true_false", spec, ["true"]).correct
    assert KINDS["true_false"].parse(spec, ["yes"]) is INVALID


@pytest.mark.parametrize("text", ["5000", "5'000", "5’000", "5 000", "5.000"])
def test_numeric_accepts_german_spellings(text):
    assert grade("numeric", EXACT, [text]).correct


@pytest.mark.parametrize("text, correct", [("4999", False), ("5001", False), ("5000,0", True)])
def test_numeric_exact_has_no_tolerance(text, correct):
    assert grade("numeric", EXACT, [text]).correct is correct


@pytest.mark.parametrize("text, correct", [("4900", True), ("5100", True), ("4899", False), ("5'101", False)])
def test_numeric_tolerance_is_inclusive(text, correct):
    assert grade("numeric", TOLERANT, [text]).correct is correct


@pytest.mark.parametrize("text, correct", [("14000", True), ("14'500", True), ("15.000", True), ("13999", False), ("16000", False)])
def test_numeric_range(text, correct):
    assert grade("numeric", RANGE, [text]).correct is correct


@pytest.mark.parametrize("values", [["viele"], ["5000", "6000"], ["9" * 50]])
def test_numeric_malformed_is_invalid_and_scores_zero(values):
    assert KINDS["numeric"].parse(EXACT, values) is INVALID
    assert grade("numeric", EXACT, values).points == 0.0


def test_numeric_correct_answer_is_written_the_swiss_way():
    assert KINDS["numeric"].correct_answer(RANGE) == "14'000 to 15'000"
    assert KINDS["numeric"].correct_answer(EXACT) == "5000 Bausoldaten"  # four digits stay together


def test_evidence_grades_like_single_choice_over_quotes():
    spec = {"options": [
        {"key": "a", "quote": "Das ist nicht bekannt.", "text": "Das ist nicht bekannt.", "anchor": "antwort-1", "correct": True, "feedback": ""},
        {"key": "b", "quote": "Details zu Zahlen nannten sie nicht.", "text": "Details zu Zahlen nannten sie nicht.", "anchor": "antwort-4", "correct": False, "feedback": ""},
    ]}
    assert grade("evidence", spec, ["a"]).correct
    assert not grade("evidence", spec, ["b"]).correct
    assert [o["text"] for o in KINDS["evidence"].display_options(spec)] == ["Das ist nicht bekannt.", "Details zu Zahlen nannten sie nicht."]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_display_options_never_carry_correctness(kind):
    spec = {"single_choice": SINGLE, "multiple_select": MULTI, "true_false": {"answer": True},
            "numeric": EXACT, "evidence": {"options": [dict(o, quote=o["text"]) for o in SINGLE["options"]]}}[kind]
    for option in KINDS[kind].display_options(spec):
        assert set(option) == {"key", "text"}


def test_grading_is_deterministic():
    first = grade("multiple_select", MULTI, ["a", "b", "d"], points=4)
    assert first.points == 2.0
    assert all(grade("multiple_select", MULTI, ["d", "b", "a"], points=4) == first for _ in range(5))


def test_multiple_select_summaries_read_well_after_sentences():
    sentences = {"options": [
        {"key": "a", "text": "Die Ukraine hielt die Region besetzt.", "correct": True, "feedback": ""},
        {"key": "b", "text": "Die Armee zog sich zurück.", "correct": True, "feedback": ""},
        {"key": "c", "text": "Putin war dort.", "correct": False, "feedback": ""},
    ]}
    expected = "Die Ukraine hielt die Region besetzt. · Die Armee zog sich zurück."
    assert KINDS["multiple_select"].correct_answer(sentences) == expected
    assert KINDS["multiple_select"].summarize(sentences, ["a", "b"]) == expected
    assert KINDS["multiple_select"].summarize(MULTI, ["a", "b"]) == "Geld · Know-how"
