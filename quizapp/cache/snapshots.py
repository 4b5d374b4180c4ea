"""Question-version snapshots kept per worker in a bounded LRU (cachetools), by version id.

A question version is written once and never changed (an edit makes a new version), so its
snapshot can be read from the database once per worker and reused: the submit grades with
the snapshots of its layout, and rendering a missed fragment shows them. Invariant: the key
is the version id, whose row never changes; snapshots are shared between requests and must
be treated as read-only (nothing in the app changes a snapshot it was given). The cache
belongs to one app (ids name rows of one database). SNAPSHOT_CACHE_SIZE entries per worker
(a snapshot is 1–3 kB); 0 reads every time.
"""
from collections.abc import Callable, Iterable
from threading import Lock

from cachetools import LRUCache
from flask import current_app

_EXTENSION = "quizapp.snapshots"


class _Snapshots:
    def __init__(self, size: int):
        self.entries: LRUCache = LRUCache(maxsize=size)
        self.lock = Lock()  # cachetools' caches are not thread-safe


def _cache() -> _Snapshots | None:
    size = int(current_app.config.get("SNAPSHOT_CACHE_SIZE") or 0)
    if size <= 0:
        return None
    cache = current_app.extensions.get(_EXTENSION)
    if cache is None or cache.entries.maxsize != size:
        cache = current_app.extensions[_EXTENSION] = _Snapshots(size)
    return cache


def cached_snapshots(version_ids: Iterable[int], read: Callable[[set[int]], dict[int, dict]]) -> dict[int, dict]:
    """{version id: snapshot} for ``version_ids``; those not kept yet come from ``read(ids)``."""
    wanted = set(version_ids)
    cache = _cache()
    if cache is None:
        return read(wanted)
    with cache.lock:
        found = {version_id: cache.entries[version_id] for version_id in wanted if version_id in cache.entries}
    missing = wanted - found.keys()
    if missing:
        fresh = read(missing)
        with cache.lock:
            cache.entries.update(fresh)
        found.update(fresh)
    return found
