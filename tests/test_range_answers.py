"""Range answers as teachers write them and students see them: the authoring form's third answer
mode, the preview, the quiz page, the review in the UI's language, the file round trip, and the
rule that numbers in question files are finite."""
import io
import re

import pytest
import yaml

from quizapp.bank.schema import validate_document
from quizapp.extensions import db
from quizapp.models import Question

from .authoring_helpers import add_question, create_article, question
from .conftest import MINI_FILE

TEXT = """Soldaten aus Nordkorea

Schätzungen gehen von 14'000 bis 15'000 Soldaten aus. Die Zahl ist nicht bestätigt.
"""
SPELLINGS = ["14'000–15'000", "14000 bis 15000", "14 000 - 15 000", "14000-15000", "14’000 – 15’000",
             "14.000 bis 15.000"]


@pytest.fixture
def ranged(teacher):
    """An article and a question that asks for the range, written through the authoring form."""
    article_id = create_article(teacher, text=TEXT, title="Soldaten aus Nordkorea")
    question_id = add_question(teacher, article_id, "numeric", numeric_mode="student_range", min="14'000",
                               max="15'000", value="", tolerance="", unit="Soldaten",
                               prompt="Welche Spanne nennen die Schätzungen?",
                               quote_exact="14'000 bis 15'000 Soldaten", quote_passage="p-1")
    return article_id, question_id


def test_the_authoring_form_stores_a_range_question_and_shows_it_again(app, teacher, ranged):
    article_id, question_id = ranged
    assert question(app, question_id).spec == {"range": [14000.0, 15000.0], "min": 14000.0, "max": 15000.0,
                                              "unit": "Soldaten"}
    edit = teacher.get(f"/teacher/questions/{question_id}/edit").get_data(as_text=True)
    assert re.search(r'<input checked [^>]*value="student_range">', edit)
    assert 'name="min" type="text" value="14000"' in edit and 'name="max" type="text" value="15000"' in edit
    assert "the range itself" in edit


def test_the_authoring_form_refuses_a_reversed_range_beside_the_field(app, teacher, ranged):
    article_id, _ = ranged
    response = teacher.post(f"/teacher/articles/{article_id}/questions/new?kind=numeric", data={
        "prompt": "Spanne?", "category": "figures", "points": "1", "difficulty": "medium", "status": "published",
        "numeric_mode": "student_range", "min": "15000", "max": "14000", "quote_exact": "14'000 bis 15'000",
        "quote_passage": "p-1"})
    assert response.status_code == 400
    assert "first number must be smaller than its second" in response.get_data(as_text=True)


@pytest.mark.parametrize("text, score", [(SPELLINGS[0], "1 / 1"), (SPELLINGS[3], "1 / 1"), ("14500", "0 / 1")])
def test_the_preview_grades_a_range_and_refuses_a_single_number(teacher, ranged, text, score):
    _, question_id = ranged
    page = teacher.post(f"/teacher/questions/{question_id}/preview", data={f"q{question_id}": text})
    assert score in page.get_data(as_text=True)
    assert "Correct answer: <strong>14,000–15,000 Soldaten</strong>" in page.get_data(as_text=True)  # the English UI's way


def range_file() -> bytes:
    data = yaml.safe_load(MINI_FILE.read_text(encoding="utf-8"))
    data["article"]["blocks"].append({"anchor": "absatz-3", "kind": "paragraph",
                                      "text": "Schätzungen gehen von 14'000 bis 15'000 Soldaten aus."})
    data["questions"] = [{"id": "spanne", "kind": "numeric", "category": "figures",
                          "prompt": "Welche Spanne nennen die Schätzungen?", "answer": {"range": [14000, 15000]},
                          "quote": {"exact": "14'000 bis 15'000 Soldaten", "passage": "absatz-3"}},
                         {"id": "irgendeine", "kind": "numeric", "category": "figures",
                          "prompt": "Nenne eine Zahl aus der geschätzten Spanne.", "answer": {"min": 14000, "max": 15000},
                          "quote": {"exact": "Schätzungen gehen von", "passage": "absatz-3"}}]
    data["quiz"] = {"title": "Spannen", "code": "SPANNE1", "public": True}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@pytest.fixture
