"""Engine settings: what SQLite is told on every connection, and PostgreSQL's pool limits."""
import pytest
from sqlalchemy import text

from quizapp import create_app
from quizapp.extensions import db

from .conftest import POSTGRES_URL


@pytest.mark.skipif(bool(POSTGRES_URL), reason="SQLite connection settings")
def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(app):
    with app.app_context():
        pragma = lambda name: db.session.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 5000


def test_postgresql_gets_a_bounded_pool_and_a_connect_timeout():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@127.0.0.1:1/none", "SECRET_KEY": "x",
                      "SCHEMA_CHECK": False, "DATABASE_POOL_SIZE": 3})
    options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["pool_size"] == options["max_overflow"] == 3
    assert options["connect_args"]["connect_timeout"] == 5
    assert options["pool_pre_ping"] is True


def test_pre_ping_can_be_turned_off_for_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_PRE_PING", "false")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@127.0.0.1:1/none", "SECRET_KEY": "x",
                      "SCHEMA_CHECK": False})
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is False


def test_database_url_environment_variable_selects_psycopg(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://quiz:pw@db.example:5432/quizapp")
    app = create_app({"SCHEMA_CHECK": False, "SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://quiz:pw@db.example:5432/quizapp"
