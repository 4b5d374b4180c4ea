"""Property-based checks (Hypothesis): every kind's parse and grade, and the question-file loader.

- parse never raises for any posted values, grade never raises for whatever parse returned, and
  the score lies within 0…points;
- the loader loads a file fully or not at all: a file changed at random either loads with every
  question, or is refused with errors and leaves the database exactly as it was.
Examples are derived deterministically (derandomize), so a failure repeats on every run.
"""
import copy
import math
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.bank import BankValidationError, load_path
from quizapp.extensions import db
from quizapp.kinds import KINDS
from quizapp.models import Article, Question, QuestionVersion, Quiz

from .conftest import MINI_FILE
from .kinds.test_odd_input import SPECS

PROPERTY = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
# Posted form values: any text (NUL, surrogates excluded by the HTTP layer are included here anyway),
# number-like text, and the option keys a kind knows.
posted_text = st.one_of(
    st.text(max_size=60),
    st.from_regex(r"[-+]?[0-9'’ .,]{0,20}([–-]|bis|to)?[0-9'’ .,]{0,20}", fullmatch=True),
    st.sampled_from(["a", "b", "c", "d", "true", "false", "inf", "nan", "1e999", "\x00"]),
)
posted_values = st.lists(posted_text, max_size=6)


def _within(result, points: int) -> bool:
    return isinstance(result.points, float) and not math.isnan(result.points) and 0.0 <= result.points <= points


def _kind_and_spec():
    return st.sampled_from(sorted(SPECS)).flatmap(
        lambda name: st.tuples(st.just(name), st.sampled_from(SPECS[name])))


@PROPERTY
@given(kind_and_spec=_kind_and_spec(), values=posted_values, points=st.integers(min_value=1, max_value=100))
def test_every_kind_parses_and_grades_any_posted_values_within_bounds(kind_and_spec, values, points):
    name, spec = kind_and_spec
    kind = KINDS[name]
    answer = kind.parse(spec, values)
    result = kind.grade(spec, points, answer)
    assert _within(result, points), (name, values, result)
    assert isinstance(kind.summarize(spec, answer), str)


def test_every_registered_kind_has_property_examples():
    assert set(KINDS) <= set(SPECS), "add example specs for the new kind to tests/kinds/test_odd_input.py"


# ---------------------------------------------------------------- the loader: all or nothing

MINI = yaml.safe_load(MINI_FILE.read_text(encoding="utf-8"))
ODD_VALUES = st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                       st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=5), st.integers(),
                                                                            max_size=2))


@st.composite
def changed_files(draw):
    """The mini file with one to three fields of its questions or article replaced or removed."""
    document = copy.deepcopy(MINI)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        if draw(st.booleans()):
            target = draw(st.sampled_from(document["questions"]))
        else:
            target = document["article"]
        if not isinstance(target, dict) or not target:
            continue
        field = draw(st.sampled_from(sorted(target)))
        if draw(st.booleans()):
            target[field] = draw(ODD_VALUES)
        else:
            del target[field]
    return document


def _snapshot() -> tuple:
    return tuple(db.session.scalar(db.select(db.func.count()).select_from(model))
                 for model in (Article, Question, QuestionVersion, Quiz))


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(document=changed_files())
def test_the_loader_loads_a_file_fully_or_not_at_all(app, tmp_path_factory, document):
    path = Path(tmp_path_factory.mktemp("bank")) / "changed.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with app.app_context():
        before = _snapshot()
        try:
            summary = load_path(path)
        except BankValidationError as refused:
            assert refused.errors
            db.session.rollback()
            assert _snapshot() == before
        else:
            assert summary.questions == len(document["questions"])
            stored = db.session.scalar(db.select(db.func.count()).select_from(Question)
                                       .join(Article).where(Article.slug == document["article"]["slug"]))
            assert stored == len(document["questions"])
