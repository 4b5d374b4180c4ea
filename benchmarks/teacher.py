"""Find the teacher's quiz results page (issue 4's `results` blueprint) and sign in to see it."""
from flask import Flask, url_for
from werkzeug.routing import Rule

from quizapp.demo import DEMO_EMAIL, DEMO_PASSWORD

from .servers import Browser


def results_rule(app: Flask) -> Rule | None:
    """The GET page of one quiz's results: in the results blueprint, one argument, not an export."""
    candidates = []
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.rpartition(".")[0]
        if "GET" not in (rule.methods or ()) or len(rule.arguments) != 1:
            continue
        if any(word in rule.rule for word in ("export", ".csv", ".json", "download", "/items/", "/attempts/")):
            continue
        if blueprint == "results" or (rule.rule.startswith("/teacher") and "result" in rule.rule):
            candidates.append(rule)
    # Prefer the results blueprint, then the shortest address (the overview, not a drill-down).
    candidates.sort(key=lambda r: (r.endpoint.rpartition(".")[0] != "results", len(r.rule)))
    return candidates[0] if candidates else None


def results_path(app: Flask, rule: Rule, quiz_id: int, quiz_code: str) -> str:
    (argument,) = rule.arguments
    value = quiz_code if "code" in argument else quiz_id
    with app.test_request_context():
        return url_for(rule.endpoint, **{argument: value})


def sign_in(browser: Browser) -> None:
    token = browser.token("/auth/login")
    status, location, _ = browser.request("POST", "/auth/login",
                                          {"email": DEMO_EMAIL, "password": DEMO_PASSWORD, "csrf_token": token})
    if status != 302:
        raise RuntimeError(f"the demo teacher could not sign in (status {status})")
