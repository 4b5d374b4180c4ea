"""In Chromium: a teacher writes an evidence question by selecting text in the article, publishes a
quiz with it for a class, and a student joins the class by its code and answers the question."""
import re

import pytest

from quizapp.extensions import db
from quizapp.models import Question

from .conftest import add_teacher
from .journeys import sign_in_teacher

pytestmark = pytest.mark.e2e

EMAIL, PASSWORD = "lehrerin@schule.ch", "ein langes Passwort"
TEXT = """Die Stadt plant ein Velo-Netz

Die Stadt will bis 2030 rund 120 Kilometer Velowege bauen. Das kostet laut Stadtrat 40 Millionen Franken.

## Wer bezahlt das?

Der Kanton übernimmt die Hälfte, sagt der Stadtrat. Experten vermuten, dass es teurer wird.

Gegner sagen, das Geld fehle anderswo.
"""
RIGHT = "Experten vermuten, dass es teurer wird."
NEAR_MISS = "Das kostet laut Stadtrat 40 Millionen Franken."
TYPED = "Gegner sagen, das Geld fehle anderswo."


@pytest.fixture
def teacher_account(live_app):
    add_teacher(live_app, EMAIL, PASSWORD, "Frau Keller")


def drag_select(page, anchor: str, quote: str) -> None:
    """Select ``quote`` inside a passage with the real mouse: press before it, release after it."""
    box = page.evaluate("""([anchor, quote]) => {
        const span = document.querySelector(`[data-anchor="${anchor}"]`);
        const node = span.firstChild, start = node.data.indexOf(quote);
        const range = document.createRange();
        range.setStart(node, start); range.setEnd(node, start + quote.length);
        range.startContainer.parentElement.scrollIntoView({block: "center"});
        const rects = range.getClientRects(), first = rects[0], last = rects[rects.length - 1];
        return {x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2};
    }""", [anchor, quote])
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move((box["x1"] + box["x2"]) / 2, (box["y1"] + box["y2"]) / 2, steps=5)
    page.mouse.move(box["x2"], box["y2"], steps=5)
    page.mouse.up()


def script_select(page, anchor: str, quote: str) -> None:
    """Select ``quote`` the way a keyboard user would end up: a Range on the text, then the event."""
    page.evaluate("""([anchor, quote]) => {
        const span = document.querySelector(`[data-anchor="${anchor}"]`);
        const node = span.firstChild, start = node.data.indexOf(quote);
        const range = document.createRange();
        range.setStart(node, start); range.setEnd(node, start + quote.length);
        const selection = window.getSelection();
        selection.removeAllRanges(); selection.addRange(range);
        span.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
    }""", [anchor, quote])


def test_teacher_picks_quotes_with_the_mouse_and_a_student_answers_the_question(live_app, teacher_account, page,
                                                                               browser, live_server):
    sign_in_teacher(page, EMAIL, PASSWORD)

    # A new article, pasted.
    page.goto("/teacher/articles/new")
    page.locator("input[name=title]").fill("Velo-Netz")
    page.locator("input[name=outlet]").fill("Testblatt")
    page.locator("textarea[name=text]").fill(TEXT)
    page.locator("form.article-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/teacher/articles/\d+$"))
    article_id = int(page.url.rsplit("/", 1)[1])
    assert page.locator("#passage-p-2 code").inner_text() == "p-2"

    # An evidence question: the quotes come from selections in the article beside the form.
    page.locator('a[href*="kind=evidence"]').click()
    page.wait_for_url(re.compile(r"kind=evidence"))
    page.locator("textarea[name=prompt]").fill("Welche Stelle belegt: «Die Kosten könnten steigen.»?")
    use_selection = page.locator('[data-use-selection="0"]')
    assert use_selection.is_visible()  # the script shows the buttons; without it they stay hidden

    drag_select(page, "p-2", RIGHT)
    assert page.evaluate("() => window.getSelection().toString()").strip() == RIGHT
    use_selection.click()
    assert page.locator("#options-0-quote").input_value() == RIGHT
    assert page.locator("#options-0-passage").input_value() == "p-2"
    assert "p-2" in page.locator("[data-picker-status]").inner_text()

    script_select(page, "p-1", NEAR_MISS)
    page.locator('[data-use-selection="1"]').click()
    assert page.locator("#options-1-quote").input_value() == NEAR_MISS
    assert page.locator("#options-1-passage").input_value() == "p-1"

    page.locator("#options-2-quote").fill(TYPED)  # the no-script way works alongside
    page.locator("#options-0-correct").check()
    page.locator("form.question-form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/teacher/articles/{article_id}\?saved=\d+#saved-note$"))
    assert page.locator(".question-row").count() == 1
    with live_app.app_context():
        question = db.session.execute(db.select(Question)).scalar_one()
        assert (question.kind, question.quote_exact, question.passage.anchor) == ("evidence", RIGHT, "p-2")
        assert [(o["quote"], o["anchor"], o["correct"]) for o in question.spec["options"]] == [
            (RIGHT, "p-2", True), (NEAR_MISS, "p-1", False), (TYPED, "p-3", False)]
        question_id = question.id
        db.session.remove()
    page.goto(f"/teacher/questions/{question_id}/preview")
    assert RIGHT in page.locator("#teacher-view").inner_text()
    assert page.locator("#student-view input[type=radio]").count() == 3

    # A class, and a published quiz with the question, assigned to it.
    page.goto("/teacher/classes")
    page.locator("input[name=name]").fill("3a")
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_url(re.compile(r"/teacher/classes/\d+$"))
    class_code = page.locator("#join-code").inner_text().strip()
    page.goto(f"/teacher/quizzes/new?article={article_id}")
    page.locator("form.quiz-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/teacher/quizzes/\d+$"))
    page.locator('form[action$="/publish"] button[type=submit]').click()
    page.wait_for_url(re.compile(r"/teacher/quizzes/\d+$"))
    page.locator("input[name=classrooms]").first.check()
    page.locator('form[action$="/classes"] button[type=submit]').click()
    page.wait_for_url(re.compile(r"/teacher/quizzes/\d+$"))
    assert page.locator("#status").inner_text().strip() in ("published", "veröffentlicht")

    # A student on another device joins the class by its code and answers.
    student_context = browser.new_context(base_url=live_server, locale="de-CH")
    student_context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(live_server)
                          else route.abort())
    student = student_context.new_page()
    student.set_default_timeout(10_000)
    try:
        student.goto("/join")
        student.locator("input[name=code]").fill(class_code)
        student.locator("input[name=display_name]").fill("Noah")
        student.locator("main form button[type=submit]").click()
        student.wait_for_url(re.compile(r"/$"))
        student.locator("a[href^='/quiz/']", has_text="Velo-Netz").first.click()
        student.locator("main form button[type=submit]").last.click()
        student.wait_for_url(re.compile(r"/attempts/\d+$"))
        student.get_by_label(RIGHT).check()
        student.locator("form.quiz-form button.primary").click()
        student.wait_for_url(re.compile(r"/attempts/\d+/result$"))
        assert "1 / 1" in student.locator(".score").inner_text()
        student.locator("a.passage-link").first.click()
        assert student.locator("mark#hl").inner_text() == RIGHT
    finally:
        student_context.close()
