"""The statistics' per-answer rows: written by the submit, read by pages that never write.

Runs on the test database of the run: SQLite, or PostgreSQL with QUIZAPP_TEST_DATABASE_URL
(`.ci/run` runs the suite on both).
"""
import json
import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from quizapp.services.attempts import start_attempt, submit_attempt
from quizapp.extensions import db
from quizapp.models import Attempt, Question, Quiz, Response, Student

from .conftest import sign_in
from .results_helpers import build_fixed_data
from .test_exports import read_csv
from .test_student_flow import perfect_answers

WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|MERGE|UPSERT|REPLACE|CREATE|DROP|ALTER)\b", re.I)


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.fixture
def data(app, tmp_path, make_teacher, make_attempt):
    """The results tests' fixed data, its article the quiz owner's, so the question edit pages open."""
    built = build_fixed_data(app, tmp_path, make_teacher, make_attempt)
    with app.app_context():
        db.session.get(Quiz, built["quiz"]).article.owner_id = built["owner"]
        db.session.commit()
    return built


@pytest.fixture
def owner(app, data):
    client = app.test_client()
    assert sign_in(client, "owner@schule.ch").status_code == 302
    return client


def teacher_pages(data) -> list[str]:
    """Every teacher page that shows figures, exports or usage counts of the fixed data's quiz."""
    quiz = data["quiz"]
    pages = [f"/teacher/results/{quiz}", f"/teacher/results/{quiz}/items", f"/teacher/results/{quiz}/categories",
             "/teacher/results", *(f"/teacher/results/attempts/{attempt}" for attempt in data["attempts"].values()),
             *(f"/teacher/results/{quiz}/export/{table}.{fmt}"
               for table in ("attempts", "responses", "items") for fmt in ("csv", "json"))]
    for question_id in data["questions"].values():
        pages += [f"/teacher/questions/{question_id}/edit", f"/teacher/questions/{question_id}/preview",
                  f"/teacher/questions/{question_id}/delete"]
    return pages


@contextmanager
def writes_recorded(app):
    """Every writing SQL statement run inside the block, on any connection of the app's engine."""
    written: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if WRITE.match(statement):
            written.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield written
    finally:
        event.remove(engine, "before_cursor_execute", record)


def items_json(client, data) -> dict[str, dict]:
    response = client.get(f"/teacher/results/{data['quiz']}/export/items.json")
    assert response.status_code == 200
    return {item["question_key"]: item for item in json.loads(response.get_data(as_text=True))["items"]}


# ---------------------------------------------------------------- written by the submit

def test_the_submit_writes_the_rows_of_its_answers_once(app, student, mini_quiz):
    first = student.start(mini_quiz)
    assert student.submit(first, perfect_answers(app)).status_code == 302
    assert student.submit(first, {}).status_code == 302  # a second submit changes nothing
    second = student.start(mini_quiz)
    student.submit(second, {})
    with app.app_context():
        assert count(Response) == 10
        stored = db.session.execute(db.select(Response).where(Response.attempt_id == first)
                                    .order_by(Response.position)).scalars().all()
        attempt = db.session.get(Attempt, first)
        assert [(r.question_id, r.points, r.correct, r.raw) for r in stored] == [
            (item["question_id"], points, correct, raw)
            for item, (_answer, raw, points, _max, correct) in zip(attempt.layout, attempt.answers)]


def test_a_failed_write_of_the_rows_leaves_the_attempt_open(app, mini_quiz, monkeypatch):
    """The claim and the rows commit together: a submit that cannot write its rows stores nothing."""
    import quizapp.services.attempts

    def broken(graded):
        raise RuntimeError("disk full")

    with app.test_request_context():
        student = Student(display_name="Mia")
        db.session.add(student)
        db.session.commit()
        attempt = start_attempt(student, db.session.execute(db.select(Quiz)).scalar_one())
        attempt_id, layout = attempt.id, attempt.layout
        monkeypatch.setattr(quizapp.services.attempts, "write_responses", broken)
        with pytest.raises(RuntimeError):
            submit_attempt(attempt, {f"q{item['question_id']}": ["a"] for item in layout})
        db.session.rollback()
        assert db.session.get(Attempt, attempt_id).submitted_at is None
        monkeypatch.undo()
        assert submit_attempt(db.session.get(Attempt, attempt_id), {f"q{layout[0]['question_id']}": ["12"]})
        assert count(Response) == 5


def test_figures_and_exports_count_an_attempt_right_after_its_submit(app, owner, data, make_attempt):
    before = items_json(owner, data)
    assert before["wer-sagt-kosten"]["responses"] == 4
    make_attempt(data["code"], {"wer-sagt-kosten": "b", "anzahl-bruecken": "7"}, name="Eva")
    # No step in between: no command, no other page first.
    after = items_json(owner, data)
    assert after["wer-sagt-kosten"]["responses"] == 5
    assert after["anzahl-bruecken"]["blank"] == before["anzahl-bruecken"]["blank"]
    assert after["wer-sagt-kosten"]["most_tempting_distractor"] == "b"  # Eva's is the only wrong choice
    responses = read_csv(owner.get(f"/teacher/results/{data['quiz']}/export/responses.csv"), "responses")
    assert [row["raw"] for row in responses if row["student"] == "Eva" and row["question_key"] == "anzahl-bruecken"] \
        == ["7"]
    attempts = json.loads(owner.get(f"/teacher/results/{data['quiz']}/export/attempts.json").get_data(as_text=True))
    assert "Eva" in {row["student"] for row in attempts["attempts"]}
    page = owner.get(f"/teacher/results/{data['quiz']}/items").get_data(as_text=True)
    assert "Eva" not in page and owner.get(f"/teacher/results/{data['quiz']}/items").status_code == 200
    history = owner.get(f"/teacher/questions/{data['questions']['wer-sagt-kosten']}/preview")
    assert history.status_code == 200


