"""Flask's signed-cookie session, each verified cookie's contents kept per worker.

A student's browser sends the same session cookie with every request until something in it
changes, and checking its signature and decoding it (itsdangerous: key derivation, HMAC,
base64, zlib, tagged JSON) was about a tenth of a quiz page's time. This interface is
Flask's own (``SecureCookieSessionInterface``, a documented extension point); it only keeps
what ``open_session`` worked out for a cookie, keyed by the cookie's exact text, and uses it
for later requests with exactly that text.

Invariants: the key is the whole signed cookie, so a changed or forged cookie is never found
and is verified as usual; an entry is used only while the cookie is younger than the session
lifetime, the same ``max_age`` check the serializer makes; only flat sessions are kept (every
value a string, number, boolean or None), and each request gets its own copy, so a request
that changes its session changes nothing kept. Saving is Flask's, unchanged. The cache
belongs to one app (its SECRET_KEY). SESSION_CACHE_SIZE entries per worker (a few hundred
bytes each); 0 verifies every cookie.

Measured (benchmarks/README.md, in process, CPU time, with and without in alternating
batches, ``--without SESSION_CACHE_SIZE=0 --rounds 20``): quiz and result pages +7 % on
SQLite and +6 % on PostgreSQL; the submit, which changes its session less often than it
reads it, +2-3 %.
"""
import time

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature

from . import worker_cache

_FLAT = (str, int, float, bool, type(None))


class VerifiedCookieSessionInterface(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        cookie = request.cookies.get(self.get_cookie_name(app))
        cache = worker_cache("quizapp.sessions", "SESSION_CACHE_SIZE") if cookie else None
        if cache is None:
            return super().open_session(app, request)
        max_age = int(app.permanent_session_lifetime.total_seconds())
        (known,) = cache.get_many([cookie])
        if known is not None and time.time() - known[1] <= max_age:
            return self.session_class(known[0])
        serializer = self.get_signing_serializer(app)
        if serializer is None:  # no SECRET_KEY: Flask's null session
            return None
        try:
            data, signed_at = serializer.loads(cookie, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        if all(isinstance(value, _FLAT) for value in data.values()):
            cache.put_many({cookie: (dict(data), signed_at.timestamp())})
        return self.session_class(data)


def init_app(app: Flask) -> None:
    app.session_interface = VerifiedCookieSessionInterface()
