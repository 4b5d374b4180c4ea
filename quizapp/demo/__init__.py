"""Reproducible demo data for the results pages, tests and benchmarks.

``generate(...)`` makes (or reuses) the teacher demo@quizapp.local, classes of students with
simulated abilities, quizzes on generated articles (or an existing quiz), and submitted
attempts graded through quizapp.services.attempts.grade_attempt, i.e. by the question kinds. Rows are
written with bulk INSERTs in chunks, so 10,000 attempts × 30 questions take seconds.
The same seed on an empty database gives the same rows; running again adds new classes,
students and attempts next to the earlier ones.
"""
import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace

from flask_babel import gettext as _
from sqlalchemy import insert, select, text

from ..services.attempts import _layout, grade_attempt, stored_answers
from ..bank.errors import BankValidationError
from ..bank.loader import load_document
from ..bank.schema import validate_document
from ..services.codes import random_code
from ..services.content import snapshots
from ..extensions import db
from ..models import Attempt, Classroom, Quiz, QuizClassroom, Student, Teacher
from ..services.responses import write_responses
from .answers import answer, profile
from .content import demo_document

DEMO_EMAIL = "demo@quizapp.local"
DEMO_PASSWORD = "quizapp-demo"
CLASS_SIZE = 25
CHUNK = 500  # attempts per round of INSERTs
START = datetime(2025, 6, 2, 7, 30)  # fixed, so a seed always gives the same timestamps
FIRST_NAMES = ["Lena", "Noah", "Mia", "Luca", "Emma", "Elias", "Lia", "Levin", "Sofia", "Nino", "Alina", "Jonas",
               "Lara", "Matteo", "Elena", "Leon", "Anna", "Gian", "Nora", "Samuel", "Zoe", "Jan", "Laura", "Tim"]
LAST_INITIALS = "ABCDEFGHIKLMNOPRSTUVWZ"


class DemoError(Exception):
    """The demo data cannot be made as asked; the message says why."""


@dataclass
class DemoSummary:
    teacher_id: int
    quiz_codes: list[str] = field(default_factory=list)
    classes: int = 0
    students: int = 0
    attempts: int = 0
    responses: int = 0
    public_password: bool = False  # the demo teacher signs in with DEMO_PASSWORD, which anyone can read


def _teacher(password: str | None) -> Teacher:
    """The demo teacher; a given password replaces the one it has (a new one gets DEMO_PASSWORD)."""
    teacher = db.session.execute(select(Teacher).filter_by(email=DEMO_EMAIL)).scalar_one_or_none()
    if teacher is None:
        teacher = Teacher(email=DEMO_EMAIL, name="Demo Lehrperson")
        teacher.set_password(password or DEMO_PASSWORD)
        db.session.add(teacher)
        db.session.flush()
    elif password:
        teacher.set_password(password)
    return teacher


def _quizzes(rng: random.Random, teacher: Teacher, seed: int, code: str | None, count: int, questions: int) -> list[Quiz]:
    if code:
        quiz = db.session.execute(select(Quiz).filter_by(code=code.upper())).scalar_one_or_none()
        if quiz is None:
            raise DemoError(_("No quiz has the code %(code)s. Teachers see every quiz's code on their Quizzes "
                              "page (/teacher/quizzes). A quiz from the question files (e.g. KURSK25) exists once "
                              "`flask --app quizapp load-questions` has loaded them.", code=code.upper()))
        return [quiz]
    quizzes = []
    for index in range(count):
        document, errors = validate_document(demo_document(rng, seed, index, questions), "demo")
        if errors:  # a bug in the generator, not bad input: say exactly what is wrong
            raise DemoError("; ".join(str(error) for error in errors))
        try:
            article = load_document(document, source_file=None, owner_id=teacher.id)
        except BankValidationError as failure:
            raise DemoError("; ".join(str(error) for error in failure.errors)) from failure
        db.session.flush()
        quizzes.append(db.session.execute(select(Quiz).filter_by(article_id=article.id)).scalar_one())
    return quizzes


def _classes(teacher: Teacher, count: int) -> list[int]:
    names = set(db.session.execute(select(Classroom.name).filter_by(teacher_id=teacher.id)).scalars())
    codes = set(db.session.execute(select(Classroom.join_code)).scalars())
    run = 1
    while any(_class_name(k, run) in names for k in range(count)):
        run += 1
    rows = []
    for k in range(count):
        # Join codes are secrets, drawn apart from the seeded generator (they need not repeat).
        code = random_code(8)
        while code in codes:
            code = random_code(8)
        codes.add(code)
        rows.append({"teacher_id": teacher.id, "name": _class_name(k, run), "join_code": code})
    return list(db.session.execute(insert(Classroom).returning(Classroom.id, sort_by_parameter_order=True), rows).scalars())


def _class_name(k: int, run: int) -> str:
    return f"Demo {k // 4 + 1}{'abcd'[k % 4]}" + (f" ({run})" if run > 1 else "")


