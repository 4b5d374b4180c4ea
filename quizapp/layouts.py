"""An attempt's layout (question versions and option order) as the worker knows it.

The attempt pages read a layout as its stored JSON text. The text keys the cached pages and
is decoded once per worker; its short key travels in the quiz form, so that a submit can
find the layout again without reading the attempt first (quizapp.attempts.submit_posted).
Layouts never change once an attempt is started, so nothing here can go stale, and nothing
is needed by another worker: a worker that does not know a key just reads the attempt.
"""
import hashlib
import json

from .lru import LRU, app_cache

# Without shuffling a whole class shares one layout: decoding it again for every page cost a
# tenth of the quiz page. Decoded layouts are shared, so never changed.
_DECODED = LRU(1000)
_KEYS_SIZE = 1000


def _texts_by_key() -> LRU:
    # Per app: a layout's version ids mean rows of one database.
    return app_cache("layout-keys", _KEYS_SIZE)


def decoded(text: str) -> list[dict]:
    layout = _DECODED.get(text)
    if layout is None:
        layout = json.loads(text)
        _DECODED.put(text, layout)
    return layout


def key_of(text: str) -> str:
    """A short name for the layout text, and from now on this worker knows it by that name."""
    key = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    _texts_by_key().put(key, text)
    return key


def text_for_key(key: str) -> str | None:
    """The layout text this worker has named ``key``, or None. Posted keys are untrusted:
    a statement that uses the text must compare it with the attempt's stored layout."""
    return _texts_by_key().get(key)
