"""Benchmark one database: build the data, start quizapp and the ceiling app, measure every page."""
import secrets
from pathlib import Path
from urllib.parse import urlencode

from . import data, teacher
from .load import Load, Measurement
from .servers import USER_AGENT, Browser, Server


def _start(label: str, url: str, ceiling_url: str, workdir: Path, server_env: dict) -> tuple[Server, Server]:
    app = Server("quizapp:create_app()", {**server_env, "DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(16),
                                          "LOG_LEVEL": "INFO"}, workdir / f"{label}-quizapp.log", "/healthz")
    ceiling = Server("benchmarks.ceiling:create_app()", {**server_env, "CEILING_DATABASE_URL": ceiling_url},
                     workdir / f"{label}-ceiling.log", "/plain")
    try:
        app.wait_until_ready()
        ceiling.wait_until_ready()
    except Exception:
        app.stop()
        ceiling.stop()
        raise
    return app, ceiling


def _start_student(app: Server, url: str, quiz_code: str) -> tuple[Browser, int, dict]:
    """Start and submit one attempt through the pages; return the browser, attempt id and answers."""
    student = Browser(app)
    token = student.token(f"/quiz/{quiz_code}")
    status, location, _ = student.request("POST", f"/quiz/{quiz_code}/start",
                                          {"display_name": "Benchmark", "csrf_token": token})
    if status != 302:
        raise RuntimeError(f"starting the quiz answered {status}")
    attempt_id = int(location.rstrip("/").rsplit("/", 1)[1])
    token = student.token(f"/attempts/{attempt_id}")
    form = {**data.answers_form(url, attempt_id), "csrf_token": token}
    status, location, _ = student.request("POST", f"/attempts/{attempt_id}", form)
    if status != 302 or not location.endswith("/result"):
        raise RuntimeError(f"submitting answered {status} {location}")
    return student, attempt_id, form


def measure(label: str, url: str, ceiling_url: str, load: Load, workdir: Path, server_env: dict
            ) -> tuple[dict[str, Measurement], list[str], dict]:
    notes: list[str] = []
    print(f"== {label}: generating the data set (50 quizzes × 30 questions, {data.BIG:,} + {data.SMALL} + a few "
          "hundred attempts) ...", flush=True)
    dataset = data.build(url)
    app, ceiling = _start(label, url, ceiling_url, workdir, server_env)
    figures: dict[str, Measurement] = {}

    def run(name: str, server: Server, path: str, script: str = "get", env: dict | None = None,
            warm: bool = True, **options) -> Measurement:
        print(f"   {name} ...", flush=True)
        if warm:
            load.warm(server.base + path, script, env)
        figures[name] = load.run(server.base + path, script, env, **options)
        if figures[name].failed:
            notes.append(f"{name}: {figures[name].failed} failed request(s) {figures[name].errors}")
        return figures[name]

    try:
        student, done_id, form = _start_student(app, url, dataset.big_quiz)
        (open_id,) = data.add_open_attempts(url, done_id, 1)
        env = {"BENCH_COOKIE": student.cookie_header, "BENCH_USER_AGENT": USER_AGENT}
        quiz_size = len(student.get_ok(f"/attempts/{open_id}").encode())
        result_size = len(student.get_ok(f"/attempts/{done_id}/result").encode())

        run("plain_ceiling", ceiling, "/plain")
        run("quiz_page", app, f"/attempts/{open_id}", env=env)
        run("template_for_quiz_page", ceiling, f"/template/{quiz_size}")
        run("result_page", app, f"/attempts/{done_id}/result", env=env)
        run("template_for_result_page", ceiling, f"/template/{result_size}")

        body = workdir / f"{label}-empty-body"
        body.write_text("")
        insert = run("insert_ceiling", ceiling, "/insert", "post", {"BENCH_BODY_FILE": str(body)})
        # Every submit needs an open attempt of its own: make more than the run can use.
        count = int(insert.rps * load.seconds * 1.5) + 500
        ids = data.add_open_attempts(url, done_id, count)
        paths, answers = workdir / f"{label}-submit-paths", workdir / f"{label}-submit-body"
        paths.write_text("".join(f"/attempts/{attempt_id}\n" for attempt_id in ids))
        answers.write_text(urlencode(form, doseq=True))
        submit = run("submit", app, f"/attempts/{ids[0]}", "submit",
                     {**env, "BENCH_PATHS_FILE": str(paths), "BENCH_BODY_FILE": str(answers)}, warm=False)
        stored = data.submitted_among(url, ids)
        if stored < submit.requests - submit.failed:
            notes.append(f"submit: {submit.requests} requests but only {stored} attempts stored")
        if submit.requests >= len(ids):
            notes.append("submit: the open attempts ran out; the figure is not valid")

        _teacher_pages(app, ceiling, url, dataset, run, notes)
    finally:
        app.stop()
        ceiling.stop()
    return figures, notes, {"attempts": dataset.attempts, "quiz_page_bytes": quiz_size,
                            "result_page_bytes": result_size}


def _teacher_pages(app: Server, ceiling: Server, url: str, dataset: data.Dataset, run, notes: list[str]) -> None:
    flask_app = data.bench_app(url)
    rule = teacher.results_rule(flask_app)
    if rule is None:
        notes.append("teacher results page: no results page found in the app (issue 4 not merged?); not measured")
        return
    big_id, small_id = data.quiz_id(url, dataset.big_quiz), data.quiz_id(url, dataset.small_quiz)
    big = teacher.results_path(flask_app, rule, big_id, dataset.big_quiz)
    small = teacher.results_path(flask_app, rule, small_id, dataset.small_quiz)
    browser = Browser(app)
    teacher.sign_in(browser)
    size = len(browser.get_ok(big).encode())
    env = {"BENCH_COOKIE": browser.cookie_header, "BENCH_USER_AGENT": USER_AGENT}
    # Median latency of one request at a time: how the page grows with the number of attempts.
    run(f"teacher_results_{data.SMALL}_c1", app, small, env=env, connections=1, threads=1)
    run(f"teacher_results_{data.BIG}_c1", app, big, env=env, connections=1, threads=1)
    run("teacher_results", app, big, env=env)
    run("template_for_teacher_results", ceiling, f"/template/{size}")
