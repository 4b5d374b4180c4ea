"""Read numbers the way German-speaking students write them.

Accepted: 5000, 5'000, 5’000, 5 000 (also narrow/no-break spaces), 5.000 (dot as thousands
separator), 2,5 and 2.5 (decimal), a leading minus sign. A dot followed by exactly three digits
in groups is a thousands separator, as in German print; "2.5" stays two and a half.
"""
import re

THOUSANDS_SEPARATORS = "'’ \u00a0\u202f."
_GROUPED = re.compile(r"^\d{1,3}(?P<sep>['’ \u00a0\u202f.])\d{3}(?:(?P=sep)\d{3})*(?:,\d+)?$")
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")


def parse_number(text: str) -> float | None:
    """Return the number written in ``text``, or None if it is not one number."""
    if not isinstance(text, str):
        return None
    value = text.strip()
    sign = 1.0
    if value[:1] in {"-", "−"}:
        sign, value = -1.0, value[1:].strip()
    if _GROUPED.match(value):
        integer, _, fraction = value.partition(",")
        digits = "".join(ch for ch in integer if ch.isdigit())
        return sign * float(f"{digits}.{fraction}" if fraction else digits)
    if _PLAIN.match(value):
        return sign * float(value.replace(",", "."))
    return None


def _grouped(whole: int) -> str:
    # As Swiss print writes them: four digits stay together (5000, and a year is 2025, never
    # 2'025); from five digits on, groups of three (14'000).
    return str(whole) if abs(whole) < 10_000 else f"{whole:,}".replace(",", "'")


def format_number(value: float) -> str:
    """Write a number the Swiss way: 14'000, 5000, 2025, 2,5."""
    if float(value).is_integer():
        return _grouped(int(value))
    whole, _, fraction = f"{value:.6g}".partition(".")
    return _grouped(int(whole)) + ("," + fraction if fraction else "")
