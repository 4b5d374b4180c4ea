"""`python -m benchmarks.inprocess`: time per request in one process, each page against its ceiling.

For finding where the time goes between full runs of `python -m benchmarks`: no gunicorn, no
wrk, no network. Both WSGI apps (quizapp and benchmarks/ceiling.py) are called directly, in
alternating batches, and timed with the process's CPU time, which the other tenants of a
shared machine disturb far less than wall time (``--clock wall`` for elapsed time, which
includes waiting for a PostgreSQL server's answers). `--profile quiz|result|submit` prints
cProfile's top entries for one page. The ratios are not the issue's figures (those include the
server and are measured by `python -m benchmarks`), but they move the same way.
"""
import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from quizapp import create_app

from . import data
from .data import postgres_database
from .servers import hidden_fields

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
USER_AGENT = "quizapp-inprocess"


class Caller:
    """Calls a WSGI app with a prepared environ, as a server would, and drains the response."""

    def __init__(self, cookie: str = ""):
        self.cookie = cookie
        self.statuses: set[str] = set()
        self.errors = open(os.devnull, "w")  # noqa: SIM115 (the WSGI error stream, for the caller's life)

    def environ(self, path: str, method: str = "GET", body: bytes = b"") -> dict:
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "SCRIPT_NAME": "", "QUERY_STRING": "",
                   "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1",
                   "HTTP_HOST": "127.0.0.1:8000", "HTTP_COOKIE": self.cookie, "HTTP_USER_AGENT": USER_AGENT,
                   "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.errors": self.errors,
                   "wsgi.input": io.BytesIO(body), "wsgi.multithread": True, "wsgi.multiprocess": True,
                   "wsgi.run_once": False, "wsgi.version": (1, 0)}
        if method == "POST":
            environ.update(CONTENT_TYPE="application/x-www-form-urlencoded", CONTENT_LENGTH=str(len(body)))
        return environ

    def __call__(self, app, environ: dict) -> None:
        def start_response(status, _headers, _exc_info=None):
            self.statuses.add(status)
        # The request log is written as under gunicorn (it is part of a request's cost), but
        # to nowhere: it logs after the request, when Flask's handler writes to sys.stderr.
        stderr, sys.stderr = sys.stderr, self.errors
        try:
            body = app(environ, start_response)
            b"".join(body)
            getattr(body, "close", lambda: None)()
        finally:
            sys.stderr = stderr


def _config(url: str, **overrides) -> dict:
    return {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "inprocess", "SCHEMA_CHECK": False, **overrides}


