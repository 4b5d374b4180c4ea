"""Statistics against values computed by hand on the fixed data set of results_helpers."""
import math
from datetime import datetime

import pytest

from quizapp import stats
from quizapp.extensions import db
from quizapp.models import Quiz

from .results_helpers import build_fixed_data

P_ANNA, P_BEN, P_CLEO, P_DARIO = 500 / 6, 250 / 6, 50.0, 50.0


@pytest.fixture
def data(app, tmp_path, make_teacher, make_attempt):
    return build_fixed_data(app, tmp_path, make_teacher, make_attempt)


def scope_for(app, data, teacher: str = "owner", **filters) -> stats.Scope:
    with app.app_context():
        owner_id = db.session.get(Quiz, data["quiz"]).owner_id
    return stats.Scope(data["quiz"], owner_id, data[teacher], **filters)


def in_app(app, function, *args):
    with app.test_request_context():
        return function(*args)


def test_summary_matches_hand_computed_mean_median_and_sd(app, data):
    summary = in_app(app, stats.summary, scope_for(app, data))
    assert summary.count == 4
    assert summary.mean == pytest.approx(56.25)  # (83.33 + 41.67 + 50 + 50) / 4
    assert summary.median == pytest.approx(50.0)  # the tie 50, 50 sits in the middle
    # deviations 27.083, -14.583, -6.25, -6.25; squares sum to 1024.306; / (n - 1) = 341.435
    assert summary.sd == pytest.approx(18.4780, abs=1e-4)
    assert summary.bins == [0, 0, 0, 0, 1, 2, 0, 0, 1, 0]  # 41.7 | 50, 50 (not 40-50) | 83.3


def test_median_of_an_odd_count_is_the_middle_value(app, data):
    # Without Dario: 41.67, 50, 83.33
    summary = in_app(app, stats.summary, scope_for(app, data, since=datetime(2025, 6, 1), until=datetime(2025, 6, 4)))
    assert summary.count == 3
    assert summary.median == pytest.approx(50.0)
    assert summary.mean == pytest.approx((P_ANNA + P_BEN + P_CLEO) / 3)


def test_one_attempt_has_no_standard_deviation_and_none_has_no_figures(app, data):
    one = in_app(app, stats.summary, scope_for(app, data, classroom_id=data["classes"]["owner"],
                                               since=datetime(2025, 6, 1, 12)))
    assert (one.count, one.median, one.sd) == (1, pytest.approx(P_BEN), None)
    nothing = in_app(app, stats.summary, scope_for(app, data, since=datetime(2030, 1, 1)))
    assert (nothing.count, nothing.mean, nothing.median, nothing.sd) == (0, None, None, None)
    assert nothing.bins == [0] * 10


def items_by_key(app, data, **filters) -> dict[str, stats.Item]:
    return {item.key: item for item in in_app(app, stats.item_analysis, scope_for(app, data, **filters))}


def test_item_analysis_matches_hand_computed_facility_and_discrimination(app, data):
    items = items_by_key(app, data)
    numeric, single, multi, blank, evidence, late = (items[key] for key in (
        "anzahl-bruecken", "wer-sagt-kosten", "was-ist-vermutung", "beginn-april", "beleg-datum", "spaeter"))
    assert [item.number for item in items.values()] == [1, 2, 3, 4, 5, 6]
    assert numeric.facility == pytest.approx(50.0)
    # x = 1 1 0 0, rest y = 4 1.5 3 3: Σdxdy = -0.25, Σdx² = 1, Σdy² = 3.1875
    assert numeric.discrimination == pytest.approx(100 * -0.25 / math.sqrt(3.1875))
    assert multi.facility == pytest.approx(37.5)  # 1 + 0.5 + 0 + 0 of 4
    # x = 1 .5 0 0, y = 4 2 3 3: Σdxdy = 0.5, Σdx² = 0.6875, Σdy² = 2
    assert multi.discrimination == pytest.approx(100 * 0.5 / math.sqrt(0.6875 * 2))
    assert evidence.facility == pytest.approx(75.0)  # 6 of 8 points
    # x = 2 0 2 2, y = 3 2.5 1 1: Σdxdy = -1.25, Σdx² = 3, Σdy² = 3.1875
    assert evidence.discrimination == pytest.approx(100 * -1.25 / math.sqrt(3 * 3.1875))
    assert [item.n for item in (numeric, single, multi, blank, evidence, late)] == [4, 4, 4, 4, 4, 0]
    assert numeric.blank == 1 and blank.blank == 4 and single.blank == 0


def test_everyone_right_is_too_easy_and_has_no_discrimination(app, data):
    single = items_by_key(app, data)["wer-sagt-kosten"]
    assert single.facility == pytest.approx(100.0)
    assert single.discrimination is None  # the question's score does not vary
    assert single.flags == ["too_easy"]
    assert single.distractors == []


def test_nobody_answered_is_too_hard_and_a_question_nobody_saw_has_no_figures(app, data):
    items = items_by_key(app, data)
    blank, late = items["beginn-april"], items["spaeter"]
    assert (blank.facility, blank.discrimination, blank.flags) == (0.0, None, ["too_hard"])
    assert [(o["key"], o["count"]) for o in blank.options] == [("true", 0), ("false", 0)]
    assert (late.n, late.facility, late.discrimination, late.flags) == (0, None, None, [])
    assert [o["percent"] for o in late.options] == [None, None]


def test_negative_discrimination_is_flagged(app, data):
    items = items_by_key(app, data)
    assert items["anzahl-bruecken"].flags == ["negative_discrimination"]
    assert items["beleg-datum"].flags == ["negative_discrimination"]
    assert items["was-ist-vermutung"].flags == []


