"""German/Swiss number spellings, read without an app."""
import pytest

from quizapp.kinds.numbers import editable_number, format_number, parse_number


@pytest.mark.parametrize("text", ["5000", "5'000", "5’000", "5 000", "5.000", "5\u202f000", "5\u00a0000", " 5000 "])
def test_every_usual_spelling_of_five_thousand(text):
    assert parse_number(text) == 5000


@pytest.mark.parametrize("text, value", [
    ("14'000", 14000), ("1.234.567", 1234567), ("2,5", 2.5), ("2.5", 2.5), ("0", 0), ("-3", -3),
    ("−3", -3), ("1'000,75", 1000.75), ("2022", 2022),
    # Both marks: the last one is the decimal mark, whatever the language.
    ("1,234,567", 1234567), ("1,234.5", 1234.5), ("1'234.5", 1234.5), ("1.234,5", 1234.5),
    ("0,125", 0.125), ("0.125", 0.125), ("2,25", 2.25), ("1000,125", 1000.125),
])
def test_decimals_and_groups(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "fünf", "5k", "5'00", "5 00 0", "1,2,3", "5..000", "5'000.000", "--5", "1e5", "∞",
                                  "1.000.5", "1,000,5", "1,000'000"])
def test_malformed_numbers_are_rejected(text):
    assert parse_number(text) is None


def test_format_number_uses_swiss_separators():
    assert format_number(14000.0) == "14'000"
    assert format_number(2.5) == "2,5"


@pytest.mark.parametrize("value, text", [(5000000.5, "5'000'000,5"), (2.5, "2,5"), (14000.0, "14'000"),
                                         (0.125, "0,125"), (float("inf"), "inf")])
def test_format_number_writes_large_decimals_in_full(value, text):
    # "%g" once wrote 5000000.5 as "5e+06" and the review page failed on it.
    assert format_number(value) == text


def test_format_number_keeps_four_digits_and_years_together():
    assert format_number(2025.0) == "2025"
    assert format_number(5000.0) == "5000"
    assert format_number(-9999.0) == "-9999"
    assert format_number(10000.0) == "10'000"
    assert format_number(12345.5) == "12'345,5"


@pytest.mark.parametrize("text, german, english", [
    ("1,000", 1, 1000), ("1.000", 1000, 1), ("12,125", 12.125, 12125), ("12.125", 12125, 12.125),
    ("-1,000", -1, -1000), ("1,000,000", 1000000, 1000000), ("1.000.000", 1000000, 1000000),
])
def test_one_mark_before_three_digits_is_read_as_the_languages_readers_read_it(app, text, german, english):
    assert parse_number(text, ",") == german and parse_number(text, ".") == english
    for language, value in (("de", german), ("en", english)):
        with app.test_request_context(f"/?lang={language}"):
            assert parse_number(text) == value


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("value", [12.125, -12.125, 0.125, 999.999, 1000.125, 2.5, 2024, 14000, 10000000.5, 0.001,
                                   1234567.25])
def test_numbers_written_in_a_language_read_back_the_same_in_it(app, language, value):
    # "12.125" in a German edit form once came back as 12125 on saving.
    with app.test_request_context(f"/?lang={language}"):
        assert parse_number(editable_number(value)) == pytest.approx(value)
        assert parse_number(format_number(value)) == pytest.approx(value)


def test_english_writes_numbers_the_english_way(app):
    with app.test_request_context("/?lang=en"):
        assert [format_number(v) for v in (14000.0, 2.5, 2025.0, 5000000.5)] == ["14,000", "2.5", "2025", "5,000,000.5"]
        assert editable_number(12.125) == "12.125"
