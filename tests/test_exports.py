"""CSV and JSON exports parse back to the numbers the statistics and the database hold."""
import csv
import io
import json

import pytest

from quizapp.stats.exports import ATTEMPT_COLUMNS, ITEM_COLUMNS, RESPONSE_COLUMNS, safe_cell
from quizapp.extensions import db
from quizapp.models import Attempt, Response, Student

from .conftest import sign_in
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


def read_csv(response, separator: str = ";") -> list[dict]:
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())  # BOM: Excel reads the file as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=separator))


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
    rows = read_csv(response)
    assert list(rows[0]) == ATTEMPT_COLUMNS
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
    rows = read_csv(export(owner, data, "attempts.csv", "?sep=comma"), separator=",")
    ben = next(row for row in rows if row["student"] == "Ben")
    assert (ben["score"], ben["percent"]) == ("2.5", "41.67")


def test_responses_export_sums_to_each_attempts_score(app, owner, data):
    rows = read_csv(export(owner, data, "responses.csv"))
    assert list(rows[0]) == RESPONSE_COLUMNS
    assert len(rows) == 4 * 5  # four attempts at the five questions they saw
    totals: dict[int, float] = {}
    for row in rows:
        totals[int(row["attempt_id"])] = totals.get(int(row["attempt_id"]), 0) + number(row["points"])
    assert totals == {attempt_id: score for attempt_id, (score, _) in stored_attempts(app).items()}
    ben = [row for row in rows if row["student"] == "Ben"]
    assert [row["position"] for row in ben] == ["1", "2", "3", "4", "5"]
    multi = next(row for row in ben if row["question_key"] == "was-ist-vermutung")
    assert (multi["answer"], multi["raw"], multi["points"], multi["correct"]) == ("Dass es teurer wird", "a", "0,5", "0")
    assert (multi["kind"], multi["category"], multi["question_version"]) == ("multiple_select", "sourcing", "1")


def test_json_exports_hold_the_same_numbers(app, owner, data):
    attempts = json.loads(export(owner, data, "attempts.json").get_data(as_text=True))
    assert attempts["quiz"]["code"] == "MINI01"
    scores = stored_attempts(app)
    assert {row["attempt_id"]: row["score"] for row in attempts["attempts"]} == \
        {attempt_id: score for attempt_id, (score, _) in scores.items()}
    assert all(list(row) == ATTEMPT_COLUMNS for row in attempts["attempts"])
    responses = json.loads(export(owner, data, "responses.json").get_data(as_text=True))["responses"]
    assert sum(row["points"] for row in responses) == sum(score for score, _ in scores.values())
    assert {row["correct"] for row in responses} == {True, False}
    items = json.loads(export(owner, data, "items.json").get_data(as_text=True))["items"]
    assert list(items[0]) == ITEM_COLUMNS
    by_key = {row["question_key"]: row for row in items}
    assert by_key["was-ist-vermutung"]["facility"] == 37.5
    assert by_key["was-ist-vermutung"]["most_tempting_distractor"] == "c"
    assert by_key["wer-sagt-kosten"]["discrimination"] is None and by_key["wer-sagt-kosten"]["flags"] == "too_easy"
    assert by_key["spaeter"]["responses"] == 0 and by_key["spaeter"]["number"] == 6


def test_item_csv_matches_the_item_json(owner, data):
    rows = {row["question_key"]: row for row in read_csv(export(owner, data, "items.csv"))}
    assert rows["anzahl-bruecken"]["discrimination"] == "-14"  # -14.0028 to two decimals
    assert rows["was-ist-vermutung"]["discrimination"] == "42,64"
    assert rows["beleg-datum"]["facility"] == "75"
    assert rows["spaeter"]["facility"] == "" and rows["beginn-april"]["blank"] == "4"


def test_exports_follow_the_filters_and_the_visibility_rule(app, owner, data):
    only_class = read_csv(export(owner, data, "attempts.csv", f"?classroom={data['classes']['owner']}"))
    assert sorted(row["student"] for row in only_class) == ["Anna", "Ben"]
    other = app.test_client()
    assert sign_in(other, "other@schule.ch").status_code == 302
    rows = read_csv(export(other, data, "responses.csv"))
    assert {row["student"] for row in rows} == {"Cleo"}


def test_cells_that_look_like_formulas_are_defused(app, owner, data):
    with app.app_context():
        student = db.session.get(Student, db.session.get(Attempt, data["attempts"]["Dario"]).student_id)
        student.display_name = '=HYPERLINK("http://evil.example","x")'
        db.session.execute(db.update(Response).where(Response.attempt_id == data["attempts"]["Dario"],
                                                     Response.question_id == data["questions"]["anzahl-bruecken"])
                           .values(raw="-1+2"))
        db.session.commit()
    rows = read_csv(export(owner, data, "responses.csv"))
    dario = [row for row in rows if row["attempt_id"] == str(data["attempts"]["Dario"])]
    assert {row["student"] for row in dario} == {"'=HYPERLINK(\"http://evil.example\",\"x\")"}
    assert next(row for row in dario if row["question_key"] == "anzahl-bruecken")["raw"] == "'-1+2"
    assert [safe_cell(value, ",") for value in ("+41 79", "@SUM(A1)", "\tx", "ok", -2.5, 3)] == \
        ["'+41 79", "'@SUM(A1)", "'\tx", "ok", "-2,5", "3"]
