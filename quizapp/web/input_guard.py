"""Refuse request input that no page of the app can store or show: ids beyond the database's
integer range in URLs, and control characters in form fields and query strings.

Both reach the database otherwise: PostgreSQL refuses a NUL in text and an id above 2³¹−1 in an
integer comparison, which would surface as a server error instead of a message.
"""
import re

from flask import Flask, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

# Primary keys are INTEGER columns: 32-bit on PostgreSQL.
MAX_DATABASE_ID = 2**31 - 1
# Every C0/C1 control except line breaks and tabs (ordinary text in a textarea); the Unicode
# "format" characters that reorder or hide text (bidi overrides and isolates, direction marks;
# no field here needs them); lone surrogates and private-use characters (Unicode categories Cc,
# Cs and Co). One expression: the check runs over every form value of every request.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                        "\ud800-\udfff\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


class DatabaseIdConverter(IntegerConverter):
    """``<int:id>`` that matches only ids the database can hold; a larger one is a plain 404."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_DATABASE_ID)
        super().__init__(map, *args, **kwargs)


def database_id(value: str) -> int:
    """An id from a query string, for ``request.args.get(name, type=database_id)``.

    Raises ValueError (so ``get`` answers None) for anything the id columns cannot hold.
    """
    number = int(value)
    if not 0 < number <= MAX_DATABASE_ID:
        raise ValueError(value)
    return number


def unstorable_character(value: str) -> str | None:
    """The first character of ``value`` that the app refuses to store, or None."""
    found = UNSTORABLE.search(value)
    return found.group() if found else None


class UnstorableInput(BadRequest):
    """A 400 whose description is the message shown to the person (see web.register_error_pages)."""

    show_description = True


def refuse_control_characters() -> None:
    for values in (request.args, request.form):
        for name, value in values.items(multi=True):
            if unstorable_character(name) is not None or unstorable_character(value) is not None:
                raise UnstorableInput(_("The form contains an invisible control character (for example a NUL "
                                        "byte or a text-direction override). Remove it and send the form again."))


def init_app(app: Flask) -> None:
    """Install the id converter (before any blueprint adds its routes) and the input check."""
    app.url_map.converters["int"] = DatabaseIdConverter
    app.before_request(refuse_control_characters)
