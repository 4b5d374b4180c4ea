"""Hostile input on every route: never a 5xx, and whatever is shown again comes back escaped.

The walk takes every rule of the URL map (so a new route is covered without being listed), as
the owner teacher and as a student, and sends:
- GET with every query parameter the app reads set to each entry of the corpus, and with path
  values replaced (ids beyond 2⁶³, slugs and codes from the corpus);
- POST with every field name the app's forms use set to each entry of the corpus, with repeated
  fields, with invalid UTF-8, and with a 10 MB value.
Afterwards every page is read again: a payload stored by a POST must be escaped wherever it shows.
Routes that delete or sign out run last, so the world they act on stays in place for the others.
"""
import re

import pytest
from werkzeug.datastructures import MultiDict
from werkzeug.routing import BuildError, Rule

from .test_permissions import built_world

SCRIPT = "<script>alert('xss')</script>"
CORPUS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "Robert'); DROP TABLE student;--",
    "{{ 7*7 }}{% raw %}",
    "../../etc/passwd",
    "%00%ff",
    "A" * 100_000,
    "a\x00b",
    "\x1b[31mred",
    "\u202egnp.exe",
    "😀" * 500,
    "99999999999999999999999",
    "-1",
    "1e309",
    "NaN",
    "-inf",
    "",
    "   ",
]
# Query strings are read as numbers, dates, codes and choices: the entries that probe those.
QUERY_CORPUS = [SCRIPT, "A" * 4_000,  # servers refuse URLs much longer than 8 kB
                "99999999999999999999999", "-1", "1e309", "NaN", "", "../../etc/passwd",
                "2025-02-30", "😀"]
HUGE_ID = "9" * 20
QUERY_NAMES = ("article", "code", "kind", "lang", "next", "page", "quote", "passage", "sep", "classroom",
               "since", "until", "first_only", "sort", "dir")
FIELD = re.compile(r'<(?:input|select|textarea|button)\b[^>]*\bname="([^"]+)"')
LAST = ("delete", "remove", "logout", "password", "teachers")


def _field_names(html: str) -> set[str]:
    return set(FIELD.findall(html)) - {"csrf_token"}


def _ordered(rules: list[Rule]) -> list[Rule]:
    return sorted(rules, key=lambda rule: (any(word in rule.endpoint for word in LAST), rule.rule))


@pytest.fixture(scope="module")
def world(tmp_path_factory, _postgres_schema):
    # Server errors are answered as 500 pages (not raised) so one run lists every route that fails.
    with built_world(tmp_path_factory.mktemp("hostile"), PROPAGATE_EXCEPTIONS=False) as built:
        yield built


def _rules(world, method: str) -> list[Rule]:
    return _ordered([rule for rule in world.app.url_map.iter_rules()
                     if method in rule.methods and rule.endpoint != "static"])


def _url(world, rule: Rule, **replace) -> str | None:
    """The rule's URL with the world's ids, some replaced; None when the rule cannot build it."""
    from flask import url_for
    with world.app.test_request_context():
        values = {name: replace.get(name, world.params[name]) for name in rule.arguments}
        try:
            return url_for(rule.endpoint, **values)
        except (BuildError, ValueError):  # e.g. a value outside an <any(...)> choice
            return None


def _check(response, what: str, failures: list[str]) -> None:
    if response.status_code >= 500:
        failures.append(f"{what}: {response.status_code}")
    elif response.mimetype == "text/html" and SCRIPT in response.get_data(as_text=True):
        failures.append(f"{what}: the script payload is shown unescaped")


def _all_field_names(world, client) -> set[str]:
    names = set()
    for rule in _rules(world, "GET"):
        response = client.get(_url(world, rule))
        if response.mimetype == "text/html":
            names |= _field_names(response.get_data(as_text=True))
    return names


@pytest.mark.parametrize("role", ["owner", "student"])
def test_query_strings_and_path_values_never_cause_a_server_error(world, role):
    world.restore()
    client, failures = world.client(role), []
    for rule in _rules(world, "GET"):
        url = _url(world, rule)
        for value in QUERY_CORPUS:
            response = client.get(url, query_string={name: value for name in QUERY_NAMES})
            _check(response, f"GET {url} ?…={value[:20]!r}", failures)
        for name in rule.arguments - {"filename"}:
            for value in (HUGE_ID, SCRIPT, "0"):
                url = _url(world, rule, **{name: value})
                if url is not None:
                    _check(client.get(url), f"GET {url}", failures)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ["owner", "student"])
def test_every_form_field_with_hostile_values_never_causes_a_server_error(world, role):
    world.restore()
    client, failures = world.client(role), []
    names = _all_field_names(world, world.client("owner")) | {"display_name", "pin", "code", "email", "password"}
    for rule in _rules(world, "POST"):
        url = _url(world, rule)
        for value in CORPUS:
            response = client.post(url, data={name: value for name in names})
            _check(response, f"POST {url} fields={value[:20]!r}", failures)
        repeated = MultiDict([(name, value) for name in names for value in ("1", SCRIPT)])
        _check(client.post(url, data=repeated), f"POST {url} repeated fields", failures)
        invalid_utf8 = b"&".join(name.encode() + b"=%FF%FE%C3%28" for name in sorted(names))
        _check(client.post(url, data=invalid_utf8, content_type="application/x-www-form-urlencoded"),
               f"POST {url} invalid UTF-8", failures)
        world.restore()
    assert not failures, "\n".join(failures)


def test_a_ten_megabyte_value_is_refused_as_too_large(world):
    client = world.client("owner")
    for rule in _rules(world, "POST")[:10]:
        url = _url(world, rule)
        response = client.post(url, data={"title": "x" * 10_000_000})
        assert response.status_code == 413, f"POST {url}: {response.status_code}"


def test_stored_payloads_are_escaped_on_every_page(world):
    """After the hostile POSTs, every page a teacher or student opens shows payloads as text."""
    world.restore()
    owner = world.client("owner")
    names = _all_field_names(world, owner)
    for rule in _rules(world, "POST"):
        if not any(word in rule.endpoint for word in LAST):
            owner.post(_url(world, rule), data={name: SCRIPT for name in names})
    world.restore()
    failures = []
    for role in ("owner", "student"):
        client = world.client(role)
        for rule in _rules(world, "GET"):
            url = _url(world, rule)
            _check(client.get(url), f"{role} GET {url}", failures)
    assert not failures, "\n".join(failures)
