"""How a typed number is read on the quiz, as the student sees it on the result page: as the UI's
language writes it where German and English disagree (1.000 / 1,000), and what was typed beside
what was read when they differ."""
import pytest

from quizapp.extensions import db
from quizapp.models import Attempt, Question

from .authoring_helpers import add_question
from .helpers.visible import visible


def _question_id(app, key: str) -> int:
    with app.app_context():
        return db.session.execute(db.select(Question.id).filter_by(key=key)).scalar_one()


@pytest.mark.parametrize("language, typed, right", [
    ("en", "1,000", True), ("en", "1000", True), ("en", "1 000", True), ("de", "1.000", True), ("de", "1'000", True),
    # One mark before three digits is a decimal mark in the other language: one, not a thousand.
    ("de", "1,000", False), ("en", "1.000", False),
])
def test_a_thousand_is_written_as_the_uis_language_writes_it(seeded, language, typed, right):
    client = seeded.test_client()
    response = client.post(f"/quiz/KURSK25/start?lang={language}", data={"display_name": "Mia"})
    attempt_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    field = f"q{_question_id(seeded, 'zahlen-sapeur')}"
    assert client.post(f"/attempts/{attempt_id}", data={field: typed}).status_code == 302
    with seeded.app_context():
        assert db.session.get(Attempt, attempt_id).score == (1 if right else 0)
    page = visible(client.get(f"/attempts/{attempt_id}/result"))
    review = page.text.split("«Sapeur»?", 1)[1][:200]
    read = "1000" if right else "1"
    assert f"{'Your answer' if language == 'en' else 'Deine Antwort'}: {read}" in review and not page.leaked_markup()
    # What was typed is shown beside what was read when it is written differently.
    assert (f"({'typed' if language == 'en' else 'eingegeben'}: {typed})" in review) == (typed != "1000")


def test_the_quiz_page_hint_shows_the_languages_way(seeded):
    for language, hint in (("en", "Write the number in digits, e.g. 1234, 1,234 or 2.5."),
                           ("de", "Schreibe die Zahl in Ziffern, z. B. 1234, 1'234 oder 2,5.")):
        client = seeded.test_client()
        response = client.post(f"/quiz/KURSK25/start?lang={language}", data={"display_name": "Mia"})
        assert hint in visible(client.get(response.headers["Location"])).text


@pytest.mark.parametrize("language, shown", [("de", "12,125"), ("en", "12.125")])
def test_a_decimal_shown_as_the_correct_answer_is_right_when_typed_back(app, teacher, article_id, language, shown):
    # Shown as 12,125 in English, it was read back as twelve thousand and graded wrong.
    teacher.set_cookie("lang", language)
    question_id = add_question(teacher, article_id, "numeric", value=shown, tolerance="0")
    page = visible(teacher.post(f"/teacher/questions/{question_id}/preview", data={f"q{question_id}": shown}))
    correct = {"de": "Richtige Antwort:", "en": "Correct answer:"}[language]
    assert f"{correct} {shown} km" in page
    assert "1 / 1" in page.text  # the trial answer's points: right
