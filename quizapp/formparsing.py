"""Form bodies (application/x-www-form-urlencoded) parsed with less work.

A submit posts thirty answers, and Werkzeug's parser (urllib's parse_qsl) unquotes every
name and value, which cost a twentieth of a submit although nearly all of them are plain
option keys and numbers. This parser gives the same pairs and unquotes only those that
need it; every other body (multipart uploads among them) is Werkzeug's.
"""
from urllib.parse import unquote

import werkzeug.urls  # noqa: F401 (registers the error handler named below, as Werkzeug's parser relies on)
from flask import Flask, Request
from werkzeug.formparser import FormDataParser

URLENCODED = "application/x-www-form-urlencoded"
_UNQUOTE_ERRORS = "werkzeug.url_quote"  # Werkzeug's handler: bytes that are not UTF-8 stay %-quoted


def parse_urlencoded(text: str) -> list[tuple[str, str]]:
    """What parse_qsl(text, keep_blank_values=True, errors=...) gives, as Werkzeug calls it."""
    pairs = []
    for part in text.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        if "%" in part or "+" in part:
            name = unquote(name.replace("+", " "), errors=_UNQUOTE_ERRORS)
            value = unquote(value.replace("+", " "), errors=_UNQUOTE_ERRORS)
        pairs.append((name, value))
    return pairs


class _FormDataParser(FormDataParser):
    def parse(self, stream, mimetype, content_length, options=None):
        if mimetype != URLENCODED:
            return super().parse(stream, mimetype, content_length, options)
        # As Werkzeug: the stream is already limited to MAX_CONTENT_LENGTH, and a body that
        # is not UTF-8 makes an empty form unless the parser was told not to be silent.
        try:
            pairs = parse_urlencoded(stream.read().decode())
        except ValueError:
            if not self.silent:
                raise
            pairs = []
        return stream, self.cls(pairs), self.cls()


class FormRequest(Request):
    form_data_parser_class = _FormDataParser


def init_app(app: Flask) -> None:
    app.request_class = FormRequest
