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

from . import worker_cache


def cached_snapshots(version_ids: Iterable[int], read: Callable[[set[int]], dict[int, dict]]) -> dict[int, dict]:
    """{version id: snapshot} for ``version_ids``; those not kept yet come from ``read(ids)``."""
    wanted = set(version_ids)
    cache = worker_cache("quizapp.snapshots", "SNAPSHOT_CACHE_SIZE")
    if cache is None:
        return read(wanted)
    found = {version_id: snapshot for version_id, snapshot in zip(wanted, cache.get_many(wanted))
             if snapshot is not None}
    missing = wanted - found.keys()
    if missing:
        fresh = read(missing)
        cache.put_many(fresh)
        found.update(fresh)
    return found
