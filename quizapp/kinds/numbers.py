"""Read numbers the way German-speaking students write them.

Accepted: 5000, 5'000, 5’000, 5 000 (also narrow/no-break spaces), 5.000 (dot as thousands
separator), 2,5 and 2.5 (decimal), a leading minus sign. A dot followed by exactly three digits
in groups is a thousands separator, as in German print; "2.5" stays two and a half.

A range is two such numbers joined by a dash (-, –, —), "bis" or "to", optionally after "von"
or "from": 14'000–15'000, 14000 bis 15000, 14 000 - 15 000, von 14.000 bis 15.000.
"""
import math
import re

THOUSANDS_SEPARATORS = "'’ \u00a0\u202f."
_GROUPED = re.compile(r"^\d{1,3}(?P<sep>['’ \u00a0\u202f.])\d{3}(?:(?P=sep)\d{3})*(?:,\d+)?$")
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")


def parse_number(text: str) -> float | None:
    """Return the number written in ``text``, or None if it is not one number."""
    if not isinstance(text, str) or len(text) > 400:
        return None
    value = text.strip()
    sign = 1.0
    if value[:1] in {"-", "−"}:
        sign, value = -1.0, value[1:].strip()
    if _GROUPED.match(value):
        integer, _, fraction = value.partition(",")
        digits = "".join(ch for ch in integer if ch.isdigit())
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
