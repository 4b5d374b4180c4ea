"""A teacher writes a question with the keyboard only: the passage picker takes a passage whole
with its button, the teacher shortens the quote in its field, and only that quote is marked."""
import re

import pytest

from quizapp.extensions import db
from quizapp.models import Question
from quizapp.services.articles import create_article

from ..authoring_helpers import TEXT
from ..conftest import PROJECT
from .conftest import add_teacher
from .keyboard import assert_visible_focus, focused, tab_to

pytestmark = pytest.mark.e2e

EMAIL, PASSWORD = "lehrerin@schule.ch", "ein langes Passwort"
PASSAGE = "Der Kanton übernimmt die Hälfte, sagt der Stadtrat. Experten vermuten, dass es teurer wird."
QUOTE = "Der Kanton übernimmt die Hälfte, sagt der Stadtrat."


@pytest.fixture
def live_article(live_app) -> int:
    """A teacher and her article; returns the article's id."""
    teacher_id = add_teacher(live_app, EMAIL, PASSWORD, "Frau Keller")
    with live_app.app_context():
        article, problems = create_article(teacher_id, {"title": "Velo-Netz", "outlet": "Testblatt", "language": "de"},
                                           TEXT)
        assert not problems
        article_id = article.id
        db.session.remove()
    return article_id


def open_question_form_signed_in(page, article_id: int, kind: str) -> None:
    """Sign in with the keyboard on the sign-in page that leads on to the new-question form."""
    page.goto(f"/auth/login?next=/teacher/articles/{article_id}/questions/new%3Fkind%3D{kind}")
    tab_to(page, lambda now: now["name"] == "email")
    page.keyboard.type(EMAIL)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/questions/new\?kind={kind}$"))


def type_prompt_and_options(page, mark_first_correct: bool) -> None:
    """Type the prompt and two options of a single-choice question; tick the first as correct if asked."""
    tab_to(page, lambda now: now["name"] == "prompt")
    page.keyboard.type("Wer bezahlt die Hälfte?")
    for number, text in enumerate(["Der Kanton", "Der Bund"]):
        tab_to(page, lambda now, number=number: now["name"] == f"options-{number}-text")
        page.keyboard.type(text)
        if number == 0 and mark_first_correct:
            tab_to(page, lambda now: now["name"] == "options-0-correct")
            page.keyboard.press("Space")


def test_teacher_writes_a_question_with_the_keyboard_only(live_app, live_article, page):
    open_question_form_signed_in(page, live_article, "single_choice")
    type_prompt_and_options(page, mark_first_correct=True)

    # The picker comes after the form: its button takes passage p-2 whole and returns to the quote.
    tab_to(page, lambda now: now["tag"] == "button" and now["text"] == "Textstelle p-2 übernehmen")
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    quote = focused(page)
    assert quote["name"] == "quote_exact" and quote["text"] == PASSAGE
    assert page.locator("#quote_passage").input_value() == "p-2"
    assert page.locator("[data-picker-status]").inner_text() == (
        "Textstelle p-2 ganz als Zitat übernommen: Kürze es im Zitatfeld auf die Wörter, die die Antwort belegen.")
    assert picked(page) == PASSAGE

    page.keyboard.press("End")
    for _ in range(len(PASSAGE) - len(QUOTE)):
        page.keyboard.press("Backspace")
    assert picked(page) == QUOTE  # only the quote is marked, not the whole passage

    tab_to(page, lambda now: now["tag"] == "button" and now["text"] == "Frage speichern")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/teacher/articles/{live_article}\?saved=\d+#saved-note$"))
    # The confirmation stands in the saved question's row, in view, and has the focus.
    page.wait_for_function("() => document.activeElement.id === 'saved-note'")
    note = page.locator("#saved-note")
    assert note.inner_text() == "Die Frage ist gespeichert." and in_view(page, "#saved-note")
    shoot(page, "de-keyboard-question-saved")
    assert page.locator(".question-row").filter(has=note).locator(".q-prompt").inner_text() == "Wer bezahlt die Hälfte?"
    with live_app.app_context():
        question = db.session.execute(db.select(Question)).scalar_one()
        assert (question.kind, question.quote_exact, question.passage.anchor) == ("single_choice", QUOTE, "p-2")
        db.session.remove()


def shoot(page, name: str) -> None:
    """What the teacher sees at that moment, for a reviewer: screenshots/<name>.png (git-ignored)."""
    (PROJECT / "screenshots").mkdir(exist_ok=True)
    page.screenshot(path=PROJECT / "screenshots" / f"{name}.png")


