"""The item-analysis table fits a 1280 px screen without a scroll bar of its own, in German and English.

Full-page screenshots land in screenshots/ (git-ignored) as <language>-1280-items-<quiz>.png.
"""

import pytest

from quizapp.bank import load_path
from quizapp.demo import DEMO_EMAIL, DEMO_PASSWORD, generate
from quizapp.extensions import db
from quizapp.models import Quiz, Teacher

from .journeys import sign_in_teacher
from ..conftest import PROJECT

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 1280, 900


@pytest.fixture
def quiz_ids(live_app):
    """The shipped quiz and a generated demo quiz (long stems and options), in this order, with simulated attempts."""
    with live_app.app_context():
        load_path(PROJECT / "questions")
        made = generate(60, seed=7, questions=12)
        seed_quiz = generate(60, seed=7, quiz_code="KURSK25")
        teacher = db.session.execute(db.select(Teacher).filter_by(email=DEMO_EMAIL)).scalar_one()
        codes = ["KURSK25", *made.quiz_codes]
        quizzes = db.session.execute(db.select(Quiz).where(Quiz.code.in_(codes))).scalars().all()
        for quiz in quizzes:
            quiz.owner_id = teacher.id
        db.session.commit()
        ids = [quiz.id for quiz in sorted(quizzes, key=lambda quiz: codes.index(quiz.code))]
        db.session.remove()
    assert seed_quiz.attempts == 60 and len(ids) == 2
    return ids


@pytest.mark.parametrize("language, flags_heading", [("de", "Hinweise"), ("en", "Flags")])
def test_the_item_table_fits_1280_px_in_both_languages(quiz_ids, page, language, flags_heading):
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    sign_in_teacher(page, DEMO_EMAIL, DEMO_PASSWORD)
    (PROJECT / "screenshots").mkdir(exist_ok=True)
    for quiz_id, name in zip(quiz_ids, ("seed", "demo")):
        page.goto(f"/teacher/results/{quiz_id}/items?lang={language}")
        assert page.locator("#items thead th").last.inner_text() == flags_heading
        assert page.locator("#items > tbody > tr").count() >= 12
        sizes = page.evaluate("""() => {
            const table = document.querySelector('#items'), scroller = table.parentElement;
            return {table: table.scrollWidth, scroller: scroller.scrollWidth, room: scroller.clientWidth};
        }""")
        assert sizes["table"] <= sizes["room"] and sizes["scroller"] <= sizes["room"], (quiz_id, language, sizes)
        # The last column is on screen, not cut off at the window's edge.
        heading = page.locator("#items thead th").last.bounding_box()
        assert heading["x"] + heading["width"] <= WIDTH
        page.screenshot(path=str(PROJECT / "screenshots" / f"{language}-1280-items-{name}.png"), full_page=True)


# Every word of the table's text that a line break splits in two, as "class: word" (a break after a
# hyphen, as in "SRF-|Korrespondent", is where a line may end).
SPLIT_WORDS = """() => {
  const split = [];
  for (const element of document.querySelectorAll('#items .prompt, #items .option-text, #items .marker')) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects(), rect => Math.round(rect.top)));
        if (lines.size > 1) split.push(element.className + ': ' + match[0]);
      }
    }
  }
  return split;
}"""

# The first column's cells that something else draws over (their centre is not theirs).
COVERED_NUMBERS = """() => Array.from(document.querySelectorAll('#items > tbody > tr > td:first-child'))
  .filter(cell => { const box = cell.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; })
  .filter(cell => { const box = cell.getBoundingClientRect();
                    const top = document.elementFromPoint(box.left + box.width / 2, box.top + 12);
                    return !(top && cell.contains(top)); })
  .map(cell => cell.textContent.trim())"""


def test_on_a_phone_the_item_table_scrolls_under_its_number_column_with_words_whole(quiz_ids, page):
    page.set_viewport_size({"width": 375, "height": 667})
    sign_in_teacher(page, DEMO_EMAIL, DEMO_PASSWORD)
    for quiz_id, name in zip(quiz_ids, ("seed", "demo")):
        page.goto(f"/teacher/results/{quiz_id}/items")
        first_row = page.locator("#items > tbody > tr").first
        number, prompt = first_row.locator("> td").first.bounding_box(), first_row.locator(".prompt").bounding_box()
        assert prompt["x"] >= number["x"] + number["width"], "the question starts under the number column"
        assert page.evaluate(SPLIT_WORDS) == []
        page.locator("#items").scroll_into_view_if_needed()
        for scrolled in (400, 0):  # back at the start for the screenshot
            page.evaluate(f"() => {{ document.querySelector('#items').parentElement.scrollLeft = {scrolled}; }}")
            first_row.scroll_into_view_if_needed()
            assert page.evaluate(COVERED_NUMBERS) == [], (name, scrolled)
        page.screenshot(path=str(PROJECT / "screenshots" / f"de-375-items-{name}.png"), full_page=True)


# Of each chart shown: the rendered height of its smallest text, and how far it reaches beyond its box.
SHOWN_CHARTS = """() => Array.from(document.querySelectorAll('svg.chart'))
  .filter(svg => svg.getBoundingClientRect().height > 0)
  .map(svg => ({
    text: Math.min(...Array.from(svg.querySelectorAll('text'), text => text.getBoundingClientRect().height)),
    beyond: svg.getBoundingClientRect().right - svg.parentElement.getBoundingClientRect().right,
  }))"""


@pytest.mark.parametrize("width", [375, 1280])
def test_charts_fit_the_screen_with_readable_text(quiz_ids, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    sign_in_teacher(page, DEMO_EMAIL, DEMO_PASSWORD)
    for path in ("", "/items", "/categories"):
        page.goto(f"/teacher/results/{quiz_ids[0]}{path}")
        charts = page.evaluate(SHOWN_CHARTS)
        assert len(charts) == 1, (path, charts)  # the wide or the narrow drawing, not both
        assert charts[0]["text"] >= 11, (path, charts)  # 12 px text draws about 14 px high
        assert charts[0]["beyond"] <= 0.5, (path, charts)  # the whole chart is on screen
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
