"""Simulated students: form values a student of a given ability would send for a question.

A two-parameter logistic model with guessing decides whether the answer is right:
P(right) = c + (1 - c) / (1 + exp(-1.7 · a · (ability - b))), where b is the question's
difficulty, a its discrimination and c the chance of guessing. Wrong answers favour one
"tempting" distractor per question, as real classes do. What a right or wrong answer looks like,
and the chance of guessing, is the question kind's (``Kind.demo_values``, ``guess_chance``);
grading is left to quizapp.kinds too.
"""
import math
import random
from dataclasses import dataclass

from ..kinds import get_kind

LEVEL = {"easy": -1.2, "medium": 0.0, "hard": 1.0}


@dataclass
class Profile:
    """How one question behaves in the simulation."""

    question_id: int
    kind: str
    spec: dict
    b: float
    a: float
    c: float
    tempting: str | None  # option key that attracts most wrong answers

    def p_right(self, ability: float) -> float:
        return self.c + (1 - self.c) / (1 + math.exp(-1.7 * self.a * (ability - self.b)))


def profile(rng: random.Random, question_id: int, snapshot: dict, role: str | None = None) -> Profile:
    """Draw a question's parameters; a ``role`` makes it far too easy, too hard or misleading
    (weak students do better on it than strong ones), so every flag of the item analysis shows."""
    spec, kind = snapshot["spec"], snapshot["kind"]
    wrong = [o["key"] for o in spec.get("options", []) if not o.get("correct")]
    guess = get_kind(kind).guess_chance(spec)
    b = {"easy": -4.0, "hard": 3.0}.get(role, LEVEL.get(snapshot.get("difficulty"), 0.0) + rng.gauss(0, 0.6))
    return Profile(question_id, kind, spec, b=b, a=-0.6 if role == "odd" else rng.uniform(0.5, 1.8),
                   c=0.0 if role == "hard" else guess, tempting=rng.choice(wrong) if wrong else None)


def answer(rng: random.Random, p: Profile, ability: float) -> list[str]:
    """The values the browser would post for this question (empty: left blank)."""
    if rng.random() < 0.03 / (1 + math.exp(ability)):  # weaker students skip a little more
        return []
    right = rng.random() < p.p_right(ability)
    return get_kind(p.kind).demo_values(p.spec, right, rng, p.tempting)
