"""/healthz answers for load balancers, and every request leaves one safe log line."""
import logging
import re
from datetime import datetime

from quizapp import create_app

from .conftest import sign_in


def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    unreachable = create_app({"TESTING": True, "SECRET_KEY": "x", "SCHEMA_CHECK": False,
                              "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'missing' / 'dir' / 'db.sqlite'}"})
    response = unreachable.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}
    assert "missing" not in response.get_data(as_text=True)  # no path or URL leaks


def test_healthz_is_503_when_postgresql_is_down():
    down = create_app({"TESTING": True, "SECRET_KEY": "x", "SCHEMA_CHECK": False,
                       "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://postgres@127.0.0.1:1/quizapp"})
    response = down.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "error"


def test_each_request_logs_method_path_status_and_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger="quizapp.request"):
        client.get("/healthz?probe=1")
        client.get("/no/such/page")
    lines = [record.getMessage() for record in caplog.records if record.name == "quizapp.request"]
    assert len(lines) == 2
    method, path, status, duration = lines[0].split(" ")
    assert (method, path, status) == ("GET", "/healthz", "200")
    assert duration.endswith("ms") and float(duration[:-2]) >= 0
    assert lines[1].startswith("GET /no/such/page 404 ")


LINE = re.compile(r"\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})\] INFO in requestlog: GET /healthz 200 \d+\.\dms")


def _stderr_lines(client, capsys) -> list[str]:
    capsys.readouterr()
    client.get("/healthz?probe=1")
    return capsys.readouterr().err.splitlines()


def test_the_request_line_goes_through_logging_to_flasks_handler_or_the_operators(client, capsys, monkeypatch):
    from flask.logging import default_handler
    # As in production when nothing configured logging: Flask's handler alone (pytest's removed).
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    monkeypatch.setattr(logging.getLogger("quizapp"), "handlers", [default_handler])
    made = []
    make_record = logging.Logger.makeRecord
    monkeypatch.setattr(logging.Logger, "makeRecord", lambda self, *args, **kwargs: made.append(self.name)
                        or make_record(self, *args, **kwargs))
    lines = _stderr_lines(client, capsys)
    assert made == ["quizapp.request"]  # a LogRecord: nothing is written past logging
    assert len(lines) == 1 and LINE.fullmatch(lines[0]), lines
    logged_at = datetime.strptime(LINE.fullmatch(lines[0]).group(1), "%Y-%m-%d %H:%M:%S,%f")
    assert abs((datetime.now() - logged_at).total_seconds()) < 5  # local time, as logging writes it

    records = []
    handler = logging.Handler()
    handler.emit = records.append
    monkeypatch.setattr(logging.getLogger(), "handlers", [handler])  # an operator's logging configuration
    assert len(_stderr_lines(client, capsys)) == 1  # Flask's handler still writes it
    assert [record.getMessage().rsplit(" ", 1)[0] for record in records] == ["GET /healthz 200"]

    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    monkeypatch.setattr(default_handler, "formatter", logging.Formatter("quizapp %(message)s"))  # a format of yours
    assert [line.rsplit(" ", 1)[0] for line in _stderr_lines(client, capsys)] == ["quizapp GET /healthz 200"]


def test_request_log_never_contains_passwords_or_form_fields(client, make_teacher, caplog):
    make_teacher("log@schule.ch", password="geheimes passwort 123")
    with caplog.at_level(logging.DEBUG):
        sign_in(client, "log@schule.ch", "falsches passwort 456")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /auth/login 401" in logged
    assert "passwort" not in logged and "log@schule.ch" not in logged


def _failed_sign_in_address(app, headers: dict) -> str:
    from quizapp.auth.throttle import ADDRESS
    from quizapp.extensions import db
    from quizapp.models import RateCount
    from quizapp.services.ratelimits import key
    app.test_client().post("/auth/login", data={"email": "x@schule.ch", "password": "falsch"}, headers=headers)
    with app.app_context():
        stored = set(db.session.execute(db.select(RateCount.key)).scalars())
        return next(address for address in ("127.0.0.1", "203.0.113.7") if key(ADDRESS, address) in stored)


def test_client_address_comes_from_the_proxy_only_when_told_to_trust_it(make_app):
    forwarded = {"X-Forwarded-For": "203.0.113.7"}
    assert _failed_sign_in_address(make_app(), forwarded) == "127.0.0.1"


def test_trusted_proxies_from_the_environment_give_the_real_client_address(make_app, monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    app = make_app()
    assert app.config["TRUSTED_PROXIES"] == 1
    assert _failed_sign_in_address(app, {"X-Forwarded-For": "203.0.113.7"}) == "203.0.113.7"
