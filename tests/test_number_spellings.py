"""How a typed number is read on the quiz, as the student sees it on the result page: English and
German spellings of a thousand alike, and what was typed beside what was read when they differ."""
import pytest

from quizapp.extensions import db
from quizapp.models import Attempt, Question

from .helpers.visible import visible


def _question_id(app, key: str) -> int:
    with app.app_context():
        return db.session.execute(db.select(Question.id).filter_by(key=key)).scalar_one()


@pytest.mark.parametrize("language, typed", [("en", "1,000"), ("en", "1000"), ("de", "1.000"), ("de", "1'000"),
                                             ("en", "1 000")])
def test_a_thousand_is_a_thousand_however_it_is_written(seeded, language, typed):
    client = seeded.test_client()
    response = client.post(f"/quiz/KURSK25/start?lang={language}", data={"display_name": "Mia"})
    attempt_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    field = f"q{_question_id(seeded, 'zahlen-sapeur')}"
    assert client.post(f"/attempts/{attempt_id}", data={field: typed}).status_code == 302
    with seeded.app_context():
        assert db.session.get(Attempt, attempt_id).score == 1
    page = visible(client.get(f"/attempts/{attempt_id}/result"))
    review = page.text.split("«Sapeur»?", 1)[1][:200]
    words = {"en": ("Your answer: 1000", "right"), "de": ("Deine Antwort: 1000", "richtig")}[language]
    assert words[0] in review and not page.leaked_markup()
    # What was typed is shown beside what was read only when it is written differently.
    assert (f"({'typed' if language == 'en' else 'eingegeben'}: {typed})" in review) == (typed != "1000")


def test_a_number_read_differently_from_how_it_was_typed_says_so(app, client, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    student.submit(attempt_id, {f"q{_question_id(app, 'anzahl-bruecken')}": "12,0"})
    page = visible(client.get(f"/attempts/{attempt_id}/result"))
    assert "Deine Antwort: 12 (eingegeben: 12,0)" in page
