"""Read and write numbers the way students write them, in the UI's language.

Accepted in both languages: 5000, 5'000, 5’000, 5 000 (also narrow/no-break spaces), 1.000.000
and 1,000,000 (groups), 1.234,5 and 1,234.5 (both marks: the last one is the decimal mark), 2,5
and 2.5, 0,125 and 0.125 (decimals), a leading minus sign. One mark before exactly three digits
is the one case the languages read differently, so the UI's language decides, as its readers
would: in German 1.000 is a thousand and 12,125 twelve and a bit; in English 1,000 is a
thousand and 12.125 twelve and a bit. Outside a request (question files, the CLI) German rules.

A range is two such numbers joined by a dash (-, –, —), "bis" or "to", optionally after "von"
or "from": 14'000–15'000, 14000 bis 15000, 14 000 - 15 000, von 14.000 bis 15.000.
"""
import math
import re

from flask import has_request_context
from flask_babel import get_locale

_GROUPED = re.compile(r"^(?P<integer>[1-9]\d{0,2}(?P<sep>['’ \u00a0\u202f.,])\d{3}(?P<more>(?:(?P=sep)\d{3})*))"
                      r"(?:(?P<mark>[.,])(?P<fraction>\d+))?$")
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")


def decimal_mark() -> str:
    """The decimal mark of the UI's language: "." in English, "," in German (and outside a request)."""
    if has_request_context():
        locale = get_locale()
        if locale is not None and locale.language == "en":
            return "."
    return ","


def _decimal_mark_fits(separator: str, mark: str | None, fraction: str | None) -> bool:
    """Whether a grouped number's decimal part is one: after dots the decimal comma (1.234,5),
    after commas the decimal point (1,234.5), after apostrophes and spaces either; but never a
    point with three digits there (5'000.000), which reads as a mistyped group."""
    if mark is None:
        return True
    if mark == separator:
        return False
    return not (mark == "." and separator != "," and len(fraction) == 3)


def parse_number(text: str, mark: str | None = None) -> float | None:
    """Return the number written in ``text``, or None if it is not one number.

    ``mark`` is the decimal mark that settles 1,000 and 1.000 (default: the UI language's).
    """
    if not isinstance(text, str) or len(text) > 400:
        return None
    value = text.strip()
    sign = 1.0
    if value[:1] in {"-", "−"}:
        sign, value = -1.0, value[1:].strip()
    grouped = _GROUPED.match(value)
    # 12,125 in German (12.125 in English): one decimal mark, not a group; read as a decimal below.
    decimal = grouped and grouped["sep"] == (mark or decimal_mark()) and not grouped["more"] and not grouped["mark"]
    if grouped and not decimal:
        if not _decimal_mark_fits(grouped["sep"], grouped["mark"], grouped["fraction"]):
            return None
        digits = "".join(ch for ch in grouped["integer"] if ch.isdigit())
        fraction = grouped["fraction"]
        number = sign * float(f"{digits}.{fraction}" if fraction else digits)
        return number if math.isfinite(number) else None
    if _PLAIN.match(value):
        number = sign * float(value.replace(",", "."))
        return number if math.isfinite(number) else None  # 400 nines are not a number anyone means
    return None


MAX_RANGE_TEXT = 80
_RANGE_SEPARATOR = re.compile(r"\s*(?:[-–—−]|\b(?:bis|to)\b)\s*", re.IGNORECASE)
_RANGE_PREFIX = re.compile(r"^(?:von|from)\s+", re.IGNORECASE)


def parse_range(text: str) -> tuple[float, float] | None:
    """Return the two ends written in ``text`` (in the order written), or None if it is not a range."""
    if not isinstance(text, str) or len(text) > MAX_RANGE_TEXT:
        return None
    value = _RANGE_PREFIX.sub("", text.strip())
    # Try each separator: "-5 - 5" splits at the second dash, since "" is no number.
    for match in _RANGE_SEPARATOR.finditer(value):
        low, high = parse_number(value[:match.start()]), parse_number(value[match.end():])
        if low is not None and high is not None:
            return low, high
    return None


def editable_number(value: float) -> str:
    """A number as text to edit in a form, which parse_number reads back as the same number in
    the same language: ungrouped, with the language's decimal mark."""
    value = float(value)
    if value.is_integer():
        return str(int(value))
    whole, _, fraction = f"{abs(value):.6f}".rstrip("0").partition(".")
    return ("-" if value < 0 else "") + whole + decimal_mark() + fraction


def _grouped(whole: int, mark: str) -> str:
    # Four digits stay together (5000, and a year is 2025, never 2'025); from five digits on,
    # groups of three: 14'000 as Swiss print writes them, 14,000 in English.
    if abs(whole) < 10_000:
        return str(whole)
    return f"{whole:,}" if mark == "." else f"{whole:,}".replace(",", "'")


def format_number(value: float) -> str:
    """Write a number as the UI's language does: 14'000, 5000, 2025, 2,5, 5'000'000,5 in German
    (the Swiss way); 14,000, 2.5, 5,000,000.5 in English. parse_number reads each back."""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    mark = decimal_mark()
    if value.is_integer():
        return _grouped(int(value), mark)
    # Fixed point, not %g: 5000000.5 must not become "5e+06".
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):.6f}".rstrip("0").partition(".")
    return sign + _grouped(int(whole), mark) + (mark + fraction if fraction else "")
