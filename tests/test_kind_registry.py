"""A question kind is its module, its templates and one registry line: a kind defined only in this
test is taken through the question-file import, the authoring form and preview, a quiz, grading,
the review, the item analysis and the export, with nothing else in the app changed."""
import io
import re

import pytest
import yaml
from flask import url_for
from jinja2 import ChoiceLoader, DictLoader
from wtforms import StringField

from quizapp.bank.schema import validate_document
from quizapp.extensions import db
from quizapp.kinds import INVALID, KINDS, Kind, Result
from quizapp.kinds.base import place_in
from quizapp.models import Article, Question, Quiz

from .conftest import MINI_FILE


class Year(Kind):
    """In which year did it happen? Four digits, right or wrong."""

    name = "year"
    label = "Jahreszahl"

    def validate_spec(self, question, ctx):
        year = question.get("year")
        if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 2999:
            ctx.error("year", "Give the year as four digits, e.g. 2022.")
            year = 2000
        return {"year": year}

    def file_fields(self, spec):
        return {"year": spec["year"]}

    def parse(self, spec, values):
        values = [value.strip() for value in values if value.strip()]
        if not values:
            return None
        return int(values[0]) if len(values) == 1 and re.fullmatch(r"\d{4}", values[0]) else INVALID

    def grade(self, spec, points, answer):
        correct = type(answer) is int and answer == spec["year"]
        return Result(float(points) if correct else 0.0, points, correct)

    def correct_answer(self, spec):
        return f"im Jahr {spec['year']}"

    def summarize(self, spec, answer):
        return f"im Jahr {answer}" if type(answer) is int else ""

    def form_fields(self):
        return {"year": StringField("Jahr")}

    def form_data(self, entry):
        return {"year": str(entry.get("year", ""))}

    def entry_from_form(self, form, reserved):
        text = (form.year.data or "").strip()
        return {"year": int(text) if text.isdigit() else text}, []

    def place_error(self, form, name, rows, names):
        return place_in(form.year) if name == "year" else None


TEMPLATES = {
    "kinds/year.html": """{% extends "kinds/_question.html" %}
{% block input %}<input type="text" class="year-input" name="{{ item.field }}" inputmode="numeric" maxlength="4">{% endblock %}""",
    "kinds/year_form.html": """<fieldset class="year-editor"><legend>Jahr</legend>{{ form.year(class_="year-field") }}
{% for message in form.year.errors %}<p class="year-error">{{ message }}</p>{% endfor %}</fieldset>""",
}
QUOTE = "Die Gemeinde plant die Brücken seit 2022."


@pytest.fixture
def year_kind(app, monkeypatch):
    """Register the kind (one registry line) and its templates, for this test only."""
    monkeypatch.setitem(KINDS, "year", Year())
    app.jinja_env.loader = ChoiceLoader([DictLoader(TEMPLATES), app.jinja_env.loader])
    return KINDS["year"]


