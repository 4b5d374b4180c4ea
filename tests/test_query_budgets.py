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
from quizapp.models import Question, Student

from .conftest import MINI_FILE, sign_in

# Statements of a first request (no cached fragments yet). The attempt is read with its
# student, quiz and article in one statement, which the user loader's session.get finds in
# the identity map (quizapp.student.routes._own_attempt).
QUIZ_PAGE = 3  # attempt with student, quiz and article; question versions; passages
SUBMIT = 4  # attempt with student and quiz; question versions; the guarded UPDATE; responses (one INSERT)
RESULT_PAGE = 2  # attempt with student, quiz and article; question versions
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
    raw["quiz"]["title"] = f"Quiz {code}"
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
    assert all(f"Quiz {code}" in many[1].get_data(as_text=True) for code in codes)
    assert one[0] == many[0] <= HISTORY_PAGE


# ---------------------------------------------------------------- teacher pages

def _demo_quiz(app, attempts: int, questions: int, seed: int) -> dict[str, int]:
    """Generate a demo quiz with classes and attempts; return the ids its pages are addressed by."""
    from quizapp.demo import generate
    from quizapp.models import Attempt, Classroom, Quiz
    with app.app_context():
        made = generate(attempts, seed=seed, questions=questions)
        quiz = db.session.execute(db.select(Quiz).filter_by(code=made.quiz_codes[0])).scalar_one()
        attempt_id = db.session.scalar(db.select(db.func.max(Attempt.id)).filter_by(quiz_id=quiz.id))
        classroom_id = db.session.scalar(db.select(db.func.max(Attempt.classroom_id)).filter_by(quiz_id=quiz.id))
        students = db.session.scalar(db.select(db.func.count()).select_from(Student)
                                     .filter_by(classroom_id=classroom_id))
        assert db.session.get(Classroom, classroom_id) is not None
        return {"quiz": quiz.id, "article": quiz.article_id, "attempt": attempt_id, "classroom": classroom_id,
                "students": students}


QUIZ_PAGES = {  # page: (address, budget)
    "teacher.quiz_questions": ("/teacher/quizzes/{quiz}/questions", 5),
    "teacher.quiz_edit": ("/teacher/quizzes/{quiz}/edit", 2),
    "teacher.classroom": ("/teacher/classes/{classroom}", 4),  # roster, its quizzes
    "authoring.article": ("/teacher/articles/{article}", 4),
    "results.quiz": ("/teacher/results/{quiz}", 7),
    # One of each may be the question versions' snapshots (kept per worker once read: quizapp.cache.snapshots).
    "results.items": ("/teacher/results/{quiz}/items", 7),
    "results.categories": ("/teacher/results/{quiz}/categories", 10),
    "results.attempt": ("/teacher/results/attempts/{attempt}", 7),
}
OVERVIEW_PAGES = {
    "teacher.dashboard": ("/teacher/", 4),
    "teacher.quizzes": ("/teacher/quizzes", 3),
    "teacher.classes": ("/teacher/classes", 2),
    "results.index": ("/teacher/results", 2),
    "authoring.articles": ("/teacher/articles", 2),
}


def _costs(client, count_queries, pages: dict, ids: dict) -> dict[str, int]:
    costs = {}
    for name, (address, _) in pages.items():
        path = address.format(**ids)
        client.get(path)  # the first visit writes pending statistics rows (quizapp.services.responses)
        with count_queries() as statements:
            response = client.get(path)
        assert response.status_code == 200, f"{name}: {path} answered {response.status_code}"
        costs[name] = len(statements)
    return costs


def test_teacher_pages_cost_the_same_for_5_questions_1_attempt_and_30_questions_50_attempts(app, count_queries):
    from quizapp.demo import DEMO_EMAIL, DEMO_PASSWORD
    small = _demo_quiz(app, attempts=1, questions=5, seed=1)
    client = app.test_client()
    assert sign_in(client, DEMO_EMAIL, DEMO_PASSWORD).status_code == 302
    overview_before = _costs(client, count_queries, OVERVIEW_PAGES, {})
    large = _demo_quiz(app, attempts=50, questions=30, seed=2)
    assert large["students"] > small["students"]
    overview_after = _costs(client, count_queries, OVERVIEW_PAGES, {})
    small_costs = _costs(client, count_queries, QUIZ_PAGES, small)
    large_costs = _costs(client, count_queries, QUIZ_PAGES, large)
    assert large_costs == small_costs, {name: (small_costs[name], large_costs[name]) for name in QUIZ_PAGES
                                        if small_costs[name] != large_costs[name]}
    assert overview_after == overview_before
    budgets = {name: budget for name, (_, budget) in {**QUIZ_PAGES, **OVERVIEW_PAGES}.items()}
    over = {name: cost for name, cost in {**large_costs, **overview_after}.items() if cost > budgets[name]}
    assert not over, f"over budget: {over}"


def test_teacher_quiz_page_costs_the_same_for_5_and_30_questions(app, count_queries):
    from quizapp.demo import DEMO_EMAIL, DEMO_PASSWORD
    small, large = _demo_quiz(app, 1, 5, seed=1), _demo_quiz(app, 1, 30, seed=2)
    client = app.test_client()
    assert sign_in(client, DEMO_EMAIL, DEMO_PASSWORD).status_code == 302
    page = {"teacher.quiz": ("/teacher/quizzes/{quiz}", 12)}
    assert _costs(client, count_queries, page, small) == _costs(client, count_queries, page, large)
