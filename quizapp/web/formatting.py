"""Numbers, scores, years and dates as the reader's language writes them (Jinja filters).

One set of filters, all backed by Babel through Flask-Babel, so every page writes a score as
`26,16` in German and `26.16` in English, an article's month as "Juni 2025", and a moment in
Swiss time (BABEL_DEFAULT_TIMEZONE, Europe/Zurich). Python's own formatting ("%g", strftime)
knows neither the language nor the time zone, so templates use these instead:

    {{ attempt.score | decimal }}                 26,16
    {{ summary.sd | decimal(1) }}                 18,5
    {{ attempt.score | score(attempt.max_score) }}  26,16 / 38
    {{ 31.4 | percent }}                          31 % (German), 31% (English); 62.5 → 63 %
    {{ article.published | published_date }}      Juni 2025   (from "2025-06"; "2025" stays 2025)
    {{ version.created_at | moment }}             05.06.2025 14:30 (Swiss time)
    {{ teacher.created_at | day }}                05.06.2025
    {{ row.duration | duration }}                 4 s, 12 min 05 s, 1 h 02 min
"""
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, localcontext

from flask import Flask
from flask_babel import format_date, format_datetime, format_decimal, format_percent

DATE_TIME = "dd.MM.yyyy HH:mm"  # the one way pages write a moment; the same in German and English
# Halves round up, as readers round by hand: 5 of 8 is 62,5 % and shows as 63 %, like 3 of 8 as
# 38 %. Babel rounds in the current decimal context, whose default rounds halves to even (62 %).
HALF_UP = Context(rounding=ROUND_HALF_UP)


def decimal(value, digits: int = 2) -> str:
    """A number in the UI's locale with up to ``digits`` decimals (a third of a point is 0,33); "–" for none."""
    if value is None:
        return "–"
    with localcontext(HALF_UP):
        return format_decimal(value, format="#,##0." + "#" * digits if digits else "#,##0")


def score(points, maximum) -> str:
    """Points out of a maximum: 26,16 / 38."""
    return f"{decimal(points)} / {decimal(maximum)}"


def percent(value) -> str:
    """A percentage given as 0–100, whole, as the UI's language writes it: 31 % in German (with a
    no-break space), 31% in English; "–" for none."""
    if value is None:
        return "–"
    with localcontext(HALF_UP):
        return format_percent(value / 100)


def published_date(value) -> str:
    """An article's ISO date, which may be partial: "2025" → 2025, "2025-06" → Juni 2025.

    A year is written as digits only (never grouped as 2'025); a value that is not an ISO date
    is shown as written.
    """
    if not value:
        return ""
    text = str(value)
    parts = text.split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 1:
            return str(numbers[0])
        if len(numbers) == 2:
            return format_date(date(numbers[0], numbers[1], 1), format="LLLL yyyy")
        if len(numbers) == 3:
            return format_date(date(*numbers), format="long")
    except ValueError:
        pass
    return text


def moment(value: datetime | None) -> str:
    """A stored (UTC) moment in Swiss time: 05.06.2025 14:30; "–" for none."""
    if value is None:
        return "–"
    return format_datetime(value, DATE_TIME)


def day(value: datetime | None) -> str:
    """The (Swiss) day of a stored moment: 05.06.2025; "–" for none."""
    if value is None:
        return "–"
    return format_date(value, "dd.MM.yyyy")


def duration(seconds) -> str:
    """How long something took, with its units (SI, the same in German and English): 4 s,
    12 min 05 s, 1 h 02 min; "–" for none. A bare 0:04 could be minutes or seconds."""
    if seconds is None:
        return "–"
    total = max(0, round(float(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(decimal=decimal, score=score, percent=percent, published_date=published_date,
                                 moment=moment, day=day, duration=duration)
