"""No lost work, in Chromium: answers typed are saved as a draft and come back after a reload,
a language switch and in a new browser context; the page counts the answered questions and
asks before submitting with gaps; without JavaScript the "Save draft" button keeps them."""
import re

import pytest


pytestmark = pytest.mark.e2e


def assert_answers_are_back(page) -> None:
    assert page.locator("input[inputmode=decimal]").first.input_value() == "4'321"
    first_question = page.locator("fieldset.question").filter(has=page.locator("input[type=radio]")).first
    assert first_question.locator("input[type=radio]").first.is_checked()


def test_typed_answers_survive_reload_language_and_a_new_context(mini_live, page, browser, live_server):
    page.goto("/quiz/MINI01")
    page.locator("input[name=display_name]").fill("Mia")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    attempt_url = page.url
    total = page.locator("fieldset.question").count()
    assert page.locator("#answered-count").inner_text() == f"0 von {total} beantwortet"
    hint = page.locator("#quiz-form > p.hint").inner_text()
    assert "falsch. Deine Antworten werden beim Tippen gespeichert" in hint and "Zwischenspeichern" not in hint

    page.locator("input[inputmode=decimal]").first.focus()
    page.keyboard.type("4'321")
    page.locator("fieldset.question").filter(has=page.locator("input[type=radio]")).first \
        .locator("input[type=radio]").first.check()
    status = page.locator("#draft-status")
    assert status.get_attribute("aria-live") == "polite"
    page.wait_for_function("() => document.getElementById('draft-status').textContent === 'Gespeichert'")
    assert page.locator("#answered-count").inner_text() == f"2 von {total} beantwortet"
    unanswered = page.locator("#unanswered a:visible")
    assert unanswered.count() == total - 2
    unanswered.first.click()  # a link jumps to an unanswered question
    assert re.search(r"#question-\d+$", page.url)

    page.reload()
    assert_answers_are_back(page)
    assert page.locator("#answered-count").inner_text() == f"2 von {total} beantwortet"

    with page.expect_navigation():
        page.get_by_role("link", name="English").click()
    assert page.locator("#answered-count").inner_text() == f"2 of {total} answered"
    assert_answers_are_back(page)

    # Another window (a crashed browser, a second device with the same sign-in): the same answers.
    other = browser.new_context(base_url=live_server, storage_state=page.context.storage_state())
    try:
        elsewhere = other.new_page()
        elsewhere.goto(attempt_url)
        assert_answers_are_back(elsewhere)
    finally:
        other.close()

    # Submitting with open questions asks first; "Keep answering" stays on the page.
    page.get_by_role("button", name="Submit answers").click()
    confirm = page.locator("dialog#confirm-submit")
    expected = f"{total - 2} questions are unanswered – submit anyway?"
    assert confirm.is_visible() and confirm.inner_text().startswith(expected)
    # The dialog names the open questions; one of them closes it and goes there.
    open_numbers = [link.get_attribute("href").rsplit("-", 1)[1] for link in unanswered.all()]
    listed = confirm.locator("#confirm-submit-links a")
    assert listed.count() == total - 2
    assert confirm.locator("p.unanswered").inner_text() == \
        "Unanswered: " + " · ".join(f"Question {number}" for number in open_numbers)
    listed.nth(1).click()
    assert not confirm.is_visible() and page.url.endswith(f"#question-{open_numbers[1]}")
    page.wait_for_function(f"() => document.activeElement.closest('#question-{open_numbers[1]}') !== null")
    page.get_by_role("button", name="Submit answers").click()
    assert confirm.is_visible()
    confirm.get_by_role("button", name="Keep answering").click()
    assert not confirm.is_visible() and page.url.startswith(attempt_url)
    page.get_by_role("button", name="Submit answers").click()
    confirm.get_by_role("button", name="Submit anyway").click()
    page.wait_for_url(re.compile(r"/attempts/\d+/result$"))


