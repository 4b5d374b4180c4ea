"""Editing never rewrites history: answered questions keep their scores and reviews after edits."""
import re

import pytest

from quizapp.authoring.question_data import entry_to_data
from quizapp.bank.export import question_entry
from quizapp.extensions import db
from quizapp.models import ANSWER_FIELDS, Attempt, Question, Response
from quizapp.responses import store_pending_responses

from .conftest import MINI_FILE, StudentFlow


def review_page(client, attempt_id: int) -> str:
    """The result page without its per-request CSRF token, which differs between two renders."""
    html = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    return re.sub(r'name="csrf_token"[^>]*>', "", html)


def form_data_of(app, question_id: int, **changes) -> dict:
    """What the edit form posts when the teacher changes only ``changes``."""
    with app.app_context():
        data = entry_to_data(question_entry(db.session.get(Question, question_id)))
    flat = {}
    for index, option in enumerate(data.pop("options", [])):  # only kinds with options have rows
        for name, value in option.items():
            if name == "correct":
                if value:
                    flat[f"options-{index}-correct"] = "y"
            elif value:
                flat[f"options-{index}-{name}"] = value
    flat.update({name: value for name, value in data.items() if value is not None})
    flat.update(changes)
    return flat


@pytest.fixture
def imported(app, teacher_client):
    """The mini article, imported by the teacher, with its published quiz MINI01."""
    response = teacher_client.post("/teacher/import", data={"file": (MINI_FILE.open("rb"), "mini.yaml")},
                                   content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        return dict(db.session.execute(db.select(Question.key, Question.id)).all())


def perfect(ids) -> dict:
    return {f"q{ids['anzahl-bruecken']}": "12", f"q{ids['wer-sagt-kosten']}": "a",
            f"q{ids['was-ist-vermutung']}": ["a", "b"], f"q{ids['beginn-april']}": "false",
            f"q{ids['beleg-datum']}": "a"}


def test_posting_the_edit_form_unchanged_makes_no_new_version(app, teacher_client, imported):
    for key, question_id in imported.items():
        response = teacher_client.post(f"/teacher/questions/{question_id}/edit", data=form_data_of(app, question_id))
        assert response.status_code == 302, (key, response.get_data(as_text=True))
    with app.app_context():
        assert {q.key: q.version for q in db.session.execute(db.select(Question)).scalars()} == dict.fromkeys(imported, 1)


def test_edits_after_answers_keep_old_scores_and_reviews_and_apply_to_new_attempts(app, client, teacher_client,
                                                                                    imported):
    ids = imported
    student = StudentFlow(client)
    attempt_id = student.start("MINI01", "Mia")
    assert student.submit(attempt_id, perfect(ids)).status_code == 302
    review_before = review_page(client, attempt_id)
    assert "6 / 6" in review_before and "Der Gemeinderat" in review_before
    with app.app_context():
        store_pending_responses()
        old_versions = {r.question_id: r.question_version_id for r in db.session.execute(db.select(Response)).scalars()}

    edits = {
        "wer-sagt-kosten": {"prompt": "Wer nennt laut Artikel die Kosten?", "options-0-text": "Der Stadtrat",
                            "options-0-correct": "", "options-1-correct": "y", "options-0-feedback": ""},
        "anzahl-bruecken": {"value": "13", "unit": "neue Brücken"},
        "beginn-april": {"answer_bool": "true", "prompt": "Stimmt es? «Die Bauarbeiten beginnen Ende April.»"},
        "was-ist-vermutung": {"options-2-correct": "y"},
    }
    for key, change in edits.items():
        response = teacher_client.post(f"/teacher/questions/{ids[key]}/edit", data=form_data_of(app, ids[key], **change))
        assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        versions = {q.key: q.version for q in db.session.execute(db.select(Question)).scalars()}
        assert versions == {"wer-sagt-kosten": 2, "anzahl-bruecken": 2, "beginn-april": 2, "was-ist-vermutung": 2,
                            "beleg-datum": 1}
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.score == 6 and attempt.max_score == 6
        responses = db.session.execute(db.select(Response)).scalars().all()
        assert {r.question_id: r.question_version_id for r in responses} == old_versions
        assert all(r.correct for r in responses)

    # The student's review is exactly what it was: same prompts, options, marks and answers.
    assert review_page(client, attempt_id) == review_before

    # A new attempt asks the new versions and grades by them.
    newcomer = StudentFlow(app.test_client())
    new_id = newcomer.start("MINI01", "Noah")
    page = newcomer.client.get(f"/attempts/{new_id}").get_data(as_text=True)
    assert "Wer nennt laut Artikel die Kosten?" in page and "Der Stadtrat" in page and "Der Gemeinderat" not in page
    newcomer.submit(new_id, perfect(ids))
    with app.app_context():
        new_attempt = db.session.get(Attempt, new_id)
        layout_versions = {item["question_id"]: item["version_id"] for item in new_attempt.layout}
        assert layout_versions[ids["wer-sagt-kosten"]] != old_versions[ids["wer-sagt-kosten"]]
        assert layout_versions[ids["beleg-datum"]] == old_versions[ids["beleg-datum"]]
        right = {db.session.get(Question, item["question_id"]).key: stored[ANSWER_FIELDS.index("correct")]
                 for item, stored in zip(new_attempt.layout, new_attempt.answers)}
        assert right == {"anzahl-bruecken": False, "wer-sagt-kosten": False, "was-ist-vermutung": False,
                         "beginn-april": False, "beleg-datum": True}
    review = newcomer.client.get(f"/attempts/{new_id}/result").get_data(as_text=True)
    assert "Correct answer:" in review or "Richtige Antwort" in review
    assert "13 neue Brücken" in review


def test_unpublishing_an_answered_question_keeps_it_in_old_reviews(app, client, teacher_client, imported):
    student = StudentFlow(client)
    attempt_id = student.start("MINI01", "Mia")
    student.submit(attempt_id, perfect(imported))
    before = review_page(client, attempt_id)
    question_id = imported["beleg-datum"]
    assert teacher_client.post(f"/teacher/questions/{question_id}/delete").status_code == 409
    teacher_client.post(f"/teacher/questions/{question_id}/status", data={"status": "draft"})
    assert review_page(client, attempt_id) == before
    newcomer = StudentFlow(app.test_client())
    new_id = newcomer.start("MINI01", "Noah")
    with app.app_context():
        assert question_id not in [item["question_id"] for item in db.session.get(Attempt, new_id).layout]
