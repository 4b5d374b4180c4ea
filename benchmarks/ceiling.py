"""Bare-Flask ceiling endpoints, served by the same gunicorn configuration as quizapp.

They show what Flask itself does on this machine, so quizapp's pages are reported as a
fraction of it: a plain response, a template of a given size, and a one-row INSERT into the
same kind of database. No sessions, no CSRF, no ORM.
Run: CEILING_DATABASE_URL=... gunicorn -c gunicorn.conf.py 'benchmarks.ceiling:create_app()'
"""
import os
from pathlib import Path

from flask import Flask, redirect, render_template
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine, event, func, insert

from quizapp.config import sqlalchemy_url
from quizapp.db.setup import _sqlite_pragmas

metadata = MetaData()
hits = Table("ceiling_hits", metadata, Column("id", Integer, primary_key=True),
             Column("note", String(40), nullable=False), Column("created_at", DateTime, server_default=func.now()))
LINE = "Ein Absatz mit etwas Text, damit die Seite so gross wird wie die gemessene Seite. "  # 83 characters


def _rows(size: int) -> list[str]:
    # <p>…</p>\n adds 8 bytes to each line; the layout adds a few hundred bytes.
    return [LINE] * max(1, (size - 300) // (len(LINE.encode()) + 8))


def create_app() -> Flask:
    app = Flask(__name__, template_folder=str(Path(__file__).parent / "templates"))
    engine = create_engine(sqlalchemy_url(os.environ["CEILING_DATABASE_URL"]))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)  # the same settings as quizapp's
    metadata.create_all(engine)
    engine.dispose()  # gunicorn forks after this; workers open their own connections
    sized: dict[int, list[str]] = {}

    @app.get("/plain")
    def plain():
        return "ok"

    @app.get("/template/<int:size>")
    def template(size: int):
        rows = sized.get(size) or sized.setdefault(size, _rows(size))
        return render_template("ceiling.html", rows=rows, title="Ceiling")

    @app.post("/insert")
    def insert_one():
        with engine.begin() as connection:
            connection.execute(insert(hits).values(note="one row"))
        return redirect("/plain")

    return app
