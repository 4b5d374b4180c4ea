"""A database connection lost under a request: answered as "try again", and the submit retried.

When PostgreSQL restarts or drops its connections, the statements that were under way fail with
a disconnect error. SQLAlchemy then invalidates the pool, so the worker's next statement opens a
fresh connection. What a person sees:
- a submit is tried once more on a fresh connection (safe: the submit stores an attempt at most
  once, guarded by ``submitted_at IS NULL``), so the student's answers are not lost;
- any other request answers 503 with a message to reload, never a server error page.
"""
from functools import wraps

from flask import Flask, render_template
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError

from ..extensions import db


def _lost_connection(error: BaseException) -> bool:
    return isinstance(error, DBAPIError) and error.connection_invalidated


def retried_once_if_disconnected(view):
    """Run an idempotent view again on a fresh connection if its connection was lost."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except DBAPIError as error:
            if not _lost_connection(error):
                raise
            db.session.rollback()
            return view(*args, **kwargs)
    return wrapped


def init_app(app: Flask) -> None:
    @app.errorhandler(DBAPIError)
    def database_unreachable(error: DBAPIError):
        if not _lost_connection(error):
            raise error
        db.session.rollback()
        message = _("The database could not be reached for a moment. Please reload the page.")
        return render_template("errors/error.html", code=503, message=message), 503, {"Retry-After": "2"}
