"""Every form sent back with errors says so to screen readers: the summary above the form is an
alert, and each field in error is marked aria-invalid and described by its visible error text."""
from html.parser import HTMLParser

import pytest

from .authoring_helpers import create_article


class Elements(HTMLParser):
    """The page's elements with their attributes, and the text inside each element with an id."""

    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "col", "area", "base", "wbr"}

    def __init__(self, html: str):
        super().__init__()
        self.tags, self.text, self._open = [], {}, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in self.VOID:
            self._open.append(attributes.get("id"))
            if attributes.get("id"):
                self.text[attributes["id"]] = ""

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        for element_id in filter(None, self._open):
            self.text[element_id] += data


def assert_errors_announced(response, invalid: set[str]) -> None:
    """The fields ``invalid`` (names) are marked and described by their error; there is an alert."""
    assert response.status_code in (400, 422), response.status_code
    page = Elements(response.get_data(as_text=True))
    alerts = [attrs for tag, attrs in page.tags if attrs.get("role") == "alert"]
    assert alerts, "no role=alert on the page"
    marked = {attrs.get("name") for tag, attrs in page.tags if attrs.get("aria-invalid") == "true"}
    assert invalid <= marked, f"not marked invalid: {invalid - marked}"
    for tag, attrs in page.tags:
        if attrs.get("aria-invalid") != "true":
            continue
        described = (attrs.get("aria-describedby") or "").split()
        errors = [page.text.get(element_id, "").strip() for element_id in described if element_id.endswith("-error")]
        assert errors and all(errors), f"{attrs.get('name')} is not described by its error text: {described}"


def test_join_form(client):
    assert_errors_announced(client.post("/join", data={"code": "", "display_name": ""}), {"code", "display_name"})


def test_teacher_sign_in_form(client):
    assert_errors_announced(client.post("/auth/login", data={"email": "", "password": ""}), {"email", "password"})


def test_name_form_before_a_quiz(client, mini_quiz):
    assert_errors_announced(client.post(f"/quiz/{mini_quiz}/start", data={"display_name": ""}), {"display_name"})


def test_teacher_forms(teacher):
    assert_errors_announced(teacher.post("/teacher/classes", data={"name": ""}), {"name"})
    assert_errors_announced(teacher.post("/teacher/password", data={}), {"current_password", "new_password"})
    assert_errors_announced(teacher.post("/teacher/articles/new", data={"title": "", "text": ""}), {"title", "text"})
    assert_errors_announced(teacher.post("/teacher/import", data={}), {"file"})


def test_question_form(teacher):
    article_id = create_article(teacher)
    response = teacher.post(f"/teacher/articles/{article_id}/questions/new?kind=single_choice",
                            data={"prompt": "", "points": "0", "category": "actors", "difficulty": "medium",
                                  "status": "published", "options-0-text": "Der Kanton",
                                  "quote_exact": "steht nicht im Text", "quote_passage": "p-2"})
    assert_errors_announced(response, {"points"})


@pytest.mark.parametrize("path", ["/join", "/auth/login"])
def test_summary_links_to_each_field_in_error(client, path):
    page = client.post(path, data={}).get_data(as_text=True)
    assert 'class="flash flash-error error-summary" role="alert"' in page
    for name in ("code", "display_name") if path == "/join" else ("email", "password"):
        assert f'<li><a href="#{name}">' in page
