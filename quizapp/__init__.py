"""quizapp: quizzes on news articles that teach how to read them."""
from pathlib import Path

from flask import Flask

from . import config as settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints and CLI commands."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_object(settings.DefaultConfig)
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'quizapp.sqlite'}"
    app.config["QUESTIONS_DIR"] = str(PROJECT_ROOT / "questions")
    app.config.from_pyfile("config.py", silent=True)
    settings.from_environment(app.config)
    if test_config:
        app.config.from_mapping(test_config)
    # The remember-me cookie signs in as well as the session cookie: never sent more openly.
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config.get("SESSION_COOKIE_SECURE", False))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    settings.ensure_secret_key(app.config, app.instance_path)

    from . import ops
    from .cli import register_commands
    from .db import disconnects, setup as db_setup
    from .ops import assets
    from .cache import sessions
    from .web import blueprints, formatting, headers, i18n, identity, input_guard
    input_guard.init_app(app)
    db_setup.init_app(app)
    disconnects.init_app(app)
    sessions.init_app(app)
    identity.init_app(app)
    i18n.init_app(app)
    formatting.init_app(app)
    blueprints.init_app(app)
    ops.init_app(app)
    assets.init_app(app)
    headers.init_app(app)
    disconnects.retry_reads(app)
    register_commands(app)
    return app
