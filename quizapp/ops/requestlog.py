"""One log line per request: method, path, status and duration in milliseconds.

Only the path is logged: never the query string, form bodies, cookies or headers, so no
password, PIN or answer ends up in a log file. The line goes through `logging` to the logger
"quizapp.request", a child of the app's logger: by default Flask's handler writes it to
stderr (under gunicorn: its error log); any handler or filter an operator configures applies.
"""
import logging
from time import perf_counter

from flask import Flask

logger = logging.getLogger("quizapp.request")


class RequestLog:
    """WSGI middleware around the whole app, so error responses are timed and logged too."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if not logger.isEnabledFor(logging.INFO):
            return self.wsgi_app(environ, start_response)
        started = perf_counter()
        status = ["500"]  # what the server sends if the app raises before starting a response

        def record_status(status_line, headers, exc_info=None):
            status[0] = status_line.split(" ", 1)[0]
            return start_response(status_line, headers, exc_info)

        try:
            return self.wsgi_app(environ, record_status)
        finally:
            path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
            logger.info("%s %s %s %.1fms", environ.get("REQUEST_METHOD", "-"), path, status[0],
                        (perf_counter() - started) * 1000)


def init_app(app: Flask) -> None:
    logger.setLevel(app.config.get("LOG_LEVEL") or "INFO")
    # "quizapp.request" is a child of the app's logger ("quizapp"): touching app.logger gives
    # that Flask's handler to stderr, unless logging was configured otherwise.
    app.logger  # noqa: B018
    app.wsgi_app = RequestLog(app.wsgi_app)
