"""One clock for the schema: naive UTC, so SQLite and PostgreSQL compare alike."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    """Return the current UTC time without tzinfo, as every timestamp column stores it."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