def test_option_distribution_and_most_tempting_distractor(app, data):
    items = items_by_key(app, data)
    multi = items["was-ist-vermutung"]
    assert [(o["key"], o["count"], o["percent"], o["correct"]) for o in multi.options] == [
        ("a", 3, 75.0, True), ("b", 1, 25.0, True), ("c", 2, 50.0, False), ("d", 0, 0.0, False)]
    assert multi.distractors == ["c"]
    evidence = items["beleg-datum"]
    assert [(o["key"], o["count"]) for o in evidence.options] == [("a", 3), ("b", 1), ("c", 0)]
    assert evidence.distractors == ["b"]
    assert items["anzahl-bruecken"].options == []  # numeric: no options


def test_category_tag_and_student_facility(app, data):
    scope = scope_for(app, data)
    categories = {f.label: f for f in in_app(app, stats.category_facility, scope)}
    assert list(categories) == ["figures", "actors", "sourcing"]  # nobody answered a motives question
    assert categories["figures"].facility == pytest.approx(25.0)  # N 2 + T 0 of 8
    assert categories["actors"].facility == pytest.approx(100.0)
    assert categories["sourcing"].facility == pytest.approx(62.5)  # M 1.5 + E 6 of 12
    assert (categories["sourcing"].questions, categories["sourcing"].responses) == (2, 8)
    tags = {f.label: f.facility for f in stats.tag_facility(in_app(app, stats.item_analysis, scope))}
    assert tags == {"quelle": pytest.approx(62.5), "spaet": None, "wer": pytest.approx(100.0),
                    "zahl": pytest.approx(3.5 / 12 * 100)}  # N 2 + M 1.5 + T 0 of 12
    rows = {row["display_name"]: row for row in in_app(app, stats.student_categories, scope, 1, 50)}
    assert list(rows) == ["Anna", "Ben", "Cleo", "Dario"]
    assert rows["Ben"]["categories"] == {"figures": 50.0, "actors": 100.0, "sourcing": pytest.approx(50 / 3)}
    assert rows["Cleo"]["categories"]["sourcing"] == pytest.approx(200 / 3)
    assert rows["Anna"]["mean"] == pytest.approx(P_ANNA) and rows["Anna"]["attempts"] == 1
    assert in_app(app, stats.student_count, scope) == 4
    second_page = in_app(app, stats.student_categories, scope, 2, 3)
    assert [row["display_name"] for row in second_page] == ["Dario"]


def test_other_teacher_sees_only_their_class_and_filters_narrow(app, data):
    other = in_app(app, stats.summary, scope_for(app, data, teacher="other"))
    assert (other.count, other.mean) == (1, pytest.approx(P_CLEO))
    own_class = in_app(app, stats.summary, scope_for(app, data, classroom_id=data["classes"]["owner"]))
    assert own_class.count == 2 and own_class.mean == pytest.approx((P_ANNA + P_BEN) / 2)
    outside = in_app(app, stats.summary, scope_for(app, data, outside_classes=True))
    assert outside.count == 2 and outside.mean == pytest.approx(50.0)  # Cleo and Dario
    items = items_by_key(app, data, teacher="other")
    assert items["beleg-datum"].n == 1 and items["beleg-datum"].discrimination is None


def test_sorting_is_whitelisted_and_ties_break_by_attempt(app, data):
    scope = scope_for(app, data)

    def order(sort, direction):
        return [row["student"] for row in in_app(app, stats.attempt_page, scope, sort, direction, 1, 10)]

    assert order("percent", "desc") == ["Anna", "Dario", "Cleo", "Ben"]  # tie 50: newer attempt first
    assert order("percent", "asc") == ["Ben", "Cleo", "Dario", "Anna"]
    assert order("duration", "asc") == ["Cleo", "Anna", "Dario", "Ben"]  # 5, 10, 10, 15 minutes
    assert order("student", "asc") == ["Anna", "Ben", "Cleo", "Dario"]
    assert order("class", "asc") == ["Anna", "Ben", "Cleo", "Dario"]  # 3a, 3a, 4b, none last
    assert order("score; DROP TABLE attempts", "asc") == order("submitted", "asc")
    durations = {row["student"]: row["duration"] for row in in_app(app, stats.attempt_page, scope, "student", "asc", 1, 10)}
    assert durations == {"Anna": pytest.approx(600), "Ben": pytest.approx(900), "Cleo": pytest.approx(300),
                         "Dario": pytest.approx(600)}
    assert order("student", "asc")[2:] == [row["student"] for row in in_app(app, stats.attempt_page, scope, "student", "asc", 2, 2)]


def test_pearson_is_undefined_without_variance_or_with_one_value():
    assert stats.pearson(1, 1, 1, 1, 1, 1) is None
    assert stats.pearson(3, 3, 6, 3, 14, 6) is None  # x constant
    assert stats.pearson(2, 1, 1, 1, 1, 1) == pytest.approx(1.0)  # (1, 1) and (0, 0)


def test_quiz_list_counts_only_visible_attempts(app, data):
    rows = {row["code"]: row for row in in_app(app, stats.quizzes_with_results, data["other"])}
    assert rows["MINI01"]["attempts"] == 1 and rows["MINI01"]["mean"] == pytest.approx(P_CLEO)
    rows = {row["code"]: row for row in in_app(app, stats.quizzes_with_results, data["owner"])}
    assert rows["MINI01"]["attempts"] == 4
