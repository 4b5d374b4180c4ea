"""The shipped question bank on the seed article: valid, anchored, and balanced as promised."""
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from quizapp.bank import read_documents
from quizapp.bank.anchors import occurrences
from quizapp.extensions import db
from quizapp.models import Question, Quiz

from .conftest import SEED_DIR

SEED_FILE = SEED_DIR / "srf-nordkorea-kursk.yaml"
SOURCE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_b5ea6524572bc30f.txt"
FURNITURE = ("date 2025-06", "Personen-Box aufklappen", "Personen-Box zuklappen", "Legende:")


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))


def blocks(raw) -> dict[str, str]:
    return {b["anchor"]: b["text"] for b in raw["article"]["blocks"]}


def test_seed_file_validates_without_errors(app):
    with app.app_context():
        documents, errors = read_documents(SEED_DIR)
    assert errors == []
    assert len(documents) == 1


def test_every_quote_occurs_exactly_once_in_the_passage_it_names(raw):
    texts = blocks(raw)
    for question in raw["questions"]:
        quotes = [question["quote"]] + [o for o in question.get("options", []) if "quote" in o]
        for quote in quotes:
            exact = quote.get("exact", quote.get("quote"))
            assert len(occurrences(texts[quote["passage"]], exact)) == 1, (question["id"], exact)


def test_loaded_questions_point_at_the_named_passage(seeded, raw):
    named = {q["id"]: q["quote"]["passage"] for q in raw["questions"]}
    with seeded.app_context():
        for question in db.session.execute(db.select(Question)).scalars():
            assert question.passage is not None, question.key
            assert question.passage.anchor == named[question.key]
            assert question.quote_exact in question.passage.text


def test_category_minimums(raw):
    categories = Counter(q["category"] for q in raw["questions"])
    assert len(raw["questions"]) >= 30
    assert categories["figures"] >= 8 and categories["actors"] >= 8
    assert categories["motives"] >= 6 and categories["sourcing"] >= 6


def test_every_kind_is_used(raw):
    kinds = Counter(q["kind"] for q in raw["questions"])
    for kind in ("single_choice", "multiple_select", "true_false", "numeric", "evidence"):
        assert kinds[kind] >= 4, kind


def test_question_ids_are_unique(raw):
    ids = [q["id"] for q in raw["questions"]]
    assert len(ids) == len(set(ids))


def test_swiss_spelling_without_eszett():
    assert "ß" not in SEED_FILE.read_text(encoding="utf-8")


def test_every_question_explains_its_answer(raw):
    for question in raw["questions"]:
        assert len(question.get("explanation", "")) >= 40, question["id"]


def test_seed_quiz_is_public_and_has_every_question(seeded, raw):
    with seeded.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(code="KURSK25")).scalar_one()
        assert quiz.published and quiz.public
        assert len(quiz.items) == len(raw["questions"])


@pytest.mark.skipif(not SOURCE.exists(), reason="the shared seed text lies beside the repository in CI")
def test_article_text_is_the_source_without_furniture(raw):
    source = SOURCE.read_text(encoding="utf-8")
    for furniture in FURNITURE:
        source = source.replace(furniture, " ")
    joined = " ".join(" ".join(filter(None, (b["text"], b.get("credit")))) for b in raw["article"]["blocks"])
    for sentence in re.split(r"(?<=[.?!])\s+", " ".join(source.split())):
        sentence = sentence.strip()
        if len(sentence) > 25 and not sentence.startswith("Samuel Emch Ostasien-Korrespondent"):
            assert sentence in joined, sentence
    assert "Personen-Box" not in joined and "date 2025-06" not in joined
