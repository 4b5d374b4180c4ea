"""One guard for every teacher page: the teacher, authoring and results blueprints refuse
anonymous visitors (sent to sign in, and back afterwards) and students (403), on every route."""
from urllib.parse import parse_qs, urlsplit

from flask import url_for

from .helpers.visible import visible

TEACHER_BLUEPRINTS = ("teacher", "authoring", "results")


def teacher_routes(app) -> list[tuple[str, str]]:
    """(method, path) for every route of the teacher blueprints, with a valid value for each argument."""
    routes = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.endpoint.split(".")[0] not in TEACHER_BLUEPRINTS:
                continue
            # The guard runs before the view, so any value of the right type reaches it.
            values = {name: _any_choices(rule.rule, name) or 1 for name in rule.arguments}
            method = "GET" if "GET" in rule.methods else "POST"
            routes.append((method, url_for(rule.endpoint, **values)))
    return sorted(set(routes))


def _any_choices(rule_text: str, name: str) -> str | None:
    """The first choice of an ``<any(a, b):name>`` part of a rule, if the argument is one."""
    for part in rule_text.split("<any(")[1:]:
        inner, _, rest = part.partition(")")
        if rest.startswith(f":{name}>"):
            return inner.split(",")[0].strip()
    return None


def test_the_check_reaches_the_routes_of_all_three_blueprints(app):
    paths = [path for _, path in teacher_routes(app)]
    assert "/teacher/" in paths and "/teacher/articles" in paths and "/teacher/results" in paths
    assert len(paths) > 40


def test_anonymous_visitors_are_sent_to_sign_in_from_every_teacher_page(app, client):
    client.set_cookie("lang", "en")
    for method, path in teacher_routes(app):
        response = client.open(path, method=method)
        assert response.status_code == 302, (method, path, response.status_code)
        location = urlsplit(response.headers["Location"])
        assert location.path == "/auth/login", (method, path)
        assert parse_qs(location.query)["next"] == [path], (method, path)
    page = client.get("/teacher/results", follow_redirects=True).get_data(as_text=True)
    assert "Please sign in as a teacher to open this page." in page


def test_students_are_refused_every_teacher_page(app, client, student, mini_quiz):
    client.set_cookie("lang", "en")
    student.start(mini_quiz)  # signs the student in
    for method, path in teacher_routes(app):
        response = client.open(path, method=method)
        assert response.status_code == 403, (method, path, response.status_code)
    page = visible(client.get("/teacher/articles"))
    assert ("This page is for teachers. You are signed in as a student; a teacher signs in on this device "
            "after the student has signed out.") in page
