"""Writing questions of every kind through the web, with every validation error shown at its field."""
import re
from html import unescape

import pytest

from quizapp.extensions import db
from quizapp.models import Question

from .authoring_helpers import (FORMS, add_question, evidence, multiple_select, numeric, post_question, question,
                                questions_of, saved_id, single_choice, true_false)


@pytest.mark.parametrize("kind", list(FORMS))
def test_teacher_creates_a_question_of_every_kind(app, teacher, article_id, kind):
    assert teacher.get(f"/teacher/articles/{article_id}/questions/new?kind={kind}").status_code == 200
    question_id = add_question(teacher, article_id, kind)
    stored = question(app, question_id)
    assert stored.kind == kind
    assert stored.owner_id == teacher.teacher_id
    assert stored.version == 1 and len(stored.versions) == 1
    assert stored.passage is not None
    assert stored.status == "published"


def test_stored_specs_match_what_the_form_said(app, teacher, article_id):
    ids = {kind: add_question(teacher, article_id, kind) for kind in FORMS}
    choice = question(app, ids["single_choice"])
    assert [(o["key"], o["text"], o["correct"]) for o in choice.spec["options"]] == [
        ("a", "Der Kanton", True), ("b", "Der Bund", False), ("c", "Die Gegner", False)]
    assert choice.spec["options"][0]["feedback"] == "Richtig."
    assert choice.passage.anchor == "p-2" and choice.category == "actors"
    assert question(app, ids["multiple_select"]).passage.anchor == "p-2"  # found without naming the passage
    assert question(app, ids["true_false"]).spec["answer"] is False
    number = question(app, ids["numeric"])
    assert (number.spec["min"], number.spec["max"], number.spec["unit"]) == (120.0, 120.0, "km")
    proof = question(app, ids["evidence"])
    assert [o["anchor"] for o in proof.spec["options"]] == ["p-2", "p-1", "p-3"]
    assert proof.quote_exact == "Experten vermuten, dass es teurer wird." and proof.points == 2


def test_tags_are_written_the_way_files_write_them(app, teacher, article_id):
    question_id = add_question(teacher, article_id, "single_choice", tags="Offizielle Zahl, kanton, kanton")
    assert question(app, question_id).tags == ["offizielle-zahl", "kanton"]


def test_numeric_range_and_tolerance_are_accepted(app, teacher, article_id):
    ranged = add_question(teacher, article_id, "numeric", numeric_mode="range", min="100", max="130", value="")
    spec = question(app, ranged).spec
    assert (spec["min"], spec["max"]) == (100.0, 130.0) and "value" not in spec
    tolerant = add_question(teacher, article_id, "numeric", value="120", tolerance="5")
    spec = question(app, tolerant).spec
    assert (spec["value"], spec["tolerance"], spec["min"], spec["max"]) == (120.0, 5.0, 115.0, 125.0)


def _rejected(app, client, article_id, kind, data) -> str:
    before = len(questions_of(app, article_id))
    response = post_question(client, article_id, kind, data)
    assert response.status_code == 400
    assert len(questions_of(app, article_id)) == before  # nothing stored
    return unescape(response.get_data(as_text=True))


def _field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{re.escape(field_id)}-error">([^<]*)</p>', page)
    assert match, f"no error shown at {field_id}"
    return match.group(1)


def _option_errors(page: str) -> str:
    match = re.search(r'<fieldset class="options-editor has-error" id="options"[^>]*>.*?<ul class="field-error form-errors"'
                      r'[^>]*>(.*?)</ul>', page, re.S)
    assert match, "no error shown above the options"
    return match.group(1)