def range_quiz(app, teacher):
    response = teacher.post("/teacher/import", data={"file": (io.BytesIO(range_file()), "spanne.yaml")},
                            content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        return dict(db.session.execute(db.select(Question.key, Question.id)).all())


def answer(client, ids, spanne: str, irgendeine: str = "") -> str:
    url = client.post("/quiz/SPANNE1/start", data={"display_name": "Mia"}).headers["Location"]
    page = client.get(url).get_data(as_text=True)
    assert "1'200–1'500 oder 1200 bis 1500" in page  # the range question's hint, in German
    client.post(url, data={f"q{ids['spanne']}": spanne, f"q{ids['irgendeine']}": irgendeine})
    return client.get(f"{url}/result").get_data(as_text=True)


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_of_the_range_scores_in_a_quiz(app, range_quiz, spelling):
    result = answer(app.test_client(), range_quiz, spelling)
    assert "1 / 2" in result
    assert "Deine Antwort: <strong>14&#39;000–15&#39;000</strong>" in result
    assert "Richtige Antwort: <strong>14&#39;000–15&#39;000</strong>" in result


def test_a_single_number_inside_the_range_scores_0_where_the_range_is_asked(app, range_quiz):
    result = answer(app.test_client(), range_quiz, "14'500", irgendeine="14'500")
    assert "1 / 2" in result  # the "any number" question's point only
    assert "Deine Antwort: <strong>14&#39;500</strong>" in result


def test_the_review_speaks_the_uis_language(app, range_quiz):
    client = app.test_client()
    client.get("/?lang=en")
    url = client.post("/quiz/SPANNE1/start", data={"display_name": "Mia"}).headers["Location"]
    client.post(url, data={f"q{range_quiz['spanne']}": "14000 to 15000"})
    result = client.get(f"{url}/result").get_data(as_text=True)
    # English words and English numbers (German writes 14'000).
    assert "Correct answer: <strong>14,000–15,000</strong>" in result
    assert "Correct answer: <strong>14,000 to 15,000</strong>" in result  # the "any number" question


def test_the_export_writes_the_range_and_validates_back(app, teacher, range_quiz):
    with app.app_context():
        article_id = db.session.get(Question, range_quiz["spanne"]).article_id
    exported = yaml.safe_load(teacher.get(f"/teacher/articles/{article_id}/export").data)
    answers = {q["id"]: q["answer"] for q in exported["questions"]}
    assert answers == {"spanne": {"range": [14000, 15000]}, "irgendeine": {"min": 14000, "max": 15000}}
    document, errors = validate_document(exported, "export.yaml")
    assert errors == []
    with app.app_context():
        stored = {q.key: q.spec for q in db.session.execute(db.select(Question)).scalars()}
    assert {q["key"]: q["spec"] for q in document["questions"]} == stored


@pytest.mark.parametrize("answer, field", [("{value: .inf}", "answer.value"), ("{value: .nan}", "answer.value"),
                                           ("{min: -.inf, max: 5}", "answer.min"),
                                           ("{range: [1, .inf]}", "answer.range[1]")])
def test_an_import_with_a_non_finite_number_is_refused_naming_the_field(app, teacher, answer, field):
    text = MINI_FILE.read_text(encoding="utf-8").replace("answer: {value: 12, tolerance: 0}", f"answer: {answer}")
    teacher.set_cookie("lang", "en")
    response = teacher.post("/teacher/import", data={"file": (io.BytesIO(text.encode()), "x.yaml")},
                            content_type="multipart/form-data")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert field in page and "must be a number" in page
