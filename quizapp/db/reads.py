"""Reads outside a transaction, for the student pages a whole class loads at once.

``read_without_transaction()``, called by a view before its first statement, puts the
request's connection in autocommit mode (SQLAlchemy's documented per-connection
``isolation_level="AUTOCOMMIT"``; the pool resets the connection when the request returns it).
On PostgreSQL that saves the BEGIN before the page's read and the ROLLBACK when the session
ends, two of its three round trips; what the page reads is the same, as READ COMMITTED gives
each statement its own snapshot with or without a transaction. On SQLite it does nothing:
its driver opens no transaction for a read anyway, and switching the connection to autocommit
and back cost the pages 15 % there (below).

Only views that never write call it: opt-in, so any other request, a GET that records a rate
limit's try included, keeps its transaction and its rollback.

Measured (benchmarks/README.md), with and without it in alternating batches of one run
(``python -m benchmarks.inprocess --database postgresql --clock wall --without
DATABASE_READS_IN_AUTOCOMMIT=0``): PostgreSQL quiz page +45 %, result page +44 % in elapsed
time (+13 % and +8 % in CPU time); the submit, which it does not touch, −1 %. On SQLite, when
it still applied there: −15 % on both pages.
"""
from flask import current_app

from ..extensions import db


def read_without_transaction() -> None:
    """This request's statements run in autocommit mode; call it before the first one.

    DATABASE_READS_IN_AUTOCOMMIT = False leaves them in a transaction (for measuring this).
    """
    if current_app.config["DATABASE_READS_IN_AUTOCOMMIT"] and db.engine.dialect.name == "postgresql":
        db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
