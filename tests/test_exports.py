"""CSV and JSON exports parse back to the numbers the statistics and the database hold.

CSV speaks the teacher's language (headers and words); JSON keeps its English keys and codes.
"""
import csv
import io
import json
import re

import pytest

from quizapp.stats import Item
from quizapp.stats.exports import ATTEMPT_COLUMNS, ITEM_COLUMNS, RESPONSE_COLUMNS, TABLES, distractor_text, safe_cell
from quizapp.extensions import db
from quizapp.models import Attempt, Response, Student

from .conftest import sign_in
from .helpers.visible import visible
from .results_helpers import build_fixed_data


@pytest.fixture
def data(app, tmp_path, make_teacher, make_attempt):
    return build_fixed_data(app, tmp_path, make_teacher, make_attempt)


@pytest.fixture
def owner(app, data):
    client = app.test_client()
    assert sign_in(client, "owner@schule.ch").status_code == 302
    return client


def export(client, data, name: str, query: str = ""):
    response = client.get(f"/teacher/results/{data['quiz']}/export/{name}{query}")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response


# What a teacher sees in the first row of each CSV in the German UI (the default).
GERMAN_HEADERS = {
    "attempts": ["Versuch-ID", "ID Schülerin/Schüler", "Schülerin/Schüler", "Klasse", "Versuch Nr.", "Begonnen",
                 "Abgegeben", "Dauer (Sekunden)", "Punkte", "Maximale Punktzahl", "Prozent"],
    "responses": ["Versuch-ID", "ID Schülerin/Schüler", "Schülerin/Schüler", "Klasse", "Versuch Nr.",
                  "Position im Quiz", "Frage-ID", "Fragen-Schlüssel", "Fragen-Version", "Fragetyp", "Kategorie",
                  "Antwort", "Antwort wie gesendet", "Punkte", "Maximale Punkte", "Ganz richtig"],
    "items": ["Nr.", "Frage-ID", "Fragen-Schlüssel", "Fragetyp", "Kategorie", "Schlagwörter", "Frage", "Antworten",
              "Leer", "Lösungsquote (%)", "Trennschärfe (%)", "Verlockendste falsche Antwort", "Hinweise"],
}
ENGLISH_HEADERS = {
    "attempts": ["Attempt ID", "Student ID", "Student", "Class", "Attempt no.", "Started", "Submitted",
                 "Duration (seconds)", "Score", "Maximum score", "Percent"],
    "responses": ["Attempt ID", "Student ID", "Student", "Class", "Attempt no.", "Position in the quiz",
                  "Question ID", "Question key", "Question version", "Question type", "Category", "Answer",
                  "Answer as sent", "Points", "Maximum points", "Fully correct"],
    "items": ["No.", "Question ID", "Question key", "Question type", "Category", "Tags", "Question", "Responses",
              "Blank", "Facility (%)", "Discrimination (%)", "Most tempting distractor", "Flags"],
}


def read_csv(response, table: str, separator: str = ";", headers: dict = GERMAN_HEADERS) -> list[dict]:
    """The rows keyed by the JSON column names, after checking the header row the teacher sees."""
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())  # BOM: Excel reads the file as UTF-8
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=separator)
    assert next(reader) == headers[table]
    return [dict(zip(TABLES[table], row, strict=True)) for row in reader]


def number(text: str, decimal: str = ",") -> float:
    return float(text.replace(decimal, "."))


def stored_attempts(app) -> dict[int, tuple[float, int]]:
    with app.app_context():
        return {a.id: (a.score, a.max_score) for a in db.session.execute(db.select(Attempt)).scalars()}


