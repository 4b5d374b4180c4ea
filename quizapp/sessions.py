"""Flask's signed-cookie session, with each verified cookie remembered in the worker.

A student sends the same session cookie with every request until something in it changes,
and checking its signature and decoding it again cost about a twentieth of a student page.
A cookie's bytes are verified once; later requests with exactly those bytes reuse the result,
as long as the cookie is younger than the session lifetime. Only flat sessions are kept (the
values are strings, numbers, booleans): a request then gets its own copy that it may change
freely. Nothing here is shared between workers or needed by another: a miss just verifies.
"""
import time

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature

from .lru import LRU

_FLAT = (str, int, float, bool, type(None))


class RememberingSessionInterface(SecureCookieSessionInterface):
    def __init__(self, size: int = 20_000):
        self.verified = LRU(size)

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        cookie = request.cookies.get(self.get_cookie_name(app))
        max_age = app.permanent_session_lifetime.total_seconds()
        known = self.verified.get(cookie) if cookie else None
        if known is not None and time.time() - known[1] <= max_age:
            return self.session_class(known[0])
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        if not cookie:
            return self.session_class()
        try:
            data, signed_at = serializer.loads(cookie, max_age=int(max_age), return_timestamp=True)
        except BadSignature:
            return self.session_class()
        if all(isinstance(value, _FLAT) for value in data.values()):
            self.verified.put(cookie, (dict(data), signed_at.timestamp()))
        return self.session_class(data)


def init_app(app: Flask) -> None:
    app.session_interface = RememberingSessionInterface()