def question_file() -> bytes:
    data = yaml.safe_load(MINI_FILE.read_text(encoding="utf-8"))
    data["article"]["blocks"].append({"anchor": "absatz-3", "kind": "paragraph", "text": QUOTE})
    data["questions"] = [{"id": "seit-wann", "kind": "year", "category": "figures", "points": 2,
                          "prompt": "Seit welchem Jahr plant die Gemeinde die Brücken?", "year": 2022,
                          "explanation": "Der letzte Absatz nennt 2022.",
                          "quote": {"exact": "seit 2022", "passage": "absatz-3"}}]
    data["quiz"] = {"title": "Jahres-Quiz", "code": "JAHR22", "public": True, "shuffle_options": True}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def test_a_kind_defined_only_in_a_test_works_end_to_end(app, year_kind, teacher, client):
    # The question file: imported through the web, validated by the kind.
    response = teacher.post("/teacher/import", data={"file": (io.BytesIO(question_file()), "jahr.yaml")},
                            content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        question = db.session.execute(db.select(Question).filter_by(key="seit-wann")).scalar_one()
        article_id, question_id, spec = question.article_id, question.id, question.spec
        quiz_id = db.session.execute(db.select(Quiz.id).filter_by(code="JAHR22")).scalar_one()
    assert spec == {"year": 2022}

    # The authoring form: the kind's field, filled from the stored question; its errors beside it.
    edit = teacher.get(f"/teacher/questions/{question_id}/edit").get_data(as_text=True)
    assert 'class="year-field"' in edit and 'value="2022"' in edit and "Jahreszahl" in edit
    form = {"prompt": "In welchem Jahr begann die Planung?", "category": "figures", "points": "1",
            "difficulty": "medium", "status": "draft", "tags": "", "explanation": "Siehe Absatz 3.",
            "quote_exact": "seit 2022", "quote_passage": "absatz-3"}
    refused = teacher.post(f"/teacher/articles/{article_id}/questions/new?kind=year", data={**form, "year": "bald"})
    assert refused.status_code == 400
    assert '<p class="year-error">Give the year as four digits, e.g. 2022.</p>' in refused.get_data(as_text=True)
    saved = teacher.post(f"/teacher/articles/{article_id}/questions/new?kind=year", data={**form, "year": "2022"})
    assert saved.status_code == 302
    with app.app_context():
        written = db.session.execute(db.select(Question).filter_by(prompt=form["prompt"])).scalar_one()
        assert (written.kind, written.spec) == ("year", {"year": 2022})

    # The preview shows the kind's input and grades a trial answer with it.
    preview = teacher.post(f"/teacher/questions/{question_id}/preview", data={f"q{question_id}": "2022"})
    assert 'class="year-input"' in preview.get_data(as_text=True) and "2 / 2" in preview.get_data(as_text=True)

    # A quiz: the kind's input on the page, the answer graded by the kind, the review in its words.
    start = client.post("/quiz/JAHR22/start", data={"display_name": "Mia"})
    attempt_url = start.headers["Location"]
    page = client.get(attempt_url).get_data(as_text=True)
    assert f'class="year-input" name="q{question_id}"' in page
    assert "Seit welchem Jahr plant die Gemeinde die Brücken?" in page
    assert client.post(attempt_url, data={f"q{question_id}": "2022"}).status_code == 302
    result = client.get(f"{attempt_url}/result").get_data(as_text=True)
    assert "2 / 2" in result
    assert re.search(r"<strong>im Jahr 2022</strong>", result)  # the student's answer, in the kind's words
    assert "Richtige Antwort: <strong>im Jahr 2022</strong>" in result

    # A wrong year scores 0, and the teacher's item analysis counts it.
    other = client.__class__(app)
    wrong = other.post("/quiz/JAHR22/start", data={"display_name": "Leo"}).headers["Location"]
    other.post(wrong, data={f"q{question_id}": "2021"})
    assert "0 / 2" in other.get(f"{wrong}/result").get_data(as_text=True)
    with app.test_request_context():
        items_url = url_for("results.items", quiz_id=quiz_id)
    items = teacher.get(items_url)
    assert items.status_code == 200 and "Jahreszahl" in items.get_data(as_text=True)

    # The export writes the kind's own fields, and they validate back to the stored question.
    exported = yaml.safe_load(teacher.get(f"/teacher/articles/{article_id}/export").data)
    entry = next(q for q in exported["questions"] if q["id"] == "seit-wann")
    assert entry["kind"] == "year" and entry["year"] == 2022
    document, errors = validate_document(exported, "export.yaml")
    assert errors == []
    assert next(q for q in document["questions"] if q["key"] == "seit-wann")["spec"] == {"year": 2022}


def test_an_unregistered_kind_is_refused_by_the_file_check(app):
    data = yaml.safe_load(question_file())
    with app.test_request_context("/?lang=en"):
        _, errors = validate_document(data, "jahr.yaml")
    assert [error.field for error in errors] == ["kind"]
    assert "Unknown kind year" in errors[0].message
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Article)) == 0