CASES = [
    ("missing prompt", "single_choice", single_choice(prompt=""), "prompt", "needs a prompt"),
    ("quote not found", "single_choice", single_choice(quote_exact="Der Bund zahlt alles"), "quote_exact",
     "not found in passage p-2"),
    ("quote in another passage", "true_false", true_false(quote_passage="p-1"), "quote_exact", "not found"),
    ("ambiguous quote", "numeric", numeric(quote_exact="Gegner sagen", quote_passage=""), "quote_exact",
     "occurs 2 times"),
    ("missing quote", "numeric", numeric(quote_exact=""), "quote_exact", "The question needs a quote: select the words"),
    ("min greater than max", "numeric", numeric(numeric_mode="range", min="130", max="100"), "min",
     "min must not be greater than max"),
    ("negative tolerance", "numeric", numeric(tolerance="-5"), "tolerance", "tolerance must be a number of 0"),
    ("tolerance not a number", "numeric", numeric(tolerance="etwa"), "tolerance", "Enter a number in digits"),
    ("value not a number", "numeric", numeric(value="viele"), "value", "Enter a number in digits, e.g. 1234"),
    ("unknown passage", "single_choice", single_choice(quote_passage="p-99"), "quote_passage",
     "no such passage"),
    ("no answer for true/false", "true_false", true_false(answer_bool=""), "answer_bool", "true or false"),
    ("points out of range", "single_choice", single_choice(points="0"), "points", "from 1 to 100"),
    ("points not a number", "single_choice", single_choice(points="zwei"), "points", "whole number"),
    ("bad tag", "single_choice", single_choice(tags="ok, <b>!"), "tags", "short lowercase words"),
    ("unknown category", "single_choice", single_choice(category="weather"), "category", "Not a valid choice"),
    ("option without text", "multiple_select", multiple_select(**{"options-3-correct": "y"}), "options-3-text",
     "needs a text"),
    ("evidence quote not found", "evidence", evidence(**{"options-1-quote": "Das kostet 50 Millionen."}),
     "options-1-quote", "not found in passage p-1"),
    ("evidence option in unknown passage", "evidence", evidence(**{"options-1-passage": "p-42"}),
     "options-1-passage", "no such passage"),
]


@pytest.mark.parametrize("label, kind, data, field_id, message", CASES, ids=[case[0] for case in CASES])
def test_invalid_question_is_refused_with_the_error_at_its_field(app, teacher, article_id, label, kind, data,
                                                                  field_id, message):
    page = _rejected(app, teacher, article_id, kind, data)
    assert message in _field_error(page, field_id)
    assert "The question is not saved yet" in page


def test_every_wrong_number_is_said_at_once(app, teacher, article_id):
    # A bad value once hid the negative tolerance until the next save.
    page = _rejected(app, teacher, article_id, "numeric", numeric(value="zwölf", tolerance="-5"))
    assert "must be a number" in _field_error(page, "value") or "Enter a number" in _field_error(page, "value")
    assert "tolerance must be a number of 0" in _field_error(page, "tolerance")


OPTION_CASES = [
    ("no correct option", "single_choice", single_choice(**{"options-0-correct": ""}), "exactly one option"),
    ("two correct for single choice", "single_choice", single_choice(**{"options-1-correct": "y"}),
     "found 2"),
    ("no correct for multiple select", "multiple_select",
     multiple_select(**{"options-0-correct": "", "options-1-correct": ""}), "at least one option"),
    ("only one option", "single_choice", single_choice(**{"options-1-text": "", "options-2-text": ""}),
     "between 2 and 8"),
    ("same option twice", "single_choice", single_choice(**{"options-2-text": "der bund"}), "same text"),
    ("no correct quote for evidence", "evidence", evidence(**{"options-0-correct": ""}), "found 0"),
    ("same quote twice for evidence", "evidence",
     evidence(**{"options-2-quote": "Das kostet laut Stadtrat 40 Millionen Franken.", "options-2-passage": ""}),
     "quote the same text"),
]


@pytest.mark.parametrize("label, kind, data, message", OPTION_CASES, ids=[case[0] for case in OPTION_CASES])
def test_option_problems_are_shown_above_the_options(app, teacher, article_id, label, kind, data, message):
    page = _rejected(app, teacher, article_id, kind, data)
    assert message in _option_errors(page)


@pytest.mark.parametrize("kind, data", [
    ("numeric", numeric(value="")), ("numeric", numeric(numeric_mode="range", min="", max="")),
    ("single_choice", single_choice(**{"options-1-text": "", "options-2-text": ""}))])
def test_form_errors_speak_of_the_form_not_of_question_files(app, teacher, article_id, kind, data):
    page = _rejected(app, teacher, article_id, kind, data)
    assert ".inf" not in page and ".nan" not in page and "as a list" not in page and "range: [" not in page


def test_refused_form_makes_one_announcement_that_links_every_error(app, teacher, article_id):
    data = single_choice(quote_exact="", **{"options-0-correct": ""})
    page = _rejected(app, teacher, article_id, "single_choice", data)
    assert page.count('role="alert"') == 1
    summary = re.search(r'<div class="flash flash-error error-summary" role="alert"(.*?)</div>', page, re.S).group(1)
    assert "data-focus-on-load" in summary and "The question is not saved yet." in summary
    assert re.search(r'<a href="#options">Options: [^<]*exactly one option', summary)
    assert '<a href="#quote_exact">Quote that proves the answer: The question needs a quote' in summary


