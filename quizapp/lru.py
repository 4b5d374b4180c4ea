"""A small thread-safe least-recently-used cache, for the per-worker caches."""
from collections import OrderedDict
from threading import Lock

from flask import current_app


class LRU:
    """At most ``size`` entries; the least recently used one goes first."""

    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), Lock()

    def get(self, key):
        # No lock: each OrderedDict call is atomic under the GIL, and a key that put() evicts
        # in between is simply a miss. Reads are most of the traffic; taking the lock for them
        # cost as much as the lookup.
        try:
            value = self.items[key]
            self.items.move_to_end(key)
        except KeyError:
            return None
        return value

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


def app_cache(name: str, size: int) -> LRU:
    """The current app's LRU called ``name``, created on first use.

    Per app, not per module: two apps in one process (tests, or two databases) must never
    share entries, since ids mean different rows in different databases.
    """
    extensions = current_app.extensions
    cache = extensions.get(f"quizapp.{name}")
    if cache is None:
        cache = extensions.setdefault(f"quizapp.{name}", LRU(size))
    return cache