def in_view(page, selector: str) -> bool:
    return page.evaluate("""(selector) => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return box.top >= -1 && box.bottom <= window.innerHeight + 1;  // subpixel layout
    }""", selector)


def test_a_refused_question_puts_focus_on_its_one_error_summary(live_app, live_article, page):
    open_question_form_signed_in(page, live_article, "single_choice")
    type_prompt_and_options(page, mark_first_correct=False)
    tab_to(page, lambda now: now["tag"] == "button" and now["text"] == "Frage speichern")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = focused(page)
    assert summary["id"] == "error-summary"
    shoot(page, "de-keyboard-question-refused")
    assert page.locator("[role=alert]").count() == 1
    text = page.locator("#error-summary").inner_text()
    assert "Die Frage ist noch nicht gespeichert." in text
    assert "Antwortmöglichkeiten: Markiere genau eine Antwort als richtig (gefunden: 0)." in text
    assert "Die Frage braucht ein Zitat" in page.locator("#quote_exact-error").inner_text()
    page.keyboard.press("Tab")  # the first link leads to the options
    assert focused(page)["href"] == "#options"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#options"
    # Each row's fields are named after their option (the accessible name a screen reader announces).
    assert page.get_by_role("checkbox", name="Antwortmöglichkeit 2 ist richtig",
                            exact=True).get_attribute("id") == "options-1-correct"
    assert page.get_by_role("textbox", name="Rückmeldung, wenn Antwortmöglichkeit 2 gewählt wird (optional)",
                            exact=True).get_attribute("id") == "options-1-feedback"


def test_a_wrong_password_puts_focus_on_the_message(live_article, page):
    page.goto("/auth/login")
    tab_to(page, lambda now: now["name"] == "email")
    page.keyboard.type(EMAIL)
    page.keyboard.press("Tab")
    page.keyboard.type("nicht das Passwort")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert focused(page)["id"] == "error-summary"
    assert page.locator("#error-summary").inner_text() == "E-Mail oder Passwort ist falsch."
    shoot(page, "de-keyboard-login-refused")


def picked(page) -> str:
    """The text the picker marks (a CSS Custom Highlight in Chromium)."""
    return page.evaluate("""() => {
        const highlight = CSS.highlights.get("picked");
        return highlight ? [...highlight].map(range => range.toString()).join("|") : "";
    }""")


def test_evidence_options_take_passages_with_the_keyboard(live_app, live_article, page):
    open_question_form_signed_in(page, live_article, "evidence")
    tab_to(page, lambda now: now["name"] == "prompt")
    page.keyboard.type("Welche Stelle sagt, wer die Hälfte bezahlt?")

    for row, anchor in ((0, "p-2"), (1, "p-1")):
        tab_to(page, lambda now, anchor=anchor: now["text"] == f"Textstelle {anchor} übernehmen")
        page.keyboard.press("Enter")
        assert f"In Textstelle {anchor} ausgewählt" in page.locator("[data-picker-status]").inner_text()
        tab_to(page, lambda now, row=row: now["id"] == "" and now["text"] == "Auswahl übernehmen"
               and page.evaluate("() => document.activeElement.dataset.useSelection") == str(row), key="Shift+Tab")
        page.keyboard.press("Enter")
        assert page.locator(f"#options-{row}-passage").input_value() == anchor
    page.keyboard.press("Shift+Tab")  # back to quote 2, the whole of p-1: shorten it
    assert focused(page)["name"] == "options-1-quote"
    page.keyboard.press("End")
    second = "Die Stadt will bis 2030 rund 120 Kilometer Velowege bauen."
    whole = page.locator("#options-1-quote").input_value()
    for _ in range(len(whole) - len(second)):
        page.keyboard.press("Backspace")
    assert picked(page) == second  # the option's shortened quote is what is marked
    tab_to(page, lambda now: now["name"] == "options-0-correct", key="Shift+Tab")
    page.keyboard.press("Space")
    tab_to(page, lambda now: now["tag"] == "button" and now["text"] == "Frage speichern")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/teacher/articles/{live_article}\?saved=\d+#saved-note$"))
    with live_app.app_context():
        question = db.session.execute(db.select(Question)).scalar_one()
        assert [(o["quote"], o["anchor"], o["correct"]) for o in question.spec["options"]] == [
            (PASSAGE, "p-2", True), (second, "p-1", False)]
        db.session.remove()
