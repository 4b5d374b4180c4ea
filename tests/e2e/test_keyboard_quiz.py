"""A student takes the seed quiz with the keyboard only: every kind of question, the confirm
dialog for open questions, focus on the score after the submit, then on the quoted passage."""
import re

import pytest


from .keyboard import assert_visible_focus, focused, tab_to

pytestmark = pytest.mark.e2e


def answer_one_of_each_kind(page) -> dict:
    """Tab through the questions; answer the first radio, evidence, checkbox and number question
    met. Returns question id -> the kind of control answered."""
    answered = {}

    def wanted(now):
        if now["tag"] == "button" and "primary" in now["cls"]:
            return True
        kind = "evidence" if now["evidence"] else now["type"]
        return now["question"] and now["question"] not in answered and kind not in answered.values()

    while True:
        now = tab_to(page, wanted)
        if now["tag"] == "button":
            return answered
        kind = "evidence" if now["evidence"] else now["type"]
        assert_visible_focus(page)
        if now["type"] == "radio":
            page.keyboard.press("ArrowDown")  # moves to the second option and chooses it
            assert focused(page)["question"] == now["question"]
        elif now["type"] == "checkbox":
            page.keyboard.press("Space")
            page.keyboard.press("Tab")
            page.keyboard.press("Space")
        else:
            page.keyboard.type("5'000")
        answered[now["question"]] = kind


def test_student_takes_a_quiz_with_the_keyboard_only(seeded_live, page):
    page.goto("/")
    tab_to(page, lambda now: "skip-link" in now["cls"], limit=1)
    tab_to(page, lambda now: "brand" in now["cls"], limit=1)
    assert_visible_focus(page)  # a light ring on the dark header
    tab_to(page, lambda now: now["tag"] == "a" and "Bausoldaten" in now["text"])
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/quiz/"))
    tab_to(page, lambda now: now["name"] == "display_name")
    assert_visible_focus(page)
    page.keyboard.type("Noah")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/attempts/\d+$"))

    answered = answer_one_of_each_kind(page)
    assert sorted(answered.values()) == ["checkbox", "evidence", "radio", "text"]
    assert focused(page)["text"] == "Antworten abgeben"
    assert_visible_focus(page)
    total = page.locator("fieldset.question").count()
    assert page.locator("#answered-count").inner_text() == f"{len(answered)} von {total} beantwortet"

    # Open questions: the page asks first; the dialog holds the focus and Escape goes back.
    page.keyboard.press("Enter")
    dialog = page.locator("dialog#confirm-submit")
    assert dialog.evaluate("d => d.open")
    assert page.evaluate("() => document.getElementById('confirm-submit').contains(document.activeElement)")
    assert f"{total - len(answered)} Fragen sind unbeantwortet" in dialog.inner_text()
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert re.search(r"/attempts/\d+$", page.url)
    assert focused(page)["text"] == "Antworten abgeben"  # back where the student was
    page.keyboard.press("Enter")
    assert dialog.evaluate("d => d.open")
    tab_to(page, lambda now: now["text"] == "Trotzdem abgeben", limit=3)
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/attempts/\d+/result$"))

    # The result page starts at the score.
    page.wait_for_load_state("load")
    summary = focused(page)
    assert summary["id"] == "result-summary"
    assert re.fullmatch(r"Deine Punktzahl: \d+(,\d+)? / \d+ \(\d+\s%\)", re.sub(r"\s+", " ", summary["text"]))
    for question, kind in answered.items():  # the answers given by keyboard were stored
        review = page.locator(f"#review-{question.split('-')[1]}").inner_text()
        assert ("Deine Antwort: 5000" if kind == "text" else "deine Antwort") in review, review

    # Following a passage link puts the focus on the quoted words.
    link = tab_to(page, lambda now: "passage-link" in now["cls"])
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/articles/srf-nordkorea-kursk\?.*#hl$"))
    page.wait_for_load_state("load")
    mark = focused(page)
    assert (mark["tag"], mark["id"]) == ("mark", "hl")
    assert mark["text"] and mark["text"] in page.locator("article").inner_text()
    assert link["href"].endswith("#hl")


def test_a_form_sent_back_with_errors_is_announced_and_leads_to_the_field(seeded_live, page):
    page.goto("/join")
    tab_to(page, lambda now: now["name"] == "code")
    page.keyboard.type("ZZZZZZ")
    with page.expect_navigation():  # the page sent back with the errors, not the one before it
        page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    link = tab_to(page, lambda now: now["tag"] == "a", limit=2)
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    field = focused(page)
    assert field["name"] == link["href"].lstrip("#")
    invalid = page.locator(f"[name={field['name']}]")
    assert invalid.get_attribute("aria-invalid") == "true"
    error = page.locator("#" + invalid.get_attribute("aria-describedby").split()[0])
    assert error.is_visible() and error.inner_text().strip()