def test_missing_quote_error_says_the_quote_is_missing_not_the_hint(app, teacher, article_id):
    page = _rejected(app, teacher, article_id, "single_choice", single_choice(quote_exact=""))
    error = _field_error(page, "quote_exact")
    assert error.startswith("The question needs a quote")
    elsewhere = page.replace(f'id="quote_exact-error">{error}', "").replace(f"Quote that proves the answer: {error}", "")
    assert error not in elsewhere  # under the field and in the summary's link, not also as the hint


def test_option_row_fields_are_named_after_their_option(teacher, article_id):
    page = unescape(teacher.get(f"/teacher/articles/{article_id}/questions/new?kind=single_choice").get_data(as_text=True))
    assert ('<label for="options-1-correct"><span aria-hidden="true">correct</span>'
            '<span class="visually-hidden">Option 2 is correct</span></label>') in page
    assert '<span class="visually-hidden">Feedback when option 2 is chosen (optional)</span>' in page
    assert '<label for="options-1-text">Option 2</label>' in page


def test_evidence_rows_name_their_quote_and_passage(teacher, article_id):
    page = unescape(teacher.get(f"/teacher/articles/{article_id}/questions/new?kind=evidence").get_data(as_text=True))
    assert '<label for="options-2-quote">Quote 3</label>' in page
    assert ('<label for="options-2-passage"><span aria-hidden="true">In passage</span>'
            '<span class="visually-hidden">In passage (quote 3)</span></label>') in page


def test_question_form_offers_a_skip_link_to_the_passage_picker(teacher, article_id):
    page = teacher.get(f"/teacher/articles/{article_id}/questions/new?kind=evidence").get_data(as_text=True)
    assert '<a class="skip-link" href="#article-picker">' in page and 'id="article-picker"' in page


def test_refused_form_keeps_what_the_teacher_typed(app, teacher, article_id):
    page = _rejected(app, teacher, article_id, "single_choice", single_choice(quote_exact="gibt es nicht"))
    assert 'value="Der Kanton"' in page and "gibt es nicht</textarea>" in page


def test_unknown_kind_is_404(teacher, article_id):
    assert teacher.get(f"/teacher/articles/{article_id}/questions/new?kind=essay").status_code == 404
    assert teacher.get(f"/teacher/articles/{article_id}/questions/new").status_code == 404


# ---------------------------------------------------------------- passage picker without JavaScript

def test_form_offers_every_passage_to_choose_without_javascript(app, teacher, article_id):
    page = teacher.get(f"/teacher/articles/{article_id}/questions/new?kind=single_choice").get_data(as_text=True)
    select = re.search(r'<select[^>]*id="quote_passage"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.findall(r'value="([^"]*)"', select) == ["", "title", "p-1", "h-1", "p-2", "p-3", "caption-1"]
    assert '<textarea' in page and 'id="quote_exact"' in page
    # The picker's passages carry the exact stored text the script cuts quotes from.
    assert ('<span class="passage-text" data-anchor="p-2">Der Kanton übernimmt die Hälfte, sagt der Stadtrat. '
            'Experten vermuten, dass es teurer wird.</span>') in page
    assert "js/passage-picker." in page


def test_choosing_a_passage_and_pasting_the_quote_saves_it(app, teacher, article_id):
    question_id = add_question(teacher, article_id, "true_false", quote_passage="p-3",
                               quote_exact="das sei zu teuer")
    stored = question(app, question_id)
    assert stored.passage.anchor == "p-3" and stored.quote_exact == "das sei zu teuer"
    assert stored.quote_prefix.endswith("Gegner sagen, ") and stored.quote_suffix == "."


def test_naming_the_passage_settles_a_quote_that_occurs_in_two_passages(app, teacher, article_id):
    page = _rejected(app, teacher, article_id, "single_choice", single_choice(quote_exact="Stadtrat", quote_passage=""))
    assert "occurs 2 times" in _field_error(page, "quote_exact")
    question_id = add_question(teacher, article_id, "single_choice", quote_exact="Stadtrat", quote_passage="p-2")
    assert question(app, question_id).passage.anchor == "p-2"


def test_evidence_options_can_each_name_their_passage(app, teacher, article_id):
    page = teacher.get(f"/teacher/articles/{article_id}/questions/new?kind=evidence").get_data(as_text=True)
    assert page.count('data-use-selection="') == 6  # one "use selection" button per row, shown by the script
    assert 'id="options-5-passage"' in page and 'id="quote_exact"' not in page


# ---------------------------------------------------------------- editing