def test_without_javascript_the_save_button_keeps_the_answers(mini_live, browser, live_server):
    context = browser.new_context(base_url=live_server, locale="de-CH", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/quiz/MINI01")
        page.locator("input[name=display_name]").fill("Noah")
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url(re.compile(r"/attempts/\d+$"))
        hint = page.locator("#quiz-form > p.hint").inner_text()  # nothing is saved as you type here: the button says how
        assert "falsch. Drücke «Zwischenspeichern»" in hint and "beim Tippen gespeichert" not in hint
        page.locator("input[inputmode=decimal]").first.fill("4'321")
        page.locator("fieldset.question").filter(has=page.locator("input[type=radio]")).first \
            .locator("input[type=radio]").first.check()
        page.get_by_role("button", name="Zwischenspeichern").click()
        page.wait_for_url(re.compile(r"/attempts/\d+$"))
        assert "Deine Antworten sind gespeichert" in page.locator("main").inner_text()
        assert_answers_are_back(page)
        total = page.locator("fieldset.question").count()
        assert page.locator("#answered-count").inner_text() == f"2 von {total} beantwortet"
    finally:
        context.close()


def test_leaving_after_saved_asks_nothing_but_a_fresh_change_is_guarded(mini_live, page):
    dialogs = []

    def leave_anyway(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", leave_anyway)
    page.goto("/quiz/MINI01")
    page.locator("input[name=display_name]").fill("Mia")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    number = page.locator("input[inputmode=decimal]").first
    number.focus()
    page.keyboard.type("4'321")
    page.wait_for_function("() => document.getElementById('draft-status').textContent === 'Gespeichert'")
    with page.expect_navigation():
        page.locator(".site-header").get_by_role("link", name="Meine Ergebnisse").click()
    assert page.url.endswith("/me/attempts") and dialogs == []

    page.go_back()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    assert page.locator("input[inputmode=decimal]").first.input_value() == "4'321"
    page.locator("input[inputmode=decimal]").first.focus()
    page.keyboard.press("End")
    page.keyboard.type("5")
    with page.expect_navigation():
        page.locator(".site-header").get_by_role("link", name="Meine Ergebnisse").click()
    assert dialogs == ["beforeunload"]


def _join(page, code: str) -> None:
    page.goto("/join")
    page.locator("input[name=code]").fill(code)
    page.locator("input[name=display_name]").fill("Mia")
    page.locator("input[name=pin]").fill("4711")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/join" not in page.url, page.locator("main").inner_text()


def test_signed_out_on_another_device_the_quiz_page_keeps_the_answers_until_a_save_succeeds(
        mini_live, live_app, page, browser, live_server):
    from pathlib import Path
    from quizapp.extensions import db
    from quizapp.services.classrooms import create_classroom
    from .conftest import add_teacher
    from quizapp.models import Teacher
    teacher_id = add_teacher(live_app, "klasse@schule.ch", "correct horse battery", "Frau Klasse")
    with live_app.test_request_context():
        code = create_classroom(db.session.get(Teacher, teacher_id), "3b").join_code
        db.session.remove()
    _join(page, code)
    page.goto("/quiz/MINI01")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    assert re.search(r"/attempts/\d+$", page.url)
    attempt_url = page.url

    other = browser.new_context(base_url=live_server, storage_state=page.context.storage_state())
    try:
        elsewhere = other.new_page()
        elsewhere.goto("/auth/logout")
        elsewhere.locator("main form button[type=submit]").click()  # "Abmelden", on the other device
        elsewhere.wait_for_url(re.compile(r"/$"))
    finally:
        other.close()

    page.locator("input[inputmode=decimal]").first.focus()
    page.keyboard.type("12")
    page.wait_for_function("() => document.getElementById('draft-status').textContent.startsWith('Nicht gespeichert')")
    # Beside the count the status stays short (it must fit a phone's line); the reason stands
    # right below it, above the questions, with a way to sign in again.
    assert page.locator("#draft-status").inner_text() == "Nicht gespeichert – warum?"
    problem = page.locator("#draft-problem")
    assert problem.is_visible() and problem.inner_text().startswith(
        "Nicht gespeichert: Du bist auf diesem Gerät nicht mehr angemeldet.")
    assert "deiner Klasse wieder bei" in problem.inner_text()
    below = page.evaluate("""() => document.getElementById('draft-problem').getBoundingClientRect().top
                             - document.getElementById('draft-status').getBoundingClientRect().bottom""")
    assert 0 <= below < 200, below
    join = problem.get_by_role("link", name="Deiner Klasse beitreten (öffnet einen neuen Tab)")
    assert join.get_attribute("target") == "_blank"
    assert join.get_attribute("href") == "/join?next=" + attempt_url.split(live_server, 1)[-1]
    shots = Path(__file__).resolve().parents[2] / "screenshots"
    shots.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 375, "height": 667})
    page.locator("#draft-status").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "de-375-quiz-signed-out-elsewhere-status.png"))
    page.locator("#draft-status").get_by_role("link", name="warum?").click()
    page.screenshot(path=str(shots / "de-375-quiz-signed-out-elsewhere-why.png"))
    assert page.evaluate("location.hash") == "#draft-problem"
    page.set_viewport_size({"width": 1280, "height": 900})

    # Submitting now would lose the answers: the page stays and moves to the reason.
    page.get_by_role("button", name="Antworten abgeben").click()
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'draft-problem'")
    assert page.url.split("#")[0] == attempt_url
    assert page.locator("input[inputmode=decimal]").first.input_value() == "12"
    page.screenshot(path=str(shots / "de-1280-quiz-signed-out-elsewhere.png"))

    # Back in through the link, in a new tab, which then leads to the attempt: the same submit
    # on this page now saves and goes on, the answer included.
    with page.context.expect_page() as opened:
        join.click()
    again = opened.value
    again.wait_for_load_state()
    again.locator("input[name=code]").fill(code)
    again.locator("input[name=display_name]").fill("Mia")
    again.locator("input[name=pin]").fill("4711")
    with again.expect_navigation():
        again.locator("main form button[type=submit]").click()
    assert again.url.split("#")[0] == attempt_url
    again.close()
    page.get_by_role("button", name="Antworten abgeben").click()
    page.locator("#confirm-submit").get_by_role("button", name="Trotzdem abgeben").click()
    page.wait_for_url(re.compile(r"/result$"))
    assert "12" in page.locator("main").inner_text()


