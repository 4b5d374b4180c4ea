"""Right, partly right and wrong are words on the result page, not only colours: a student
answers the mini quiz with one answer of each verdict, and each review says it in its text."""
import re

import pytest

pytestmark = pytest.mark.e2e

VERDICT = re.compile(r"^\W*(richtig|teilweise richtig|falsch)$", re.M)


def test_each_reviewed_question_says_its_verdict_in_words(mini_live, page):
    page.goto("/quiz/MINI01")
    page.locator("input[name=display_name]").fill("Mia")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    page.locator("input[inputmode=decimal]").fill("12")
    page.get_by_label("Die Experten", exact=True).check()                       # wrong
    page.get_by_label("Dass es teurer wird", exact=True).check()                # one of two: partly
    page.get_by_label("Das genaue Datum ist nicht bekannt.", exact=True).check()  # right
    page.get_by_role("button", name="Antworten abgeben").click()
    page.locator("dialog#confirm-submit").get_by_role("button", name="Trotzdem abgeben").click()
    page.wait_for_url(re.compile(r"/attempts/\d+/result$"))

    expected = {"is-correct": "richtig", "is-partial": "teilweise richtig", "is-wrong": "falsch"}
    seen = set()
    for review in page.locator(".review-item").all():
        state = next(name for name in expected if name in review.get_attribute("class").split())
        # The heading as a reader meets it, without the signs (hidden from screen readers).
        words = review.locator("h3 .verdict").evaluate(
            "el => [...el.childNodes].filter(n => !(n.nodeType === 1 && n.getAttribute('aria-hidden') === 'true'))"
            ".map(n => n.textContent).join('').trim()")
        assert words == expected[state], review.inner_text()
        assert VERDICT.search(review.inner_text()), review.inner_text()
        seen.add(state)
    assert seen == set(expected)
    # The right option is marked by a word too, not only by its outline.
    for option in page.locator(".options.review li.correct").all():
        assert "richtig" in option.inner_text()
