"""Markers for the per-visitor values of HTML that is rendered once and shared.

The site header, the quiz page and the result page's frame look the same for many students
but for a few values: the student's name, their CSRF token, their attempt's id, and on the
result page the score line and the reviews. Such HTML is rendered once with these random
markers in place of the values (inside ``shared_rendering()``), cached as ``Shared``, and
filled in per request with ``Shared.fill()``. The markers are random per process, so they
never occur in real content.
"""
import re
import secrets
from contextlib import contextmanager

from flask import g
from markupsafe import Markup, escape

NAME = f"quizapp-name-{secrets.token_hex(8)}"
TOKEN = f"quizapp-token-{secrets.token_hex(8)}"
ATTEMPT_ID = 10**17 + secrets.randbelow(10**17)  # an integer, so it passes url_for's converters
SUMMARY = f"quizapp-summary-{secrets.token_hex(8)}"
REVIEWS = f"quizapp-reviews-{secrets.token_hex(8)}"
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


_FIELDS = {NAME: "name", TOKEN: "token", str(ATTEMPT_ID): "attempt_id", SUMMARY: "summary", REVIEWS: "reviews"}
_MARKER = re.compile("(" + "|".join(map(re.escape, _FIELDS)) + ")")


class Shared:
    """Shared HTML, split at its markers once: filling it in is then a single join.

    Each marker is replaced by the value of its field, if given: ``name`` (escaped here),
    ``token``, ``attempt_id``, and the HTML ``summary`` and ``reviews``. Values are put in
    between the pieces, never searched, so nothing inside them is ever taken for a marker.
    """

    __slots__ = ("html", "_pieces")

    def __init__(self, html: str):
        self.html = html  # as rendered, markers and all: for a page that embeds it
        self._pieces = tuple(_MARKER.split(html))  # text, marker, text, marker, ..., text

    def fill(self, name: str | None = None, **values) -> Markup:
        if name is not None:
            values["name"] = escape(name)
        pieces = list(self._pieces)
        for index in range(1, len(pieces), 2):
            value = values.get(_FIELDS[pieces[index]])
            if value is not None:
                pieces[index] = str(value)
        return Markup("".join(pieces))