def _students(rng: random.Random, class_ids: list[int], count: int) -> list[tuple[int, int, float]]:
    """Insert ``count`` students spread over the classes; return (id, class id, ability)."""
    shift = {class_id: rng.gauss(0, 0.4) for class_id in class_ids}  # classes differ a little
    rows, taken = [], set()
    for i in range(count):
        class_id = class_ids[i % len(class_ids)]
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_INITIALS)}."
        suffix = 2
        while (class_id, name) in taken:
            name = f"{name.split(' #')[0]} #{suffix}"
            suffix += 1
        taken.add((class_id, name))
        rows.append({"display_name": name, "classroom_id": class_id})
    ids = db.session.execute(insert(Student).returning(Student.id, sort_by_parameter_order=True), rows).scalars().all()
    return [(sid, row["classroom_id"], rng.gauss(0, 1) + shift[row["classroom_id"]]) for sid, row in zip(ids, rows)]


def _plan(rng: random.Random, students: list, attempts: int) -> list[tuple[int, int, float, int]]:
    """Who makes which attempt: everyone once in random order, then some try again."""
    order = rng.sample(students, len(students))
    plan, numbers = [], {}
    for i in range(attempts):
        sid, class_id, ability = order[i] if i < len(order) else rng.choice(order)
        numbers[sid] = numbers.get(sid, 0) + 1
        plan.append((sid, class_id, ability + 0.3 * (numbers[sid] - 1), numbers[sid]))  # practice helps
    return plan


def _write_attempts(rng: random.Random, quiz: Quiz, plan: list, lessons: dict, summary: DemoSummary) -> None:
    layout = _layout(quiz, random.Random(0))  # the quiz's order, as a student would get it
    if not layout:
        raise DemoError(_("The quiz %(code)s has no published questions.", code=quiz.code))
    versions = snapshots([item["version_id"] for item in layout])
    max_score = sum(versions[item["version_id"]]["points"] for item in layout)
    roles = dict(zip(rng.sample(range(len(layout)), min(3, len(layout))), ("easy", "hard", "odd")))
    profiles = [profile(rng, item["question_id"], versions[item["version_id"]], roles.get(i))
                for i, item in enumerate(layout)]
    shell = SimpleNamespace(layout=layout)
    for start in range(0, len(plan), CHUNK):
        attempt_rows = []
        for sid, class_id, ability, number in plan[start:start + CHUNK]:
            form = {f"q{p.question_id}": answer(rng, p, ability) for p in profiles}
            graded = grade_attempt(shell, form, versions)
            began = lessons[class_id] + timedelta(days=7 * (number - 1), minutes=rng.uniform(0, 8))
            took = timedelta(seconds=len(layout) * rng.uniform(15, 50) * (1.2 - 0.1 * max(-2, min(2, ability))))
            attempt_rows.append({"quiz_id": quiz.id, "student_id": sid, "classroom_id": class_id, "number": number,
                                 "layout": layout, "started_at": began, "submitted_at": began + took,
                                 "score": round(sum(answer.result.points for answer in graded), 2), "max_score": max_score,
                                 "answers": stored_answers(graded)})
        ids = db.session.execute(insert(Attempt).returning(Attempt.id, sort_by_parameter_order=True),
                                 attempt_rows).scalars().all()
        # The statistics' rows, as a submit writes them (in the same transaction).
        summary.responses += write_responses((attempt_id, layout, row["answers"])
                                             for attempt_id, row in zip(ids, attempt_rows))
        summary.attempts += len(ids)


def generate(attempts: int, seed: int = 1, quiz_code: str | None = None, questions: int = 30, quizzes: int = 1,
             classes: int | None = None, password: str | None = None) -> DemoSummary:
    """Create the demo data in one transaction; ``attempts`` is per quiz."""
    if attempts < 0 or questions < 3 or quizzes < 1 or (classes is not None and classes < 1):
        raise DemoError(_("Use --attempts 0 or more, --questions 3 or more, --quizzes and --classes 1 or more."))
    rng = random.Random(seed)
    try:
        teacher = _teacher(password)
        summary = DemoSummary(teacher.id, public_password=not password and teacher.check_password(DEMO_PASSWORD))
        chosen = _quizzes(rng, teacher, seed, quiz_code, quizzes, questions)
        student_total = max(1, math.ceil(attempts / 1.25))
        class_ids = _classes(teacher, classes or max(1, math.ceil(student_total / CLASS_SIZE)))
        students = _students(rng, class_ids, student_total)
        summary.classes, summary.students = len(class_ids), len(students)
        for index, quiz in enumerate(chosen):
            db.session.execute(insert(QuizClassroom), [{"quiz_id": quiz.id, "classroom_id": c} for c in class_ids])
            # Each class takes the quiz in one lesson on a school day of the weeks after START.
            lessons = {c: START + timedelta(days=7 * index + rng.randrange(5), hours=rng.randrange(8))
                       for c in class_ids}
            _write_attempts(rng, quiz, _plan(rng, students, attempts), lessons, summary)
            summary.quiz_codes.append(quiz.code)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    # Fresh planner statistics: without them PostgreSQL sorts 300,000 responses on disk
    # until autovacuum comes round. SQLite and PostgreSQL both know the plain statement.
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    return summary
