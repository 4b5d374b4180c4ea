"""JSON encoded ahead of time: for values written often and built from parts that repeat.

A submit stores 30 graded answers as one JSON list, and encoding that list again for every
submit cost a twentieth of it, although each graded answer is kept, encoded, per worker
(quizapp.attempts). The engine's JSON serializer passes EncodedJSON through as it is.
"""
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass


class EncodedJSON(str):
    """Text that is already JSON: stored as it is, not encoded once more as a JSON string."""


def encoded_list(items: Iterable[str]) -> EncodedJSON:
    """The JSON list of already encoded items, exactly as json.dumps writes a list."""
    return EncodedJSON("[" + ", ".join(items) + "]")


@dataclass(frozen=True)
class Serializer:
    """An engine's json_serializer: EncodedJSON as it is, anything else through ``encode``.

    A callable object, not a closure: psycopg caches its JSON dumpers per function and will
    not cache (and warns about) closures.
    """

    encode: Callable[[object], str] = json.dumps

    def __call__(self, value) -> str:
        return value if type(value) is EncodedJSON else self.encode(value)
