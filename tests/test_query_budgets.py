"""Each page runs a fixed number of SQL statements, however many questions or attempts there are.

A budget is the most statements a page may run; each page is measured on a small and a large
case, which must cost the same, so an N+1 query fails here before it slows a class down.
"""
import copy

import pytest
import yaml

from quizapp.bank.loader import load_document
from quizapp.bank.schema import validate_document
from quizapp.extensions import db
from quizapp.models import Question

from .conftest import MINI_FILE

# Statements per request, cold content cache included (the first request after a deploy).
QUIZ_PAGE = 5  # student, attempt, quiz, article (+ passages or snapshots when not yet cached)
SUBMIT = 6  # student, attempt, claim (UPDATE), responses, choices, attempt refresh
RESULT_PAGE = 6  # student, attempt, quiz, article, responses, choices
HISTORY_PAGE = 3  # student, attempts, their quizzes


def load_quiz(app, questions: int, code: str) -> tuple[str, list[int]]:
    """Load a copy of the mini article with `questions` questions and a quiz `code`; return its question ids."""
    raw = yaml.safe_load(MINI_FILE.read_text())
    templates = raw["questions"]
    raw["questions"] = []
    for number in range(questions):
        question = copy.deepcopy(templates[number % len(templates)])
        question["id"] = f"{question['id']}-{number}"
        raw["questions"].append(question)
    raw["article"]["slug"] = f"artikel-{code.lower()}"
    raw["quiz"]["code"] = code
    document, errors = validate_document(raw, f"{code}.yaml")
    assert not errors
    with app.app_context():
        article = load_document(document, source_file=None, owner_id=None)
        db.session.commit()
        ids = db.session.execute(db.select(Question.id).filter_by(article_id=article.id)
                                 .order_by(Question.position)).scalars().all()
    return code, ids


def some_answers(ids: list[int]) -> dict:
    # "a" is a valid option of the choice and evidence kinds and an invalid number: every
    # kind's parse and grade path runs, and multi-row choice inserts happen.
    return {f"q{question_id}": "a" for question_id in ids}


@pytest.fixture
def quizzes(app):
    return {5: load_quiz(app, 5, "BUDGET05"), 30: load_quiz(app, 30, "BUDGET30")}


def _measure(count_queries, request) -> tuple[int, object]:
    with count_queries() as statements:
        response = request()
    return len(statements), response


def test_quiz_page_submit_and_result_cost_the_same_for_5_and_30_questions(client, student, quizzes,
                                                                          count_queries):
    costs = {}
    for size, (code, ids) in quizzes.items():
        attempt_id = student.start(code, name=f"Schüler {size}")
        quiz_page = _measure(count_queries, lambda: client.get(f"/attempts/{attempt_id}"))
        submit = _measure(count_queries, lambda: client.post(f"/attempts/{attempt_id}", data=some_answers(ids)))
        result = _measure(count_queries, lambda: client.get(f"/attempts/{attempt_id}/result"))
        assert quiz_page[1].status_code == 200 and quiz_page[1].get_data(as_text=True).count('class="question"') == size
        assert submit[1].status_code == 302
        assert result[1].status_code == 200
        costs[size] = (quiz_page[0], submit[0], result[0])
        client.post("/auth/logout")  # the next quiz is taken by a new student
    assert costs[5] == costs[30], costs
    quiz_page, submit, result = costs[30]
    assert quiz_page <= QUIZ_PAGE
    assert submit <= SUBMIT
    assert result <= RESULT_PAGE


def test_history_costs_the_same_for_1_and_12_attempts(app, client, student, count_queries):
    codes = [load_quiz(app, 2, f"HIST{number:02d}")[0] for number in range(12)]
    student.start(codes[0])
    one = _measure(count_queries, lambda: client.get("/me/attempts"))
    for code in codes[1:]:
        client.post(f"/quiz/{code}/start")
    many = _measure(count_queries, lambda: client.get("/me/attempts"))
    assert one[1].status_code == many[1].status_code == 200
    assert many[1].get_data(as_text=True).count("<tr>") == 13  # header and 12 attempts
    assert one[0] == many[0] <= HISTORY_PAGE
