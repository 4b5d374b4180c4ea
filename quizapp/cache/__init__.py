"""Per-worker caches, each a bounded LRU per app: rendered HTML of published, immutable content
(rendered.py), question-version snapshots (snapshots.py) and verified session cookies
(sessions.py)."""
from collections.abc import Hashable, Iterable
from threading import Lock
from typing import Any

from cachetools import LRUCache
from flask import current_app


class WorkerCache:
    """A cachetools LRU behind a lock (cachetools' caches are not thread-safe)."""

    def __init__(self, size: int):
        self.entries: LRUCache = LRUCache(maxsize=size)
        self.lock = Lock()

    def get_many(self, keys: Iterable[Hashable]) -> list[Any]:
        with self.lock:  # once for a page's thirty entries
            return [self.entries.get(key) for key in keys]

    def put_many(self, items: dict) -> None:
        with self.lock:
            self.entries.update(items)


def worker_cache(name: str, size_setting: str) -> WorkerCache | None:
    """This app's cache ``name`` sized by the setting; None when the setting is 0 (caching off).

    Kept in ``app.extensions``: ids name rows of one database, so apps never share a cache.
    """
    size = int(current_app.config.get(size_setting) or 0)
    if size <= 0:
        return None
    cache = current_app.extensions.get(name)
    if cache is None or cache.entries.maxsize != size:
        cache = current_app.extensions[name] = WorkerCache(size)
    return cache
