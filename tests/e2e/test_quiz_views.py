"""On a phone the quiz page shows the questions first and the article as a second view."""
import re

import pytest


pytestmark = pytest.mark.e2e


def _start(page):
    page.goto("/quiz/KURSK25")
    page.locator("input[name=display_name]").fill("Lea")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))


def test_on_a_phone_questions_come_first_and_the_article_is_a_second_view(seeded_live, page):
    page.set_viewport_size({"width": 375, "height": 667})
    _start(page)
    switch = page.locator("nav.view-switch")
    assert switch.is_visible()
    questions, article = page.locator("#quiz-form"), page.locator(".article-panel")
    assert questions.is_visible() and not article.is_visible()
    first = page.locator("fieldset.question").first
    assert first.bounding_box()["y"] < 2 * 667  # question 1 follows the intro, not 4,000 px of article
    page.locator("fieldset.question").nth(5).scroll_into_view_if_needed()
    where = page.evaluate("window.scrollY")
    switch.get_by_role("button", name="Artikel").click()
    assert article.is_visible() and not questions.is_visible()
    assert switch.get_by_role("button", name="Artikel").get_attribute("aria-pressed") == "true"
    switch.get_by_role("button", name="Fragen").click()
    assert questions.is_visible()
    assert abs(page.evaluate("window.scrollY") - where) < 5  # back at the same question


def test_on_a_wide_screen_article_and_questions_stand_side_by_side(seeded_live, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    _start(page)
    assert not page.locator("nav.view-switch").is_visible()
    assert page.locator("#quiz-form").is_visible() and page.locator(".article-panel").is_visible()


def test_on_a_phone_a_question_jumped_to_is_not_under_the_view_switch(seeded_live, page):
    page.set_viewport_size({"width": 375, "height": 667})
    _start(page)
    page.locator("#unanswered a", has_text=re.compile(r"^4$")).click()
    page.wait_for_function("() => location.hash === '#question-4'")
    switch = page.locator("nav.view-switch").bounding_box()
    heading = page.locator("#question-4 .q-number").bounding_box()
    assert heading["y"] >= switch["y"] + switch["height"] - 1, (heading, switch)