# ---------------------------------------------------------------- no writes on GET

def test_no_teacher_page_writes_a_row(app, owner, data):
    with app.app_context():
        rows_before = (count(Attempt), count(Response))
    with writes_recorded(app) as written:
        statuses = {page: owner.get(page).status_code for page in teacher_pages(data)}
    assert {page: status for page, status in statuses.items() if status != 200} == {}
    assert written == []
    with app.app_context():
        assert (count(Attempt), count(Response)) == rows_before


# ---------------------------------------------------------------- odd answers harm no one else

ODD_VALUES = {
    "nul": "12\x00",
    "control characters": "\x01\x07\x1b[31m\x7f\x85",
    "lone surrogate": "\ud800a",
    "bidi override": "\u202e21\u202c",
    "100 KB": "a" * 100_000,
}


@pytest.mark.parametrize("value", ODD_VALUES.values(), ids=ODD_VALUES.keys())
def test_an_odd_posted_value_is_neutralised_and_every_page_still_works(app, owner, data, make_attempt, value):
    keys = ("anzahl-bruecken", "wer-sagt-kosten", "was-ist-vermutung", "beginn-april", "beleg-datum")
    odd = make_attempt(data["code"], {key: value for key in keys}, name="Odd")
    with app.app_context():
        raws = db.session.execute(db.select(Response.raw).filter_by(attempt_id=odd)).scalars().all()
        stored = db.session.get(Attempt, odd).answers
    assert len(raws) == 6  # five answered, and the question added after the others' attempts
    for text in raws + [entry[1] for entry in stored]:
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\ud800-\udfff]", text)
        assert len(text) <= 500
    if value.startswith("12"):
        assert raws.count("12\ufffd") == 5  # replaced, not dropped: "12\x00" is not read as the number 12
    for page in teacher_pages(data) + [f"/teacher/results/attempts/{odd}"]:
        assert owner.get(page).status_code == 200, page
    items = items_json(owner, data)
    assert items["wer-sagt-kosten"]["responses"] == 5


def test_a_nul_posted_by_a_browser_is_refused_and_nothing_is_stored(app, student, mini_quiz):
    attempt_id = student.start(mini_quiz)
    with app.app_context():
        number = db.session.execute(db.select(Question.id).filter_by(key="anzahl-bruecken")).scalar_one()
    refused = student.submit(attempt_id, {f"q{number}": "12\x00"})
    assert refused.status_code == 400 and "Steuerzeichen" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Response)) == 0
        assert db.session.get(Attempt, attempt_id).submitted_at is None  # still open: send it again


def test_answers_neutralised_before_parsing_keep_their_length():
    from quizapp.services.answer_text import neutralised
    assert neutralised(["12\x00", "a\u202eb"]) == ["12\ufffd", "a\ufffdb"]


ODD_JSON = ["\x00", {"nested": [[[{}]]]}, [1, None, "zzz", True], "zzz", 1e308, -0.0, True, "x" * 100_000,
            {"\u202e": "\u0000"}]


def test_odd_json_in_one_attempt_leaves_every_other_page_working(app, owner, data, client, student):
    """Whatever one attempt's stored answers hold, other attempts, teachers and pages are not affected."""
    other = student.start(data["code"], name="Eva")
    assert student.submit(other, {}).status_code == 302
    dario = data["attempts"]["Dario"]
    with app.app_context():
        responses = db.session.execute(db.select(Response).filter_by(attempt_id=dario)
                                       .order_by(Response.position)).scalars().all()
        for index, response in enumerate(responses):
            response.answer = ODD_JSON[index % len(ODD_JSON)]
            response.raw = "\u202e" + "y" * 100
        attempt = db.session.get(Attempt, dario)
        attempt.answers = [[value, "", 0, 1, False] for value in ODD_JSON[:len(attempt.layout)]]
        db.session.commit()
    pages = [page for page in teacher_pages(data) if page != f"/teacher/results/attempts/{dario}"]
    assert {page: owner.get(page).status_code for page in pages} == {page: 200 for page in pages}
    assert client.get(f"/attempts/{other}/result").status_code == 200  # another student's result page
    other_teacher = app.test_client()
    assert sign_in(other_teacher, "other@schule.ch").status_code == 302
    assert other_teacher.get(f"/teacher/results/{data['quiz']}/items").status_code == 200
    responses_csv = read_csv(owner.get(f"/teacher/results/{data['quiz']}/export/responses.csv"), "responses")
    assert len([row for row in responses_csv if row["attempt_id"] == str(dario)]) == 5
    with app.app_context():
        assert db.session.get(Question, data["questions"]["wer-sagt-kosten"]) is not None
