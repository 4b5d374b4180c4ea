"""Read numbers the way students write them, in German or in English.

Accepted: 5000, 5'000, 5’000, 5 000 (also narrow/no-break spaces), 5.000 and 5,000 (thousands
separators), 2,5 and 2.5 (decimal), 1.234,5, 1,234.5 and 1'234.5 (both), a leading minus sign.
A separator followed by exactly three digits (in groups of three, after a first group of one to
three digits that is not 0) groups thousands, whichever language the student uses: 1.000 is a
thousand in German print and 1,000 in English, so both are read as a thousand; "2.5", "2,25"
and "0,125" stay decimals. A decimal with exactly three digits after 1 to 999 cannot be
written without being read as thousands (12,125 is 12125): write 12,1250.

A range is two such numbers joined by a dash (-, –, —), "bis" or "to", optionally after "von"
or "from": 14'000–15'000, 14000 bis 15000, 14 000 - 15 000, von 14.000 bis 15.000.
"""
import math
import re

_GROUPED = re.compile(r"^(?P<integer>[1-9]\d{0,2}(?P<sep>['’ \u00a0\u202f.,])\d{3}(?:(?P=sep)\d{3})*)"
                      r"(?:(?P<mark>[.,])(?P<fraction>\d+))?$")
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")


def _decimal_mark_fits(separator: str, mark: str | None, fraction: str | None) -> bool:
    """Whether a grouped number's decimal part is one: after dots the decimal comma (1.234,5),
    after commas the decimal point (1,234.5), after apostrophes and spaces either; but never a
    point with three digits there (5'000.000), which reads as a mistyped group."""
    if mark is None:
        return True
    if mark == separator:
        return False
    return not (mark == "." and separator != "," and len(fraction) == 3)


def parse_number(text: str) -> float | None:
    """Return the number written in ``text``, or None if it is not one number."""
    if not isinstance(text, str) or len(text) > 400:
        return None
    value = text.strip()
    sign = 1.0
    if value[:1] in {"-", "−"}:
        sign, value = -1.0, value[1:].strip()
    grouped = _GROUPED.match(value)
    if grouped and _decimal_mark_fits(grouped["sep"], grouped["mark"], grouped["fraction"]):
        digits = "".join(ch for ch in grouped["integer"] if ch.isdigit())
        fraction = grouped["fraction"]
        number = sign * float(f"{digits}.{fraction}" if fraction else digits)
        return number if math.isfinite(number) else None
    if grouped:
        return None
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
    """A number as text to edit in a form, which parse_number reads back as the same number:
    ungrouped, with a decimal comma, and a fourth decimal where three would read as thousands."""
    value = float(value)
    if value.is_integer():
        return str(int(value))
    whole, _, fraction = f"{abs(value):.6f}".rstrip("0").partition(".")
    if len(fraction) == 3 and whole != "0" and len(whole) <= 3:
        fraction += "0"
    return ("-" if value < 0 else "") + whole + "," + fraction


def _grouped(whole: int) -> str:
    # As Swiss print writes them: four digits stay together (5000, and a year is 2025, never
    # 2'025); from five digits on, groups of three (14'000).
    return str(whole) if abs(whole) < 10_000 else f"{whole:,}".replace(",", "'")


def format_number(value: float) -> str:
    """Write a number the Swiss way: 14'000, 5000, 2025, 2,5, 5'000'000,5."""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if value.is_integer():
        return _grouped(int(value))
    # Fixed point, not %g: 5000000.5 must not become "5e+06".
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):.6f}".rstrip("0").partition(".")
    return sign + _grouped(int(whole)) + ("," + fraction if fraction else "")
