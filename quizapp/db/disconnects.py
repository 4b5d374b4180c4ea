"""A database connection lost under a request: answered as "try again", and the submit retried.

When PostgreSQL restarts or drops its connections, the statements that were under way fail with
a disconnect error. SQLAlchemy then invalidates the pool, so the worker's next statement opens a
fresh connection. What a person sees:
- a page read (GET) and a submit are tried once more on a fresh connection (safe: a GET never
  writes, and the submit stores an attempt at most once, guarded by ``submitted_at IS NULL``),
  so the student's answers are not lost;
- any other request, or a second failure, answers 503 with a message to reload, never a server
  error page;
- a connection lost after the response was made (at the session's closing ROLLBACK) is logged
  and replaced, and the response goes out as it is.
"""
from functools import wraps

from flask import Flask, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError

from ..extensions import db


def _lost_connection(error: BaseException) -> bool:
    return isinstance(error, DBAPIError) and error.connection_invalidated


def _once_more_if_disconnected(view, args, kwargs):
    try:
        return view(*args, **kwargs)
    except DBAPIError as error:
        if not _lost_connection(error):
            raise
        db.session.rollback()
        return view(*args, **kwargs)


def retried_once_if_disconnected(view):
    """Run an idempotent view again on a fresh connection if its connection was lost."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        return _once_more_if_disconnected(view, args, kwargs)
    return wrapped


def _reads_retried(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(*args, **kwargs)
        return _once_more_if_disconnected(view, args, kwargs)  # a GET never writes: safe to repeat
    return wrapped


def retry_reads(app: Flask) -> None:
    """Let every page read (GET) try once more on a fresh connection; call after the blueprints."""
    for endpoint, view in list(app.view_functions.items()):
        app.view_functions[endpoint] = _reads_retried(view)


def init_app(app: Flask) -> None:
    """Register after Flask-SQLAlchemy (quizapp.database), so this teardown runs before its own."""

    @app.teardown_appcontext
    def end_session(_error):
        # The response is already made; a connection lost before its closing ROLLBACK must not
        # turn it into a server error. The pool replaces the connection.
        try:
            db.session.remove()
        except DBAPIError as error:
            if not _lost_connection(error):
                raise
            app.logger.warning("database connection lost after the response was made: %s", error.orig)

    @app.errorhandler(DBAPIError)
    def database_unreachable(error: DBAPIError):
        if not _lost_connection(error):
            raise error
        db.session.rollback()
        message = _("The database could not be reached for a moment. Please reload the page.")
        return render_template("errors/error.html", code=503, message=message), 503, {"Retry-After": "2"}
