"""The template filters write numbers, scores, article dates and moments in the UI's language."""
from datetime import datetime

import pytest

from quizapp.web.formatting import day, decimal, duration, moment, percent, published_date, score


@pytest.mark.parametrize("language, expected", [("de", "23,16 / 38"), ("en", "23.16 / 38")])
def test_score_uses_the_languages_decimal_separator(app, language, expected):
    with app.test_request_context(f"/?lang={language}"):
        assert score(23.16, 38.0) == expected
        assert decimal(1 / 3) == ("0,33" if language == "de" else "0.33")
        assert decimal(None) == "–"


@pytest.mark.parametrize("language, expected", [("de", ["31\u00a0%", "17\u00a0%", "0\u00a0%", "100\u00a0%"]),
                                                ("en", ["31%", "17%", "0%", "100%"])])
def test_percent_is_whole_and_spaced_as_the_language_writes_it(app, language, expected):
    with app.test_request_context(f"/?lang={language}"):
        assert [percent(value) for value in (31.4, 100 / 6, 0, 100)] == expected
        assert percent(None) == "–"


def test_halves_round_up_as_a_reader_rounds_by_hand(app):
    with app.test_request_context("/?lang=de"):
        assert [percent(100 * points / 8) for points in (3, 5, 1)] == ["38\u00a0%", "63\u00a0%", "13\u00a0%"]
        assert [decimal(value) for value in (2.675, 0.125, 0.005)] == ["2,68", "0,13", "0,01"]


@pytest.mark.parametrize("value, de, en", [
    ("2025", "2025", "2025"),
    ("2025-06", "Juni 2025", "June 2025"),
    ("2025-06-03", "3. Juni 2025", "June 3, 2025"),
    ("im Sommer", "im Sommer", "im Sommer"),  # not an ISO date: shown as written
    ("2025-13", "2025-13", "2025-13"),
    ("", "", ""),
])
def test_published_date_reads_partial_iso_dates(app, value, de, en):
    for language, expected in (("de", de), ("en", en)):
        with app.test_request_context(f"/?lang={language}"):
            assert published_date(value) == expected


def test_moments_are_swiss_time_in_one_format(app):
    with app.test_request_context("/?lang=en"):
        assert moment(datetime(2025, 6, 1, 22, 30)) == "02.06.2025 00:30"  # summer: UTC+2
        assert moment(datetime(2025, 12, 1, 22, 30)) == "01.12.2025 23:30"  # winter: UTC+1
        assert day(datetime(2025, 6, 1, 22, 30)) == "02.06.2025"
        assert moment(None) == "–"


@pytest.mark.parametrize("seconds, text", [(4, "4 s"), (4.4, "4 s"), (59.6, "1 min 00 s"), (725, "12 min 05 s"),
                                           (3725, "1 h 02 min"), (None, "–"), (-3, "0 s")])
def test_durations_carry_their_units(seconds, text):
    # "0:04" on the results page could be minutes or seconds.
    assert duration(seconds) == text
