"""Run the benchmark: `python -m benchmarks [--databases sqlite,postgresql] [--seconds 5] ...`."""
import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, text

from . import report
from .data import postgres_database
from .load import Load, wrk_path
from .run import measure

RESULTS = Path(__file__).parent / "results" / "latest.json"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--databases", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
                        help="a PostgreSQL server where the benchmark may create a database")
    parser.add_argument("--seconds", type=int, default=3, help="seconds per round")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of each page and its ceiling")
    parser.add_argument("--connections", type=int, default=16, help="open connections wrk keeps")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's choice)")
    parser.add_argument("--gunicorn-threads", type=int, help="threads per gunicorn worker")
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args()


def _postgres_reachable(url: str) -> str | None:
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any failure means: skip PostgreSQL, say why
        return f"{error.__class__.__name__}: {str(error).splitlines()[0]}"
    return None


def main() -> int:
    args = _arguments()
    if wrk_path() is None:
        print("wrk is not installed; the benchmark drives load with it. Install it with: apt-get install wrk",
              file=sys.stderr)
        return 2
    load = Load(threads=args.threads, connections=args.connections, seconds=args.seconds, rounds=args.rounds)
    server_env = {}
    if args.workers:
        server_env["WEB_CONCURRENCY"] = str(args.workers)
    if args.gunicorn_threads:
        server_env["GUNICORN_THREADS"] = str(args.gunicorn_threads)
    results = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
               "load": {"tool": "wrk", "threads": load.threads, "connections": load.connections,
                        "seconds_per_round": load.seconds, "rounds": load.rounds, **server_env}}
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as scratch:
        workdir = Path(scratch)
        for label in [name.strip() for name in args.databases.split(",") if name.strip()]:
            if label == "sqlite":
                figures, notes, facts = measure(label, f"sqlite:///{workdir / 'quizapp.sqlite'}",
                                                f"sqlite:///{workdir / 'ceiling.sqlite'}", load, workdir, server_env)
            elif label == "postgresql":
                problem = _postgres_reachable(args.postgres_url)
                if problem:
                    print(f"== postgresql: skipped, the server is not reachable ({problem})")
                    results[label] = {"skipped": problem}
                    continue
                with postgres_database(args.postgres_url) as url:
                    figures, notes, facts = measure(label, url, url, load, workdir, server_env)
            else:
                print(f"unknown database {label!r}; use sqlite and/or postgresql", file=sys.stderr)
                return 2
            summary = report.summarize(figures)
            results[label] = {**summary, "notes": notes, "data": facts}
            report.print_database(label, figures, summary, notes)
    results["seconds_total"] = round(time.monotonic() - began, 1)
    report.write(args.output, results)
    print(f"\nwrote {args.output} ({results['seconds_total']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