def _prepare(url: str, caller: Caller, requests: int) -> tuple:
    """A student with one submitted attempt, one open attempt and `requests` more to submit."""
    app = create_app(_config(url))
    dataset = data.build(url)
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = USER_AGENT  # Flask-Login ties the session to it
    token = TOKEN.search(client.get(f"/quiz/{dataset.big_quiz}").get_data(as_text=True)).group(1)
    started = client.post(f"/quiz/{dataset.big_quiz}/start", data={"display_name": "Bench", "csrf_token": token})
    first = int(started.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    forms = data.answer_forms(url, first, 2)
    hidden = hidden_fields(client.get(f"/attempts/{first}").get_data(as_text=True))  # what a browser posts
    if client.post(f"/attempts/{first}", data={**forms[0], **hidden}).status_code != 302:
        raise RuntimeError("the first submit failed")
    (open_id,) = data.add_open_attempts(url, first, 1)
    to_submit = data.add_open_attempts(url, first, requests)
    caller.cookie = "; ".join(f"{cookie.key}={cookie.value}" for cookie in client._cookies.values())
    body = urlencode({**forms[1], **hidden}, doseq=True).encode()
    return app, first, open_id, iter(to_submit), body


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


def _pair(caller: Caller, page, ceiling, rounds: int, batch: int) -> tuple[float, float]:
    """Milliseconds per request of (page, ceiling) on ``clock``, measured in alternating batches."""
    return tuple(_alternating(caller, [page, ceiling], rounds, batch))


def _alternating(caller: Caller, pages: list, rounds: int, batch: int) -> list[float]:
    """Milliseconds per request of each (wsgi app, environ maker) on ``clock``: every round runs
    a batch of each in turn, so a drift of the machine or the database weighs on all alike."""
    for _ in range(20):  # warm every cache first
        for wsgi, make in pages:
            caller(wsgi, make())
    spent = [0.0] * len(pages)
    for _ in range(rounds):
        for index, (wsgi, make) in enumerate(pages):
            began = clock()
            for _ in range(batch):
                caller(wsgi, make())
            spent[index] += clock() - began
    return [total / (rounds * batch) * 1000 for total in spent]


def measure(url: str, ceiling_url: str, rounds: int, batch: int, profile: str | None, sort: str,
            without: dict | None = None) -> None:
    caller = Caller()
    app, first, open_id, to_submit, body = _prepare(url, caller, (2 * rounds + 1) * batch + 100)
    if without:
        app = create_app(_config(url, **without)) if profile else app
    os.environ["CEILING_DATABASE_URL"] = ceiling_url
    from .ceiling import create_app as create_ceiling
    ceiling = create_ceiling()
    pages = {
        "quiz": ((app, lambda: caller.environ(f"/attempts/{open_id}")),
                 (ceiling, lambda: caller.environ("/template/27000"))),
        "result": ((app, lambda: caller.environ(f"/attempts/{first}/result")),
                   (ceiling, lambda: caller.environ("/template/39000"))),
        "submit": ((app, lambda: caller.environ(f"/attempts/{next(to_submit)}", "POST", body)),
                   (ceiling, lambda: caller.environ("/insert", "POST"))),
    }
    if profile:
        (wsgi, make), _ = pages[profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(batch * rounds):
            caller(wsgi, make())
        profiler.disable()
        pstats.Stats(profiler).sort_stats(sort).print_stats(40)
        return
    if without:
        _compare(caller, app, create_app(_config(url, **without)), pages, rounds, batch, without)
        return
    print(f"{'page':8s} {'ms/request':>10s} {'ceiling':>8s} {'ratio':>6s}")
    for name, (page, ceiling_page) in pages.items():
        ours, bare = _pair(caller, page, ceiling_page, rounds, batch)
        print(f"{name:8s} {ours:10.3f} {bare:8.3f} {bare / ours:6.2f}")
    print(f"statuses: {', '.join(sorted(caller.statuses))}")


def _compare(caller: Caller, app, other, pages: dict, rounds: int, batch: int, without: dict) -> None:
    """Each page with the app as configured, and with `without`'s settings, against its ceiling:
    the three measured in alternating batches of one run (with, without, ceiling, with, …)."""
    label = ", ".join(f"{key}={value}" for key, value in without.items())
    print(f"without: {label}")
    print(f"{'page':8s} {'with ms':>8s} {'without':>8s} {'ceiling':>8s} {'ratio':>6s} {'w/o':>6s} {'gain':>6s}")
    for name in ("quiz", "result", "submit"):
        (_, make), ceiling_page = pages[name]
        ours, theirs, bare = _alternating(caller, [(app, make), (other, make), ceiling_page], rounds, batch)
        print(f"{name:8s} {ours:8.3f} {theirs:8.3f} {bare:8.3f} {bare / ours:6.2f} {bare / theirs:6.2f} "
              f"{theirs / ours - 1:6.0%}")


def _settings(pairs: list[str]) -> dict:
    """KEY=VALUE pairs as app settings (integers where they are integers)."""
    settings = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        settings[key] = int(value) if value.lstrip("-").isdigit() else value
    return settings


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.inprocess", description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL",
                                                                 "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--rounds", type=int, default=10, help="alternating batches of each page and its ceiling")
    parser.add_argument("--batch", type=int, default=100, help="requests per batch")
    parser.add_argument("--profile", choices=("quiz", "result", "submit"), help="profile one page instead")
    parser.add_argument("--clock", choices=tuple(CLOCKS), default="cpu",
                        help="cpu: this process's CPU time (steady on a shared machine); wall: elapsed time, "
                             "which includes waiting for the database server")
    parser.add_argument("--sort", default="cumulative", help="cProfile sort key with --profile (e.g. tottime)")
    parser.add_argument("--without", action="append", default=[], metavar="SETTING=VALUE",
                        help="also measure the three pages with this setting (e.g. RENDERED_CACHE_SIZE=0), "
                             "alternating with the app as configured, in the same run")
    args = parser.parse_args()
    global clock
    clock = CLOCKS[args.clock]
    without = _settings(args.without)
    with tempfile.TemporaryDirectory(prefix="quizapp-inprocess-") as scratch:
        if args.database == "sqlite":
            measure(f"sqlite:///{Path(scratch) / 'quizapp.sqlite'}", f"sqlite:///{Path(scratch) / 'ceiling.sqlite'}",
                    args.rounds, args.batch, args.profile, args.sort, without)
        else:
            with postgres_database(args.postgres_url) as url:
                measure(url, url, args.rounds, args.batch, args.profile, args.sort, without)
    return 0


if __name__ == "__main__":
    sys.exit(main())
