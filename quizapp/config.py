"""Configuration defaults and the environment variables that override them."""
import os
import secrets
from pathlib import Path


class DefaultConfig:
    """Settings that hold unless the instance config or the environment says otherwise."""

    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    WTF_CSRF_TIME_LIMIT = None  # a quiz can take a whole lesson; the session bounds the token
    BABEL_DEFAULT_LOCALE = "de"
    BABEL_DEFAULT_TIMEZONE = "Europe/Zurich"
    LANGUAGES = ("de", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 180  # students come back over a school year
    # Fingerprinted static URLs (quizapp.ops.assets) are cached for a year; unhashed ones this long.
    SEND_FILE_MAX_AGE_DEFAULT = 60 * 60
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024  # question files and article texts are small
    QUESTIONS_DIR = None  # defaults to <project>/questions
    # Rate limits (quizapp.services.ratelimits; the rules in auth/throttle.py, services/joining.py and services/codes.py):
    LOGIN_RATE_LIMIT = 5  # sign-in tries per account from one address, and PIN tries per student ...
    LOGIN_RATE_WINDOW = 15 * 60  # ... within this many seconds
    LOGIN_ADDRESS_LIMIT = 50  # sign-in tries, and PIN tries, per address in that window (a school shares one)
    LOGIN_ACCOUNT_LIMIT = 10  # sign-in tries per account from all addresses ...
    LOGIN_ACCOUNT_WINDOW = 60  # ... within this many seconds: the longest a teacher waits from elsewhere
    CODE_RATE_LIMIT = 30  # class and quiz codes that match nothing, per address ...
    CODE_RATE_WINDOW = 15 * 60  # ... within this many seconds
    SCHEMA_CHECK = True  # refuse to start on an outdated schema (quizapp.db.setup)
    AUTO_UPGRADE_SQLITE = True  # ... except on SQLite, which upgrades itself at startup
    DATABASE_POOL_SIZE = 5  # PostgreSQL connections per worker (plus as many overflow)
    # Test a pooled PostgreSQL connection before use once it has been idle this many seconds,
    # so a database restarted in a quiet moment costs no failed request (0: before every use,
    # a round trip per request); DATABASE_PRE_PING = False never tests.
    DATABASE_PRE_PING = True
    DATABASE_PING_AFTER_IDLE = 1.0
    TRUSTED_PROXIES = 0  # reverse proxies in front of the app whose X-Forwarded-* we believe
    LOG_LEVEL = "INFO"  # INFO logs one line per request
    TEACHER_SESSION_HOURS = 12  # the longest a teacher stays signed in, remember-me included (quizapp.services.sign_ins)
    TEACHER_IDLE_MINUTES = 60  # a teacher session unused this long is signed out
    RESET_LINK_HOURS = 24  # how long an administrator's password-reset link works (quizapp.services.password_reset)
    # Rendered question, review and article fragments kept per worker (quizapp.cache.rendered);
    # 0 renders every time.
    RENDERED_CACHE_SIZE = 20_000
    # Question-version snapshots kept per worker (quizapp.cache.snapshots); 0 reads every time.
    SNAPSHOT_CACHE_SIZE = 5_000
    # Verified session cookies kept per worker (quizapp.cache.sessions); 0 verifies every time.
    SESSION_CACHE_SIZE = 20_000
    # On PostgreSQL the quiz and result pages read outside a transaction (quizapp.db.reads);
    # off: inside one.
    DATABASE_READS_IN_AUTOCOMMIT = True


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


ENVIRONMENT_KEYS = {
    "SECRET_KEY": str,
    "SESSION_COOKIE_SECURE": _flag,
    "QUESTIONS_DIR": str,
    "SCHEMA_CHECK": _flag,
    "AUTO_UPGRADE_SQLITE": _flag,
    "DATABASE_POOL_SIZE": int,
    "DATABASE_PRE_PING": _flag,
    "DATABASE_PING_AFTER_IDLE": float,
    "TRUSTED_PROXIES": int,
    "LOG_LEVEL": str.upper,
    "RESET_LINK_HOURS": float,
    "TEACHER_SESSION_HOURS": float,
    "TEACHER_IDLE_MINUTES": float,
    "RENDERED_CACHE_SIZE": int,
    "SNAPSHOT_CACHE_SIZE": int,
    "SESSION_CACHE_SIZE": int,
    "DATABASE_READS_IN_AUTOCOMMIT": _flag,
}


def sqlalchemy_url(url: str) -> str:
    """Point plain postgres URLs at psycopg 3, the driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def from_environment(config) -> None:
    """Apply DATABASE_URL and the other documented environment variables."""
    if os.environ.get("DATABASE_URL"):
        config["SQLALCHEMY_DATABASE_URI"] = sqlalchemy_url(os.environ["DATABASE_URL"])
    for key, convert in ENVIRONMENT_KEYS.items():
        if os.environ.get(key):
            config[key] = convert(os.environ[key])


def ensure_secret_key(config, instance_path: str) -> None:
    """Use SECRET_KEY if given, else a key generated once into the instance folder.

    Several workers on one machine share the file; several machines must set SECRET_KEY.
    """
    if config.get("SECRET_KEY"):
        return
    key_file = Path(instance_path) / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        candidate = secrets.token_hex(32)
        try:
            # O_EXCL: when two workers start at once, the first key written wins.
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(candidate)
        except FileExistsError:
            pass
    config["SECRET_KEY"] = key_file.read_text().strip()
