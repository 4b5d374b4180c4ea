"""A small thread-safe least-recently-used cache, for the per-worker caches."""
from collections import OrderedDict
from threading import Lock

from flask import current_app


class LRU:
    """At most ``size`` entries; the least recently used one goes first."""

    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

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