def test_submitted_on_another_device_the_open_quiz_page_still_leads_to_the_result(mini_live, page, browser,
                                                                                    live_server):
    page.goto("/quiz/MINI01")
    page.locator("input[name=display_name]").fill("Mia")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    other = browser.new_context(base_url=live_server, storage_state=page.context.storage_state())
    try:
        elsewhere = other.new_page()
        elsewhere.goto(page.url)
        elsewhere.get_by_role("button", name="Antworten abgeben").click()
        elsewhere.locator("#confirm-submit").get_by_role("button", name="Trotzdem abgeben").click()
        elsewhere.wait_for_url(re.compile(r"/result$"))
    finally:
        other.close()
    page.locator("input[inputmode=decimal]").first.fill("12")
    page.wait_for_function("() => document.getElementById('draft-problem').textContent.includes('schon abgegeben')")
    assert page.locator("#draft-status").inner_text() == "Nicht gespeichert – warum?"
    assert page.locator("#draft-problem").is_visible()
    # The submit is not held back by it: it leads to the result.
    page.get_by_role("button", name="Antworten abgeben").click()
    page.locator("#confirm-submit").get_by_role("button", name="Trotzdem abgeben").click()
    page.wait_for_url(re.compile(r"/result$"))
    assert "Dieser Versuch wurde schon abgegeben; hier ist sein Ergebnis." in page.locator("main").inner_text()
