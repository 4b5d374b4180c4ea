"""Operations: the health check, one log line per request, and trust in reverse proxies."""
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import requestlog
from .health import bp as health_bp


def init_app(app: Flask) -> None:
    app.register_blueprint(health_bp)
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        # Behind nginx or a load balancer the client's address (used to rate-limit sign-ins)
        # and the scheme come from X-Forwarded-*, believed only from that many proxies.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies)
    requestlog.init_app(app)