def test_edit_form_shows_the_stored_question(app, teacher, article_id):
    question_id = add_question(teacher, article_id, "evidence")
    page = unescape(teacher.get(f"/teacher/questions/{question_id}/edit").get_data(as_text=True))
    assert "Experten vermuten, dass es teurer wird.</textarea>" in page
    assert re.search(r'id="options-0-correct"[^>]*checked|checked[^>]*id="options-0-correct"', page)
    assert re.search(r'<option selected value="p-1">|<option value="p-1" selected>', page)


def test_saving_unchanged_keeps_the_version_and_a_change_makes_a_new_one(app, teacher, article_id):
    question_id = add_question(teacher, article_id, "numeric")
    url = f"/teacher/questions/{question_id}/edit"
    assert teacher.post(url, data=numeric()).status_code == 302
    assert question(app, question_id).version == 1
    assert teacher.post(url, data=numeric(value="125")).status_code == 302
    stored = question(app, question_id)
    assert stored.version == 2 and [v.snapshot["spec"]["min"] for v in stored.versions] == [120.0, 125.0]


def test_a_decimal_survives_the_edit_form_unchanged(app, teacher, article_id):
    # Written back as "12.125" in the German form, the value was read as 12125 when saved unchanged.
    teacher.set_cookie("lang", "de")
    question_id = add_question(teacher, article_id, "numeric", value="12,125", tolerance="0,125")
    assert (question(app, question_id).spec["value"], question(app, question_id).spec["tolerance"]) == (12.125, 0.125)
    page = unescape(teacher.get(f"/teacher/questions/{question_id}/edit").get_data(as_text=True))
    shown = {name: re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page).group(1)
             for name in ("value", "tolerance")}
    assert shown == {"value": "12,125", "tolerance": "0,125"}
    response = teacher.post(f"/teacher/questions/{question_id}/edit", data=numeric(**shown))
    assert response.status_code == 302
    stored = question(app, question_id)
    assert stored.version == 1 and (stored.spec["min"], stored.spec["max"]) == (12.0, 12.25)


def test_edited_options_keep_their_keys(app, teacher, article_id):
    question_id = add_question(teacher, article_id, "single_choice")
    data = single_choice(**{"options-0-key": "a", "options-1-key": "b", "options-1-text": "",
                            "options-2-key": "c", "options-3-text": "Die Stadt"})
    assert teacher.post(f"/teacher/questions/{question_id}/edit", data=data).status_code == 302
    keys = [(o["key"], o["text"]) for o in question(app, question_id).spec["options"]]
    assert keys == [("a", "Der Kanton"), ("c", "Die Gegner"), ("d", "Die Stadt")]  # "b" meant another option


def test_edit_keeps_the_question_id(app, teacher, article_id):
    question_id = add_question(teacher, article_id, "single_choice")
    key = question(app, question_id).key
    teacher.post(f"/teacher/questions/{question_id}/edit", data=single_choice(prompt="Ganz neue Frage?"))
    with app.app_context():
        assert db.session.get(Question, question_id).key == key


def test_after_saving_the_confirmation_stands_in_the_saved_row_and_takes_focus(teacher, article_id):
    add_question(teacher, article_id, "single_choice")
    teacher.get(f"/teacher/articles/{article_id}")  # its confirmation is read
    response = post_question(teacher, article_id, "true_false", true_false())
    location = response.headers["Location"]
    question_id = saved_id(response)
    assert location.endswith(f"/teacher/articles/{article_id}?saved={question_id}#saved-note")
    page = unescape(teacher.get(location).get_data(as_text=True))
    row = re.search(rf'<li class="question-row" id="question-{question_id}">(.*?)</li>', page, re.S).group(1)
    note = re.search(r'<div class="saved-note"([^>]*)>(.*?)</div>', row, re.S)
    assert 'id="saved-note"' in note.group(1) and 'tabindex="-1"' in note.group(1)  # focused as the fragment
    assert "The question is saved." in note.group(2)
    assert page.count("The question is saved.") == 1  # not also at the top of the page, out of sight
    again = teacher.get(location).get_data(as_text=True)
    assert "saved-note" not in again and "The question is saved." not in again  # said once


def test_move_buttons_name_their_question(teacher, article_id):
    for kind in ("single_choice", "true_false", "numeric"):
        add_question(teacher, article_id, kind)
    page = teacher.get(f"/teacher/articles/{article_id}").get_data(as_text=True)
    assert 'aria-label="Move question 2 up"' in page and 'aria-label="Move question 2 down"' in page
    assert 'aria-label="Move question 3 up"' in page and 'aria-label="Move up"' not in page
