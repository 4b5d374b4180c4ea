"""Property-style checks: every kind's parse and grade take any odd input without raising, and
every score lies within 0…points. Inputs are drawn from a seeded generator, so a failure repeats."""
import math
import random

import pytest

from quizapp.kinds import INVALID, KINDS

from .test_grading import EXACT, MULTI, RANGE, SINGLE, TOLERANT
from .test_ranges import ASKS_RANGE

SPECS = {
    "single_choice": [SINGLE], "multiple_select": [MULTI], "true_false": [{"answer": True}, {"answer": False}],
    "numeric": [EXACT, RANGE, TOLERANT, ASKS_RANGE],
    "evidence": [{"options": [{"key": "a", "quote": "Das ist nicht bekannt.", "text": "Das ist nicht bekannt.",
                               "anchor": "p-1", "correct": True, "feedback": ""},
                              {"key": "b", "quote": "Details nannten sie nicht.", "text": "Details nannten sie nicht.",
                               "anchor": "p-2", "correct": False, "feedback": ""}]}],
}
ODD_STRINGS = [
    "", " ", "\x00", "14\x0015", "a\x00", "\u202e5000", "5000\u202d", "x" * 100_000, "9" * 100_000,
    "1" * 40 + "-" + "2" * 39, "inf", "-inf", "nan", "NaN", "1e999", "-1e999", "1e308", "١٢٣٤", "٥٠٠٠-٦٠٠٠",
    "\udcff", "true", "false", "a", "b", "z", "<script>alert(1)</script>", "' OR 1=1 --", "–", "-", "bis",
    "14'000–", "–15'000", "- - -", "0x10", "1_000", "½", "5000,", ",5", "5.000.000,5", "−5 – −3",
]
ODD_ANSWERS = [None, INVALID, "", "a", ["a"], ["a", "a"], [1, 2], [[1], 2], {"a": 1}, 5, 5.0, float("nan"),
               float("inf"), True, False, [14000.0, 15000.0], [15000.0, 14000.0], [float("nan"), 1.0], ["x", 1]]


def odd_values(rng: random.Random) -> list[str]:
    """A posted field: zero to a few values, odd strings and random characters mixed."""
    def one() -> str:
        if rng.random() < 0.5:
            return rng.choice(ODD_STRINGS)
        return "".join(chr(rng.choice([rng.randrange(0, 128), rng.randrange(0, 0x3000)]))
                       for _ in range(rng.randrange(0, 30)))
    return [one() for _ in range(rng.choice([0, 1, 1, 1, 2, 5]))]


def within(result, points) -> bool:
    return isinstance(result.points, float) and not math.isnan(result.points) and 0.0 <= result.points <= points


@pytest.mark.parametrize("name", sorted(SPECS))
def test_parse_and_grade_never_raise_and_score_within_bounds(name):
    kind, rng = KINDS[name], random.Random(f"odd-{name}")
    for spec in SPECS[name]:
        for _ in range(400):
            values, points = odd_values(rng), rng.choice([1, 2, 7, 100])
            answer = kind.parse(spec, values)
            result = kind.grade(spec, points, answer)
            assert within(result, points), (values[:3], result)
            assert isinstance(kind.summarize(spec, answer), str)
        for text in ODD_STRINGS:
            result = kind.grade(spec, 3, kind.parse(spec, [text]))
            assert within(result, 3), (text[:40], result)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_grade_and_summary_take_any_stored_answer(name):
    """Stored answers come back from JSON: whatever shape they have, grading answers 0…points."""
    kind = KINDS[name]
    for spec in SPECS[name]:
        for answer in ODD_ANSWERS:
            assert within(kind.grade(spec, 2, answer), 2), answer
            assert isinstance(kind.summarize(spec, answer), str)
            assert isinstance(kind.chosen_keys(answer), list)
