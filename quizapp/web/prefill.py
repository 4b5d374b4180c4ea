"""Fill a student's draft into the quiz page's question fieldsets, on the page's own copy.

The fieldsets come from quizapp.cache.rendered, shared by every student: nothing of a student
may go into them. So the page marks the draft's choices ``checked`` and types its numbers
into the ``value`` of a copy, per request. Done on the server, the answers are back after a
reload, a language switch or on another device, with or without JavaScript.
"""
import html
import re

from markupsafe import Markup, escape

_INPUT = re.compile(r"<input\b[^>]*>")
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def _filled(tag: str, draft: dict[str, list[str]]) -> str:
    attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
    values = draft.get(attributes.get("name", ""))
    if not values:
        return tag
    kind = attributes.get("type", "text")
    if kind in ("radio", "checkbox"):
        return f"{tag[:-1]} checked>" if attributes.get("value") in values else tag
    if kind == "text" and "value" not in attributes:
        return f'{tag[:-1]} value="{escape(values[0])}">'
    return tag


def prefilled(fieldsets: Markup, draft: dict[str, list[str]] | None) -> Markup:
    """The fieldsets with the draft's answers filled in (the cached fragments are not changed)."""
    if not draft:
        return fieldsets
    return Markup(_INPUT.sub(lambda match: _filled(match.group(0), draft), str(fieldsets)))
