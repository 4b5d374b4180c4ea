"""A student takes the seed quiz in Chromium and follows a passage link."""
import re

import pytest

pytestmark = pytest.mark.e2e


def test_student_takes_seed_quiz_and_follows_passage_link(seeded_live, page):
    page.goto("/")
    page.get_by_role("link", name=re.compile("Bausoldaten")).click()
    page.locator("input[name=display_name]").fill("Noah")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    question_count = page.locator("fieldset.question").count()
    assert question_count >= 24
    # Answer the first numeric question with a Swiss spelling, by keyboard.
    numeric = page.locator("input[inputmode=decimal]").first
    numeric.focus()
    page.keyboard.type("5'000")
    page.locator("input[type=radio]").first.check()
    page.get_by_role("button", name=re.compile("(Antworten abgeben|Submit answers)")).click()
    # Most questions are open: the page asks first (static/js/draft.js).
    confirm = page.locator("dialog#confirm-submit")
    assert re.search(r"\d+ Fragen sind unbeantwortet – trotzdem abgeben\?", confirm.inner_text())
    confirm.get_by_role("button", name="Trotzdem abgeben").click()
    page.wait_for_url(re.compile(r"/attempts/\d+/result$"))
    assert re.search(r"\d+(\.\d+)? / \d+", page.locator(".score").inner_text())
    assert page.locator(".review-item").count() == question_count
    page.locator("a.passage-link").first.click()
    page.wait_for_url(re.compile(r"/articles/srf-nordkorea-kursk\?"))
    mark = page.locator("mark#hl")
    assert mark.count() == 1
    assert mark.inner_text().strip()
    assert mark.is_visible()
    page.wait_for_load_state("load")
    in_view = page.evaluate("() => { const r = document.getElementById('hl').getBoundingClientRect();"
                            " return r.top >= -1 && r.bottom <= window.innerHeight + 1; }")
    assert in_view, page.evaluate("() => JSON.stringify([document.getElementById('hl').getBoundingClientRect(), window.scrollY, window.innerHeight, location.href])")
