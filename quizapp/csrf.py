"""Flask-WTF's CSRF protection, with the tokens it has verified remembered in each worker.

quizapp's tokens do not expire (WTF_CSRF_TIME_LIMIT is None: the session bounds them), so a
signed token that once matched a session's token always will. Checking its signature again
on every POST cost a twentieth of a submit; a worker now checks each token once, and the
tokens it signs itself (quizapp.security.csrf_token) not at all. Everything else is
Flask-WTF's: a token not remembered, or any configuration with a time limit, takes its path.
"""
from flask import current_app, g, request, session
from flask_wtf.csrf import CSRFProtect, same_origin

from .lru import app_cache

FIELD = "csrf_token"  # Flask-WTF's WTF_CSRF_FIELD_NAME: the token's key in the session, in g and in forms
_VERIFIED_SIZE = 20_000


def remember_verified(signed: str, raw: str) -> None:
    """Note that ``signed`` is a valid token for the session token ``raw``."""
    app_cache("csrf-verified", _VERIFIED_SIZE).put(signed, raw)


class RememberingCSRFProtect(CSRFProtect):
    def protect(self, *args, **kwargs):
        config = current_app.config
        if request.method not in config["WTF_CSRF_METHODS"]:
            return None  # what Flask-WTF decides too, after looking up the view's exemption
        if config["WTF_CSRF_TIME_LIMIT"] is not None:
            return super().protect(*args, **kwargs)
        posted, raw = self._get_csrf_token(), session.get(FIELD)
        if not posted or raw is None or app_cache("csrf-verified", _VERIFIED_SIZE).get(posted) != raw:
            super().protect(*args, **kwargs)  # raises on a bad token
            if posted and raw is not None and g.get("csrf_valid"):
                remember_verified(posted, raw)
            return None
        self._check_referrer()
        g.csrf_valid = True
        return None

    def _check_referrer(self) -> None:
        # Flask-WTF's own check for HTTPS, which its protect() runs after the token's.
        if request.is_secure and current_app.config["WTF_CSRF_SSL_STRICT"]:
            if not request.referrer:
                self._error_response("The referrer header is missing.")
            if not same_origin(request.referrer, f"https://{request.host}/"):
                self._error_response("The referrer does not match the host.")
