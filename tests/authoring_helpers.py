"""Helpers for the authoring tests: a small article, form data per kind, and lookups."""
import re

from quizapp.extensions import db
from quizapp.models import Article, Question

from .conftest import sign_in

TITLE = "Velo-Netz für die Stadt"
TEXT = """Die Stadt plant ein Velo-Netz

Die Stadt will bis 2030 rund 120 Kilometer Velowege bauen. Das kostet laut Stadtrat 40 Millionen Franken.

## Wer bezahlt das?

Der Kanton übernimmt die Hälfte, sagt der Stadtrat. Experten vermuten, dass es teurer wird.

Gegner sagen, das Geld fehle anderswo. Gegner sagen, das sei zu teuer.

Bild: Keystone
Legende: Velofahrer auf der Hauptstrasse.
"""


def create_article(client, text: str = TEXT, title: str = TITLE, **extra) -> int:
    data = {"title": title, "outlet": "Testblatt", "language": "de", "published": "2025-03", "text": text, **extra}
    response = client.post("/teacher/articles/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def base(**overrides) -> dict:
    data = {"category": "figures", "points": "1", "difficulty": "medium", "status": "published", "tags": "",
            "explanation": "Der Text sagt es."}
    data.update(overrides)
    return data


def single_choice(**overrides) -> dict:
    return base(**{"prompt": "Wer bezahlt die Hälfte?", "category": "actors",
                   "options-0-text": "Der Kanton", "options-0-correct": "y", "options-0-feedback": "Richtig.",
                   "options-1-text": "Der Bund", "options-2-text": "Die Gegner",
                   "quote_exact": "Der Kanton übernimmt die Hälfte", "quote_passage": "p-2", **overrides})


def multiple_select(**overrides) -> dict:
    return base(**{"prompt": "Was ist eine Vermutung oder Meinung?", "category": "sourcing",
                   "options-0-text": "Dass es teurer wird", "options-0-correct": "y",
                   "options-1-text": "Dass das Geld anderswo fehlt", "options-1-correct": "y",
                   "options-2-text": "Die Länge des Netzes",
                   "quote_exact": "Experten vermuten, dass es teurer wird.", "quote_passage": "", **overrides})


def true_false(**overrides) -> dict:
    return base(**{"prompt": "Stimmt es? «Der Bund bezahlt die Hälfte.»", "answer_bool": "false",
                   "feedback_false": "Genau: der Kanton.", "quote_exact": "Der Kanton übernimmt die Hälfte",
                   "quote_passage": "p-2", **overrides})


def numeric(**overrides) -> dict:
    return base(**{"prompt": "Wie viele Kilometer Velowege will die Stadt bauen?", "numeric_mode": "value",
                   "value": "120", "tolerance": "0", "unit": "km", "quote_exact": "rund 120 Kilometer Velowege",
                   "quote_passage": "p-1", **overrides})


def evidence(**overrides) -> dict:
    return base(**{"prompt": "Welche Stelle belegt: «Die Kosten könnten steigen.»?", "category": "sourcing",
                   "points": "2",
                   "options-0-quote": "Experten vermuten, dass es teurer wird.", "options-0-passage": "p-2",
                   "options-0-correct": "y",
                   "options-1-quote": "Das kostet laut Stadtrat 40 Millionen Franken.", "options-1-passage": "p-1",
                   "options-2-quote": "Gegner sagen, das Geld fehle anderswo.", "options-2-passage": "",
                   **overrides})


FORMS = {"single_choice": single_choice, "multiple_select": multiple_select, "true_false": true_false,
         "numeric": numeric, "evidence": evidence}


def post_question(client, article_id: int, kind: str, data: dict):
    return client.post(f"/teacher/articles/{article_id}/questions/new?kind={kind}", data=data)


def add_question(client, article_id: int, kind: str, **overrides) -> int:
    response = post_question(client, article_id, kind, FORMS[kind](**overrides))
    assert response.status_code == 302, response.get_data(as_text=True)
    return saved_id(response)


def saved_id(response) -> int:
    """The id of the question a save redirected for (…/articles/<id>?saved=<question id>#saved-note)."""
    return int(re.search(r"[?&]saved=(\d+)", response.headers["Location"]).group(1))


def questions_of(app, article_id: int) -> list[Question]:
    with app.app_context():
        rows = db.session.execute(db.select(Question).filter_by(article_id=article_id)
                                  .order_by(Question.position, Question.id)).scalars().all()
        for question in rows:
            db.session.expunge(question)
        return rows


def question(app, question_id: int) -> Question:
    with app.app_context():
        row = db.session.get(Question, question_id)
        _ = row.passage, row.versions  # load before leaving the session
        db.session.expunge_all()
        return row


def seed_article_id(app) -> int:
    with app.app_context():
        return db.session.execute(db.select(Article.id).filter_by(owner_id=None)).scalars().first()


def other_teacher_client(app, make_teacher):
    make_teacher("kollege@schule.ch", "Herr Graf")
    client = app.test_client()
    assert sign_in(client, "kollege@schule.ch").status_code == 302
    return client