def test_attempts_csv_for_excel_uses_semicolons_decimal_commas_and_a_filename(app, owner, data):
    response = export(owner, data, "attempts.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="MINI01-attempts-')
    assert response.headers["Content-Disposition"].endswith('.csv"')
    rows = read_csv(response, "attempts")
    scores = stored_attempts(app)
    assert {int(row["attempt_id"]) for row in rows} == set(data["attempts"].values())
    for row in rows:
        score, max_score = scores[int(row["attempt_id"])]
        assert number(row["score"]) == score and int(row["max_score"]) == max_score
        assert number(row["percent"]) == pytest.approx(100 * score / max_score, abs=0.005)
    ben = next(row for row in rows if row["student"] == "Ben")
    assert (ben["score"], ben["percent"], ben["class"], ben["duration_seconds"]) == ("2,5", "41,67", "3a", "900")
    assert ben["submitted_at"] == "2025-06-02T00:30:00+02:00"  # local time with its offset


def test_comma_variant_uses_decimal_points(owner, data):
    rows = read_csv(export(owner, data, "attempts.csv", "?sep=comma"), "attempts", separator=",")
    ben = next(row for row in rows if row["student"] == "Ben")
    assert (ben["score"], ben["percent"]) == ("2.5", "41.67")


def test_responses_export_sums_to_each_attempts_score(app, owner, data):
    rows = read_csv(export(owner, data, "responses.csv"), "responses")
    assert len(rows) == 4 * 5  # four attempts at the five questions they saw
    totals: dict[int, float] = {}
    for row in rows:
        totals[int(row["attempt_id"])] = totals.get(int(row["attempt_id"]), 0) + number(row["points"])
    assert totals == {attempt_id: score for attempt_id, (score, _) in stored_attempts(app).items()}
    ben = [row for row in rows if row["student"] == "Ben"]
    assert [row["position"] for row in ben] == ["1", "2", "3", "4", "5"]
    multi = next(row for row in ben if row["question_key"] == "was-ist-vermutung")
    assert (multi["answer"], multi["raw"], multi["points"], multi["correct"]) == ("Dass es teurer wird", "a", "0,5", "nein")
    assert (multi["kind"], multi["category"], multi["question_version"]) == ("Mehrfachauswahl", "Quellen & Belege", "1")


def test_json_exports_hold_the_same_numbers(app, owner, data):
    attempts = json.loads(export(owner, data, "attempts.json").get_data(as_text=True))
    assert attempts["quiz"]["code"] == "MINI01"
    scores = stored_attempts(app)
    assert {row["attempt_id"]: row["score"] for row in attempts["attempts"]} == \
        {attempt_id: score for attempt_id, (score, _) in scores.items()}
    assert all(list(row) == ATTEMPT_COLUMNS for row in attempts["attempts"])  # English keys in the German UI too
    responses = json.loads(export(owner, data, "responses.json").get_data(as_text=True))["responses"]
    assert sum(row["points"] for row in responses) == sum(score for score, _ in scores.values())
    assert all(list(row) == RESPONSE_COLUMNS for row in responses)
    assert {(row["kind"], row["category"]) for row in responses if row["question_key"] == "was-ist-vermutung"} == \
        {("multiple_select", "sourcing")}
    assert {row["correct"] for row in responses} == {True, False}
    items = json.loads(export(owner, data, "items.json").get_data(as_text=True))["items"]
    assert list(items[0]) == ITEM_COLUMNS
    by_key = {row["question_key"]: row for row in items}
    assert by_key["was-ist-vermutung"]["facility"] == 37.5
    assert by_key["was-ist-vermutung"]["most_tempting_distractor"] == "c"
    assert by_key["wer-sagt-kosten"]["discrimination"] is None and by_key["wer-sagt-kosten"]["flags"] == "too_easy"
    assert by_key["spaeter"]["responses"] == 0 and by_key["spaeter"]["number"] == 6


def test_item_csv_matches_the_item_json(owner, data):
    rows = {row["question_key"]: row for row in read_csv(export(owner, data, "items.csv"), "items")}
    assert rows["anzahl-bruecken"]["discrimination"] == "-14"  # -14.0028 to two decimals
    assert rows["was-ist-vermutung"]["discrimination"] == "42,64"
    assert rows["beleg-datum"]["facility"] == "75"
    assert rows["spaeter"]["facility"] == "" and rows["beginn-april"]["blank"] == "4"
    # Option keys mean nothing to teachers (options are shown unlettered and shuffled): the CSV names the text.
    assert rows["was-ist-vermutung"]["most_tempting_distractor"] == "Die Zahl der Brücken"


def test_options_tied_for_most_tempting_are_all_named_on_the_page_and_in_the_exports(app, owner, data, make_attempt):
    # "Die Zahl der Brücken" (c) was picked twice; two more students pick "Der Baubeginn Ende April" (d).
    for name in ("Eli", "Fynn"):
        make_attempt(data["code"], {"was-ist-vermutung": ["a", "d"]}, name=name, classroom_id=data["classes"]["owner"])
    page = owner.get(f"/teacher/results/{data['quiz']}/items")
    row = page.get_data(as_text=True).split(f'<tr data-question="{data["questions"]["was-ist-vermutung"]}"')[1]
    row = row.split('<tr data-question="')[0]
    assert re.findall(r'<tr class="[^"]*is-distractor[^"]*" data-option="(\w+)">', row) == ["c", "d"]
    shown = visible(page)
    assert "Die Zahl der Brücken verlockendste falsche Antwort" in shown
    assert "Der Baubeginn Ende April verlockendste falsche Antwort" in shown
    items = {row["question_key"]: row for row in json.loads(export(owner, data, "items.json").get_data(as_text=True))["items"]}
    assert items["was-ist-vermutung"]["most_tempting_distractor"] == "c d"
    assert items["beleg-datum"]["most_tempting_distractor"] == "b"  # no tie: one option
    rows = {row["question_key"]: row for row in read_csv(export(owner, data, "items.csv"), "items")}
    assert rows["was-ist-vermutung"]["most_tempting_distractor"] == "Die Zahl der Brücken | Der Baubeginn Ende April"


def test_a_long_distractor_is_shortened_in_the_csv():
    text = "Die Gemeinde baut die Brücken erst, wenn der Kanton das Geld dafür gesprochen hat, " * 3
    item = Item(question_id=1, key="k", number=1, snapshot={}, distractors=["b"],
                options=[{"key": "a", "text": "Ja"}, {"key": "b", "text": text}])
    shown = distractor_text(item)
    assert len(shown) <= 100 and shown.startswith("Die Gemeinde baut die Brücken erst,") and shown.endswith(" …")


def test_the_two_csv_variants_download_under_different_names(owner, data):
    excel = export(owner, data, "items.csv").headers["Content-Disposition"]
    comma = export(owner, data, "items.csv", "?sep=comma").headers["Content-Disposition"]
    assert excel.startswith('attachment; filename="MINI01-items-excel-') and excel.endswith('.csv"')
    assert comma.startswith('attachment; filename="MINI01-items-2') and comma.endswith('.csv"')


def test_exports_follow_the_filters_and_the_visibility_rule(app, owner, data):
    only_class = read_csv(export(owner, data, "attempts.csv", f"?classroom={data['classes']['owner']}"), "attempts")
    assert sorted(row["student"] for row in only_class) == ["Anna", "Ben"]
    other = app.test_client()
    assert sign_in(other, "other@schule.ch").status_code == 302
    rows = read_csv(export(other, data, "responses.csv"), "responses")
    assert {row["student"] for row in rows} == {"Cleo"}


def test_cells_that_look_like_formulas_are_defused(app, owner, data):
    with app.app_context():
        student = db.session.get(Student, db.session.get(Attempt, data["attempts"]["Dario"]).student_id)
        student.display_name = '=HYPERLINK("http://evil.example","x")'
        db.session.execute(db.update(Response).where(Response.attempt_id == data["attempts"]["Dario"],
                                                     Response.question_id == data["questions"]["anzahl-bruecken"])
                           .values(raw="-1+2"))
        db.session.commit()
    rows = read_csv(export(owner, data, "responses.csv"), "responses")
    dario = [row for row in rows if row["attempt_id"] == str(data["attempts"]["Dario"])]
    assert {row["student"] for row in dario} == {"'=HYPERLINK(\"http://evil.example\",\"x\")"}
    assert next(row for row in dario if row["question_key"] == "anzahl-bruecken")["raw"] == "'-1+2"
    assert [safe_cell(value, ",") for value in ("+41 79", "@SUM(A1)", "\tx", "ok", -2.5, 3)] == \
        ["'+41 79", "'@SUM(A1)", "'\tx", "ok", "-2,5", "3"]


def test_csv_speaks_the_teachers_language_and_json_keeps_its_codes(owner, data):
    german = read_csv(export(owner, data, "responses.csv"), "responses")  # German headers checked by read_csv
    english = read_csv(export(owner, data, "responses.csv", "?lang=en"), "responses", headers=ENGLISH_HEADERS)
    assert {row["correct"] for row in german} == {"ja", "nein"}
    assert {row["correct"] for row in english} == {"yes", "no"}
    multi = [(row["kind"], row["category"]) for row in english if row["question_key"] == "was-ist-vermutung"]
    assert set(multi) == {("Multiple select", "Sources & evidence")}
    assert {(row["kind"], row["category"]) for row in german if row["question_key"] == "beleg-datum"} == \
        {("Beleg (welche Textstelle?)", "Quellen & Belege")}
    # ?lang=en is remembered in a cookie, like a click on "English": switch back explicitly.
    german_items = {row["question_key"]: row for row in read_csv(export(owner, data, "items.csv", "?lang=de"), "items")}
    english_items = {row["question_key"]: row for row in
                     read_csv(export(owner, data, "items.csv", "?lang=en"), "items", headers=ENGLISH_HEADERS)}
    assert german_items["wer-sagt-kosten"]["flags"] == "zu leicht"
    assert english_items["wer-sagt-kosten"]["flags"] == "too easy"
    assert english_items["wer-sagt-kosten"]["category"] != german_items["wer-sagt-kosten"]["category"]
    # The language does not reach the JSON export, which programs read.
    items = json.loads(export(owner, data, "items.json").get_data(as_text=True))
    assert {row["question_key"]: row["flags"] for row in items["items"]}["wer-sagt-kosten"] == "too_easy"
