"""Find a quoted passage in an article's text, the way a W3C TextQuoteSelector does.

A quote is stored as exact text plus a little context before (prefix) and after (suffix) and
the anchor of the passage it was found in. When an article's text is edited, the quote is
found again by its exact text; prefix, suffix and the old anchor decide between several
occurrences. A quote that no longer occurs does not resolve.
"""
from dataclasses import dataclass

CONTEXT_WIDTH = 32


@dataclass(frozen=True)
class QuoteMatch:
    anchor: str
    start: int
    end: int


def occurrences(text: str, exact: str) -> list[int]:
    starts, index = [], text.find(exact)
    while index != -1:
        starts.append(index)
        index = text.find(exact, index + 1)
    return starts


def _shared_before(text: str, end: int, prefix: str) -> int:
    """How many characters of ``prefix``'s tail stand in ``text`` right before ``end``.

    Indexes instead of slices: a quote that occurs many times in a long passage must not copy
    the passage once per occurrence.
    """
    count, limit = 0, min(end, len(prefix))
    while count < limit and text[end - 1 - count] == prefix[-1 - count]:
        count += 1
    return count


def _shared_after(text: str, start: int, suffix: str) -> int:
    count, limit = 0, min(len(text) - start, len(suffix))
    while count < limit and text[start + count] == suffix[count]:
        count += 1
    return count


def find_quote(passages: list[tuple[str, str]], exact: str, anchor: str | None = None,
               prefix: str = "", suffix: str = "") -> list[QuoteMatch]:
    """Return the best matches of ``exact`` among (anchor, text) passages, best first.

    One match means the quote resolves; none means it is gone; several equally good ones mean
    it is ambiguous and needs more context.
    """
    if not exact:
        return []
    prefix, suffix = prefix[-CONTEXT_WIDTH:], suffix[:CONTEXT_WIDTH]
    scored = []
    for passage_anchor, text in passages:
        for start in occurrences(text, exact):
            end = start + len(exact)
            score = (
                _shared_before(text, start, prefix) + _shared_after(text, end, suffix),
                passage_anchor == anchor,
            )
            scored.append((score, QuoteMatch(passage_anchor, start, end)))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return [match for score, match in scored if score == best]


def context_of(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> tuple[str, str]:
    """Return the prefix and suffix that pin a quote at text[start:end]."""
    return text[max(0, start - width):start], text[end:end + width]


def split_for_highlight(text: str, exact: str, prefix: str = "", suffix: str = "") -> tuple[str, str, str] | None:
    """Split a passage into (before, quote, after) for a <mark>, or None if the quote is absent."""
    matches = find_quote([("", text)], exact, None, prefix, suffix)
    if not matches:
        return None
    match = matches[0]
    return text[:match.start], text[match.start:match.end], text[match.end:]
