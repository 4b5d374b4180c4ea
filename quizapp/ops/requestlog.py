"""One log line per request: method, path, status and duration in milliseconds.

Only the path is logged: never the query string, form bodies, cookies or headers, so no
password, PIN or answer ends up in a log file. The line goes to the logger "quizapp.request",
which writes through the app's logger to stderr (under gunicorn: its error log).

While logging is not configured beyond Flask's default handler, the line that handler would
write is written to stderr directly: building a LogRecord and passing it through the handler
chain and its lock cost 8-10 % of a student page's throughput under gunicorn (4 threads per
worker), and a tenth of that when written at once. Once an operator configures logging (any
other handler or formatter, or a filter, on the way), every line goes through `logging` as before.
"""
import logging
import sys
import time
from time import perf_counter

from flask import Flask
from flask.logging import default_handler

logger = logging.getLogger("quizapp.request")
_FLASKS_FORMATTER = default_handler.formatter  # the format written below


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
            log_request(environ.get("REQUEST_METHOD", "-"), path, status[0], (perf_counter() - started) * 1000)


def log_request(method: str, path: str, status: str, milliseconds: float) -> None:
    if _only_flasks_default_handler():
        sys.stderr.write(f"[{_timestamp()}] INFO in requestlog: {method} {path} {status} {milliseconds:.1f}ms\n")
        sys.stderr.flush()
    else:
        logger.info("%s %s %s %.1fms", method, path, status, milliseconds)


def _only_flasks_default_handler() -> bool:
    """Whether the line would reach Flask's default handler alone, unfiltered: then it writes
    "[asctime] LEVEL in module: message" to stderr (outside a request, where this runs)."""
    handlers = []
    current = logger
    while current is not None:
        if current.filters:
            return False
        handlers += current.handlers
        if not current.propagate:
            break
        current = current.parent
    return (handlers == [default_handler] and default_handler.formatter is _FLASKS_FORMATTER
            and not default_handler.filters and default_handler.level <= logging.INFO)


_last_second: tuple[int, str] = (-1, "")  # replaced whole, never edited: threads share it


def _timestamp() -> str:
    """logging.Formatter's default asctime ("2026-11-26 01:30:00,123", local time), with the
    date and time formatted once per second."""
    global _last_second
    now = time.time()
    second = int(now)
    cached = _last_second
    if cached[0] != second:
        cached = _last_second = (second, time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second)))
    return f"{cached[1]},{int((now - second) * 1000):03d}"


def init_app(app: Flask) -> None:
    logger.setLevel(app.config.get("LOG_LEVEL") or "INFO")
    # "quizapp.request" is a child of the app's logger ("quizapp"): touching app.logger gives
    # that Flask's handler to stderr, unless logging was configured otherwise.
    app.logger  # noqa: B018
    app.wsgi_app = RequestLog(app.wsgi_app)
