"""Markers for the per-visitor values of HTML that is rendered once and shared.

The site header, the quiz page and the result page's frame look the same for many students
but for a few values: the student's name, their CSRF token, their attempt's id, and on the
result page the score line and the reviews. Such HTML is rendered once with these random
markers in place of the values (inside ``shared_rendering()``), cached, and filled in per
request with ``fill()``. The markers are random per process, so they never occur in real
content.
"""
import secrets
from contextlib import contextmanager

from flask import g
from markupsafe import Markup, escape

NAME = f"quizapp-name-{secrets.token_hex(8)}"
TOKEN = f"quizapp-token-{secrets.token_hex(8)}"
ATTEMPT_ID = 10**17 + secrets.randbelow(10**17)  # an integer, so it passes url_for's converters
SUMMARY = f"quizapp-summary-{secrets.token_hex(8)}"
REVIEWS = f"quizapp-reviews-{secrets.token_hex(8)}"
_PARTS = {"summary": SUMMARY, "reviews": REVIEWS}
_CSRF_IN_G = "csrf_token"  # where Flask-WTF's generate_csrf keeps this request's token


def rendering_shared() -> bool:
    return g.get("_quizapp_shared_rendering", False)


@contextmanager
def shared_rendering():
    """Render with the markers: csrf_token() and the site header leave them in place.

    Flask-WTF's own generate_csrf (WTForms' hidden_tag uses it) returns the token kept in g,
    so the marker is put there too: no visitor's token can end up in a shared page.
    """
    token = g.pop(_CSRF_IN_G, None)
    g._quizapp_shared_rendering = True
    setattr(g, _CSRF_IN_G, TOKEN)
    try:
        yield
    finally:
        g._quizapp_shared_rendering = False
        g.pop(_CSRF_IN_G, None)
        if token is not None:
            setattr(g, _CSRF_IN_G, token)


def fill(html: str, name: str | None = None, token: str | None = None, attempt_id: int | None = None,
         **parts: Markup) -> Markup:
    """Put this visitor's values into shared HTML; ``parts`` (summary=, reviews=) replace the
    markers of those names last, so nothing inside them is ever taken for a marker."""
    if name is not None:
        html = html.replace(NAME, str(escape(name)))
    if token is not None:
        html = html.replace(TOKEN, token)
    if attempt_id is not None:
        html = html.replace(str(ATTEMPT_ID), str(attempt_id))
    for marker, part in parts.items():
        html = html.replace(_PARTS[marker], str(part), 1)
    return Markup(html)
