"""`python -m benchmarks.statistics_source [--database postgresql]`: where item statistics should come from.

Compares, on the demo data (one quiz of 30 questions with 100 and with 10,000 attempts):
- the item analysis' sums per question from the responses rows (what quizapp.stats runs) with
  the same sums read straight from attempts.answers through the JSON table functions
  (json_each on SQLite, json_array_elements on PostgreSQL);
- the CPU a submit's writes take: the guarded UPDATE alone, and the UPDATE with the
  responses rows (quizapp.services.responses.write_responses) in its transaction.
The findings are in benchmarks/README.md.
"""
import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from alembic import command
from sqlalchemy import bindparam, func, insert, select, text, update

from quizapp.services.attempts import _layout, grade_attempt, stored_answers
from quizapp.db.setup import alembic_config
from quizapp.demo import generate
from quizapp.extensions import db
from quizapp.models import Attempt, Quiz
from quizapp.services.responses import write_responses
from quizapp.stats import Scope
from quizapp.stats.items import _answer_counts, _sums

from .data import bench_app, postgres_database

# The item analysis' sums per question (quizapp.stats.items._sums) over the stored answers.
JSON_SUMS = {
    "sqlite": """SELECT json_extract(a.layout, '$[' || e.key || '].question_id') AS q, count(*),
        sum(CASE WHEN trim(json_extract(e.value, '$[1]')) = '' THEN 1 ELSE 0 END), sum(json_extract(e.value, '$[2]')),
        sum(json_extract(e.value, '$[3]')), sum(a.score - json_extract(e.value, '$[2]')),
        sum(json_extract(e.value, '$[2]') * json_extract(e.value, '$[2]')),
        sum((a.score - json_extract(e.value, '$[2]')) * (a.score - json_extract(e.value, '$[2]'))),
        sum(json_extract(e.value, '$[2]') * (a.score - json_extract(e.value, '$[2]')))
        FROM attempts a, json_each(a.answers) e WHERE a.quiz_id = :quiz AND a.submitted_at IS NOT NULL GROUP BY q""",
    "postgresql": """SELECT (l.v ->> 'question_id')::int AS q, count(*),
        sum(CASE WHEN trim(e.v ->> 1) = '' THEN 1 ELSE 0 END), sum((e.v ->> 2)::float), sum((e.v ->> 3)::int),
        sum(a.score - (e.v ->> 2)::float), sum((e.v ->> 2)::float ^ 2), sum((a.score - (e.v ->> 2)::float) ^ 2),
        sum((e.v ->> 2)::float * (a.score - (e.v ->> 2)::float))
        FROM attempts a, json_array_elements(a.answers) WITH ORDINALITY AS e(v, n),
             json_array_elements(a.layout) WITH ORDINALITY AS l(v, n)
        WHERE l.n = e.n AND a.quiz_id = :quiz AND a.submitted_at IS NOT NULL GROUP BY q""",
}


def best_ms(run, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return min(times) * 1000


def compare_sums(attempts: int, seed: int) -> None:
    made = generate(attempts, seed=seed, questions=30)
    quiz = db.session.execute(select(Quiz).filter_by(code=made.quiz_codes[0])).scalar_one()
    scope = Scope(quiz.id, quiz.owner_id, quiz.owner_id)
    statement = text(JSON_SUMS[db.engine.dialect.name])
    from_rows = _sums(scope)
    from_json = {row[0]: tuple(row[1:]) for row in db.session.execute(statement, {"quiz": quiz.id})}
    if {q: n[0] for q, n in from_rows.items()} != {q: n[0] for q, n in from_json.items()}:
        raise RuntimeError("the two ways count different responses")
    print(f"{attempts:6d} attempts: item sums from responses rows {best_ms(lambda: _sums(scope)):8.1f} ms "
          f"(option counts {best_ms(lambda: _answer_counts(scope)):7.1f} ms); "
          f"from attempts.answers {best_ms(lambda: db.session.execute(statement, {'quiz': quiz.id}).all()):8.1f} ms",
          flush=True)


def submit_writes(submits: int = 200) -> None:
    """Claim prepared attempts as a submit does, with and without the responses rows."""
    quiz = db.session.execute(select(Quiz).order_by(Quiz.id.desc())).scalars().first()
    layout = _layout(quiz, random.Random(0))
    student_id = db.session.scalar(select(Attempt.student_id).filter_by(quiz_id=quiz.id).limit(1))
    stored = stored_answers(grade_attempt(SimpleNamespace(layout=layout), {
        f"q{item['question_id']}": ["a"] for item in layout}))
    first = (db.session.scalar(select(func.max(Attempt.number))) or 0) + 1
    ids = iter(db.session.execute(insert(Attempt).returning(Attempt.id, sort_by_parameter_order=True), [
        {"quiz_id": quiz.id, "student_id": student_id, "number": first + i, "layout": layout, "max_score": 30}
        for i in range(5 * (submits + 20))]).scalars().all())
    db.session.commit()
    claim = (update(Attempt.__table__).where(Attempt.id == bindparam("attempt"), Attempt.submitted_at.is_(None))
             .values(submitted_at=func.current_timestamp(), score=1, answers=bindparam("stored")))

    def submit(with_rows: bool) -> None:
        attempt_id = next(ids)
        db.session.execute(claim, {"attempt": attempt_id, "stored": stored})
        if with_rows:
            write_responses([(attempt_id, layout, stored)])
        db.session.commit()

    def timed(label: str, with_rows: bool) -> None:
        for _ in range(20):
            submit(with_rows)
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(submits):
            submit(with_rows)
        print(f"submit's writes, {label:34s}: {(time.process_time() - cpu) / submits * 1000:6.3f} ms CPU, "
              f"{(time.perf_counter() - wall) / submits * 1000:6.3f} ms wall", flush=True)

    for label, with_rows in (("UPDATE alone", False), ("UPDATE + rows", True)) * 2:
        timed(label, with_rows)
    # What the index authoring's usage counts read costs: a submit adds an entry to 30 of its pages.
    db.session.execute(text("DROP INDEX ix_responses_question_id_version"))
    db.session.commit()
    timed("UPDATE + rows, without question index", True)


def measure(url: str) -> None:
    app = bench_app(url)
    with app.app_context():
        command.upgrade(alembic_config(), "head")
    for attempts, seed in ((100, 1), (10_000, 2)):
        with app.app_context():
            compare_sums(attempts, seed)
    with app.app_context():
        submit_writes()


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.statistics_source", description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    if args.database == "sqlite":
        with tempfile.TemporaryDirectory(prefix="quizapp-statistics-") as scratch:
            measure(f"sqlite:///{Path(scratch) / 'quizapp.sqlite'}")
    else:
        with postgres_database(args.postgres_url) as url:
            measure(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
