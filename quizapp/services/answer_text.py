"""What a posted answer may contain: control characters are neutralised before anything parses it.

A NUL byte cannot be stored in a PostgreSQL text column, a lone surrogate cannot be encoded
as UTF-8 at all, and bidirectional overrides make stored text read differently from what it
holds; none belongs in an answer. Each becomes U+FFFD, the replacement character, rather
than vanishing: "5\\x000" must not turn into the number 50. Tab, line feed and carriage
return stay (a pasted answer may carry them, and every database stores them).
"""
import re

REPLACEMENT = "\ufffd"
# C0 and C1 controls but tab, LF and CR; DEL; bidi embeddings, overrides and isolates; surrogates.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def neutralised(values: list[str]) -> list[str]:
    """The posted values of one question with every unwanted character replaced by U+FFFD."""
    return [_UNWANTED.sub(REPLACEMENT, value) for value in values]
