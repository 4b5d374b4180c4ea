"""A small thread-safe least-recently-used cache, for the per-worker caches."""
from collections import OrderedDict
from threading import Lock


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
