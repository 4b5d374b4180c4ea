"""CSV and JSON exports of attempts, responses and item statistics, streamed row by row.

CSV is UTF-8 with a byte-order mark. With ";" (the default, what Excel expects in
German-speaking locales) decimals use a comma; with "," they use a point. Cells that start
with = + - @ (or a tab / carriage return) get a leading apostrophe, so a spreadsheet never
runs them as formulas. Times are local (the app's timezone), ISO 8601.

CSV is for people, so its headers and words (question type, category, yes/no, flags) are in the
request's language; JSON is for programs and keeps the stable English keys and values below. The
most tempting distractor is an option's text in CSV (teachers never see option keys: options are
shown unlettered and shuffled) and its key in JSON; options tied for it are all named, in the
question's order (CSV: " | " between texts; JSON: keys separated by spaces, as the flags).
"""
import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from textwrap import shorten

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone
from sqlalchemy import select

from ..services.content import snapshots
from ..extensions import db
from ..kinds import get_kind
from ..models import Attempt, Classroom, Question, QuestionVersion, Response, Student, utcnow
from . import Item, Scope, item_analysis
from ..web.labels import category_label, flag_label
from .scope import DURATION, PERCENT

ATTEMPT_COLUMNS = ["attempt_id", "student_id", "student", "class", "attempt_number", "started_at", "submitted_at",
                   "duration_seconds", "score", "max_score", "percent"]
RESPONSE_COLUMNS = ["attempt_id", "student_id", "student", "class", "attempt_number", "position", "question_id",
                    "question_key", "question_version", "kind", "category", "answer", "raw", "points",
                    "max_points", "correct"]
ITEM_COLUMNS = ["number", "question_id", "question_key", "kind", "category", "tags", "prompt", "responses", "blank",
                "facility", "discrimination", "most_tempting_distractor", "flags"]
# The CSV header of each column (JSON keeps the keys themselves).
COLUMN_LABELS = {
    "attempt_id": _l("Attempt ID"), "student_id": _l("Student ID"), "student": _l("Student"), "class": _l("Class"),
    "attempt_number": _l("Attempt no."), "started_at": _l("Started"), "submitted_at": _l("Submitted"),
    "duration_seconds": _l("Duration (seconds)"), "score": _l("Score"), "max_score": _l("Maximum score"),
    "percent": _l("Percent"), "position": _l("Position in the quiz"), "question_id": _l("Question ID"),
    "question_key": _l("Question key"), "question_version": _l("Question version"), "kind": _l("Question type"),
    "category": _l("Category"), "answer": _l("Answer"), "raw": _l("Answer as sent"), "points": _l("Points"),
    "max_points": _l("Maximum points"), "correct": _l("Fully correct"), "number": _l("No."), "tags": _l("Tags"),
    "prompt": _l("Question"), "responses": _l("Responses"), "blank": _l("Blank"), "facility": _l("Facility (%)"),
    "discrimination": _l("Discrimination (%)"), "most_tempting_distractor": _l("Most tempting distractor"),
    "flags": _l("Flags"),
}
TABLES = {"attempts": ATTEMPT_COLUMNS, "responses": RESPONSE_COLUMNS, "items": ITEM_COLUMNS}
SEPARATORS = {"semicolon": ";", "comma": ","}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BATCH = 2000
DISTRACTOR_CHARS = 100


def local_time(value: datetime | None) -> str | None:
    return to_user_timezone(value).replace(microsecond=0).isoformat() if value else None


def _round(value, digits: int = 2):
    return None if value is None else round(float(value), digits)


def attempt_rows(scope: Scope) -> Iterator[dict]:
    """Every attempt in scope, oldest first, from one streamed query."""
    result = db.session.execute(
        select(Attempt.id, Attempt.student_id, Student.display_name, Classroom.name, Attempt.number,
               Attempt.started_at, Attempt.submitted_at, DURATION, Attempt.score, Attempt.max_score, PERCENT)
        .join(Student, Student.id == Attempt.student_id)
        .outerjoin(Classroom, Classroom.id == Attempt.classroom_id)
        .where(*scope.conditions()).order_by(Attempt.submitted_at, Attempt.id)
        .execution_options(yield_per=_BATCH)
    )
    for row in result:
        yield dict(zip(ATTEMPT_COLUMNS, (row[0], row[1], row[2], row[3], row[4], local_time(row[5]), local_time(row[6]),
                                         _round(row[7], 0), _round(row[8]), row[9], _round(row[10]))))


