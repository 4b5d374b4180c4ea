"""Readable ids for articles and questions, from German titles and prompts."""
import re

_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "à": "a",
                                "ç": "c", "’": "", "'": ""})


def slugify(text: str, max_length: int = 60, fallback: str = "item") -> str:
    """"Nordkorea schickt 5000 Bausoldaten" -> "nordkorea-schickt-5000-bausoldaten"."""
    slug = re.sub(r"[^a-z0-9]+", "-", (text or "").lower().translate(_TRANSLITERATE)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-") or fallback


def unique(base: str, taken, max_length: int = 80) -> str:
    """``base`` or ``base-2``, ``base-3`` … whichever ``taken(candidate)`` says is free."""
    candidate, number = base[:max_length], 2
    while taken(candidate):
        suffix = f"-{number}"
        candidate = base[:max_length - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate
