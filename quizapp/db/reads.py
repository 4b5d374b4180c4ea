"""Reads outside a transaction, for the student pages a whole class loads at once.

``read_without_transaction()``, called by a view before its first statement, puts the
request's connection in autocommit mode (SQLAlchemy's documented per-connection
``isolation_level="AUTOCOMMIT"``; the pool resets the connection when the request returns it).
On PostgreSQL that saves the BEGIN before the page's read and the ROLLBACK when the session
ends, two of its three round trips; what the page reads is the same, as READ COMMITTED gives
each statement its own snapshot with or without a transaction. SQLite's driver opens no
transaction for a read anyway.

Only views that never write call it: opt-in, so any other request, a GET that records a rate
limit's try included, keeps its transaction and its rollback.

Measured (benchmarks/README.md): on PostgreSQL, elapsed time in one run with and without it
(``python -m benchmarks.inprocess --database postgresql --clock wall --without
DATABASE_READS_IN_AUTOCOMMIT=0``), quiz page +17 % and +58 %, result page +36 % and +17 % in two
runs; gunicorn runs before and after, quiz page 0.21 → 0.31 of its ceiling, result page 0.27 → 0.34.
"""
from flask import current_app

from ..extensions import db


def read_without_transaction() -> None:
    """This request's statements run in autocommit mode; call it before the first one.

    DATABASE_READS_IN_AUTOCOMMIT = False leaves them in a transaction (for measuring this).
    """
    if current_app.config["DATABASE_READS_IN_AUTOCOMMIT"]:
        db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