def response_rows(scope: Scope) -> Iterator[dict]:
    """Every response of the attempts in scope; answers summarised by their question kind."""
    where = scope.conditions()
    version_ids = db.session.execute(
        select(Response.question_version_id).join(Attempt, Attempt.id == Response.attempt_id)
        .where(*where).distinct()
    ).scalars().all()
    versions = snapshots(version_ids)
    result = db.session.execute(
        select(Response.attempt_id, Attempt.student_id, Student.display_name, Classroom.name, Attempt.number,
               Response.position, Response.question_id, Question.key, QuestionVersion.number,
               Response.question_version_id, Response.answer, Response.raw, Response.points,
               Response.max_points, Response.correct)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(Student, Student.id == Attempt.student_id)
        .outerjoin(Classroom, Classroom.id == Attempt.classroom_id)
        .join(Question, Question.id == Response.question_id)
        .join(QuestionVersion, QuestionVersion.id == Response.question_version_id)
        .where(*where).order_by(Attempt.submitted_at, Attempt.id, Response.position)
        .execution_options(yield_per=_BATCH)
    )
    for (attempt_id, student_id, student, classroom, number, position, question_id, key, version,
         version_id, answer, raw, points, max_points, correct) in result:
        snapshot = versions[version_id]
        summary = get_kind(snapshot["kind"]).summarize(snapshot["spec"], answer)
        yield dict(zip(RESPONSE_COLUMNS, (attempt_id, student_id, student, classroom, number, position + 1,
                                          question_id, key, version, snapshot["kind"], snapshot["category"],
                                          summary, raw, _round(points), max_points, bool(correct))))


def distractor_text(item: Item) -> str | None:
    """The most tempting wrong options by their text, shortened: students and teachers never see keys."""
    texts = [shorten(option["text"], DISTRACTOR_CHARS, placeholder=" …")
             for option in item.options if option["key"] in item.distractors]
    return " | ".join(texts) or None


def item_rows(items: list[Item], words: bool = False) -> Iterator[dict]:
    """One row per item; ``words`` names the distractor by its text (CSV) instead of its key (JSON)."""
    for item in items:
        distractor = distractor_text(item) if words else (" ".join(item.distractors) or None)
        yield dict(zip(ITEM_COLUMNS, (item.number, item.question_id, item.key, item.snapshot["kind"],
                                      item.snapshot["category"], " ".join(item.snapshot.get("tags") or []),
                                      item.snapshot["prompt"], item.n, item.blank, _round(item.facility),
                                      _round(item.discrimination), distractor, " ".join(item.flags))))


def safe_cell(value, decimal: str) -> str:
    """Format one CSV cell: numbers with the decimal mark, text defused against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        text = f"{value:.10g}" if isinstance(value, float) else str(value)
        return text.replace(".", decimal)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_words(row: dict) -> dict:
    """The row with its codes in the request's language: question type, category, yes/no, flags."""
    words = dict(row)
    if "kind" in words:
        words["kind"] = str(get_kind(words["kind"]).label)
    if "category" in words:
        words["category"] = category_label(words["category"])
    if isinstance(words.get("correct"), bool):
        words["correct"] = _("yes") if words["correct"] else _("no")
    if words.get("flags"):
        words["flags"] = ", ".join(flag_label(flag) for flag in words["flags"].split())
    return words


def csv_stream(columns: list[str], rows: Iterable[dict], separator: str) -> Iterator[str]:
    """The CSV text in chunks: BOM and the header in the request's language first, then batches of rows."""
    decimal = "," if separator == ";" else "."
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow([str(COLUMN_LABELS[column]) for column in columns])
    yield "\ufeff" + buffer.getvalue()
    buffer.seek(0), buffer.truncate()
    for count, row in enumerate(map(csv_words, rows), start=1):
        writer.writerow([safe_cell(row[column], decimal) for column in columns])
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0), buffer.truncate()
    yield buffer.getvalue()


def json_stream(meta: dict, name: str, rows: Iterable[dict]) -> Iterator[str]:
    """A JSON object {…meta, name: [rows]} in chunks, without holding all rows in memory."""
    head = json.dumps(meta, ensure_ascii=False)[:-1]  # without its closing brace: the rows follow
    yield head + (", " if meta else "") + json.dumps(name) + ": ["
    for count, row in enumerate(rows):
        yield ("," if count else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"


def export(quiz, scope: Scope, table: str, fmt: str, separator: str, filters: dict) -> tuple[Iterator[str], str, str]:
    """The chunks, media type and file name of one export (table: attempts, responses, items)."""
    if table == "attempts":
        rows = attempt_rows(scope)
    elif table == "responses":
        rows = response_rows(scope)
    else:
        rows = item_rows(item_analysis(scope), words=fmt == "csv")
    # The two CSV variants must not overwrite each other in the downloads folder.
    variant = "-excel" if fmt == "csv" and separator == ";" else ""
    name = f"{quiz.code}-{table}{variant}-{utcnow():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        return csv_stream(TABLES[table], rows, separator), "text/csv", name
    meta = {"quiz": {"id": quiz.id, "code": quiz.code, "title": quiz.title},
            "exported_at": local_time(utcnow()), "filters": filters}
    return json_stream(meta, table, rows), "application/json", name
