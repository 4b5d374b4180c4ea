"""Page reads (GET and HEAD) run on a connection in autocommit mode: no transaction.

A GET never writes (quizapp's rule), and PostgreSQL's READ COMMITTED gives each statement its
own snapshot whether or not a transaction is open, so what a page reads is the same; what goes
is the BEGIN before its first statement and the ROLLBACK when the session ends, two round trips
of a one-statement page. Writes (POST) keep their transaction: a submit's claim and its
statistics rows commit together or not at all. SQLAlchemy's documented per-connection option
(``Session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})``) sets it, and
the pool resets the connection when the request returns it.

Measured (benchmarks/README.md): PostgreSQL quiz page 0.21 → 0.31 of its ceiling, result page
0.27 → 0.34 (gunicorn runs); SQLite, whose driver opens no transaction for a read anyway, the same.
"""
from flask import Flask, request

from ..extensions import db


def _read_without_transaction() -> None:
    if request.method in ("GET", "HEAD") and request.endpoint != "static":
        db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def init_app(app: Flask) -> None:
    """Register after Flask-SQLAlchemy (quizapp.db.setup)."""
    app.before_request(_read_without_transaction)
