"""The benchmark's data: a migrated database with realistic demo data, and what the load needs.

quizapp.demo.generate (the code behind `flask generate-demo-data`) makes 50 quizzes of 30
questions: one with 10,000 submitted attempts, one with 100, and 48 with a few each. The
benchmark student's open attempts are added with bulk INSERTs, as many as the submit run can use.
"""
import random
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from alembic import command
from sqlalchemy import create_engine, func, insert, select
from sqlalchemy.engine import make_url

from quizapp import create_app
from quizapp.services.attempts import _layout
from quizapp.services.content import snapshots
from quizapp.db.setup import alembic_config
from quizapp.demo import generate
from quizapp.demo.answers import answer, profile
from quizapp.extensions import db
from quizapp.models import Attempt, Quiz

BIG, SMALL = 10_000, 100


@dataclass
class Dataset:
    big_quiz: str
    small_quiz: str
    attempts: int


def bench_app(url: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "benchmark", "SCHEMA_CHECK": False})


@contextmanager
def postgres_database(server_url: str):
    """A new, empty PostgreSQL database on the server of server_url; dropped afterwards."""
    server = make_url(server_url)
    name = f"quizapp_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def build(url: str, others: int = 48, other_attempts: int = 20) -> Dataset:
    """Migrate the empty database at url and fill it with the demo data."""
    app = bench_app(url)
    with app.app_context():
        command.upgrade(alembic_config(), "head")
        big = generate(BIG, seed=1, questions=30, quizzes=1)
        small = generate(SMALL, seed=2, questions=30, quizzes=1)
        generate(other_attempts, seed=3, questions=30, quizzes=others)
        total = db.session.scalar(select(func.count()).select_from(Attempt))
        db.engine.dispose()
    analyze(url)
    return Dataset(big_quiz=big.quiz_codes[0], small_quiz=small.quiz_codes[0], attempts=total)


def answer_forms(url: str, attempt_id: int, count: int, seed: int = 7) -> list[dict]:
    """What `count` simulated students of varied ability would post for this attempt's questions."""
    app = bench_app(url)
    with app.app_context():
        layout = db.session.get(Attempt, attempt_id).layout
        versions = snapshots([item["version_id"] for item in layout])
        rng = random.Random(seed)
        profiles = [profile(rng, item["question_id"], versions[item["version_id"]]) for item in layout]
        forms = []
        for _ in range(count):
            ability = rng.gauss(0, 1)
            forms.append({f"q{p.question_id}": answer(rng, p, ability) for p in profiles})
        db.engine.dispose()
    return forms


def analyze(url: str) -> None:
    """Refresh the planner's statistics after the bulk load, as a running database would have them."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")
    engine.dispose()


def add_open_attempts(url: str, attempt_id: int, count: int) -> list[int]:
    """Give the student of attempt_id `count` more open attempts at the same quiz; return their ids."""
    app = bench_app(url)
    with app.app_context():
        model = db.session.get(Attempt, attempt_id)
        quiz = db.session.get(Quiz, model.quiz_id)
        layout = _layout(quiz, random.Random(0))
        first = (db.session.scalar(select(func.max(Attempt.number))
                                   .where(Attempt.quiz_id == quiz.id, Attempt.student_id == model.student_id)) or 0) + 1
        rows = [{"quiz_id": quiz.id, "student_id": model.student_id, "classroom_id": model.classroom_id,
                 "number": first + k, "layout": layout, "max_score": model.max_score} for k in range(count)]
        ids = []
        for start in range(0, len(rows), 2000):
            ids += db.session.execute(insert(Attempt).returning(Attempt.id, sort_by_parameter_order=True),
                                      rows[start:start + 2000]).scalars().all()
        db.session.commit()
        db.engine.dispose()
    # One student with thousands of attempts is unlike any class: without fresh statistics
    # PostgreSQL's planner took the student index for statements by attempt id and owner.
    analyze(url)
    return ids


def submitted_among(url: str, ids: list[int]) -> int:
    app = bench_app(url)
    with app.app_context():
        found = 0
        for start in range(0, len(ids), 5000):
            chunk = ids[start:start + 5000]
            found += db.session.scalar(select(func.count()).select_from(Attempt)
                                       .where(Attempt.id.in_(chunk), Attempt.submitted_at.is_not(None)))
        db.engine.dispose()
    return found


def quiz_id(url: str, code: str) -> int:
    app = bench_app(url)
    with app.app_context():
        found = db.session.scalar(select(Quiz.id).filter_by(code=code))
        db.engine.dispose()
    return found
