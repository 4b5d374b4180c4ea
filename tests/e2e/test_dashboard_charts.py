"""A teacher signs in through the form and sees the results charts drawn in Chromium."""
import re

import pytest

from quizapp.bank import load_path
from quizapp.demo import generate
from quizapp.extensions import db
from quizapp.models import Quiz, Teacher

from .journeys import sign_in_teacher
from ..conftest import MINI_FILE, PROJECT

pytestmark = pytest.mark.e2e

EMAIL, PASSWORD = "charts@schule.ch", "charts are drawn on the server"


@pytest.fixture
def quiz_id(live_app):
    """The mini quiz, owned by a teacher made with set_password, with 40 simulated attempts."""
    with live_app.app_context():
        teacher = Teacher(email=EMAIL, name="Frau Diagramm")
        teacher.set_password(PASSWORD)
        db.session.add(teacher)
        load_path(MINI_FILE)
        quiz = db.session.execute(db.select(Quiz).filter_by(code="MINI01")).scalar_one()
        quiz.owner_id = teacher.id
        db.session.commit()
        generate(40, seed=3, quiz_code="MINI01")
        quiz_id = quiz.id
        db.session.remove()
    return quiz_id


def assert_chart_drawn(page, chart_id: str) -> None:
    chart = page.locator(f"svg#{chart_id}")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 50
    assert chart.get_attribute("role") == "img"
    assert chart.locator("title").first.text_content().strip()
    assert chart.locator("desc").first.text_content().strip()
    bars = chart.locator("rect.bar")
    sizes = [bars.nth(index).bounding_box() for index in range(bars.count())]
    assert sizes and any(size["width"] > 0 and size["height"] > 0 for size in sizes)
    table = page.locator(f"#{chart_id.replace('chart-', 'figure-')} table.chart-table")
    assert table.is_visible() and table.locator("tbody tr").count() > 0


def test_teacher_sees_score_facility_and_category_charts(quiz_id, page):
    sign_in_teacher(page, EMAIL, PASSWORD)
    page.goto(f"/teacher/results/{quiz_id}")
    assert page.locator("#attempts tbody tr").count() == 40
    assert_chart_drawn(page, "chart-scores")
    # Bar heights follow the histogram table: the tallest bar is the largest count.
    counts = [int(cell) for cell in page.locator("#figure-scores tbody td").all_inner_texts()]
    assert sum(counts) == 40
    bars = page.locator("svg#chart-scores rect.bar")
    heights = [bars.nth(index).bounding_box()["height"] for index in range(bars.count())]
    drawn = [count for count in counts if count]  # empty bands draw no bar
    assert len(heights) == len(drawn)
    assert heights.index(max(heights)) == drawn.index(max(drawn))
    page.locator(f"nav.results-tabs a[href^='/teacher/results/{quiz_id}/items']").click()
    page.wait_for_url(re.compile(r"/items$"))
    assert_chart_drawn(page, "chart-facility")
    assert page.locator("svg#chart-facility rect.bar").count() == 5
    page.locator(f"nav.results-tabs a[href^='/teacher/results/{quiz_id}/categories']").click()
    page.wait_for_url(re.compile(r"/categories$"))
    assert_chart_drawn(page, "chart-categories")
    # The charts print: the print stylesheet keeps them and hides the filters.
    page.emulate_media(media="print")
    assert page.locator("svg#chart-categories").is_visible()
    assert not page.locator("form.results-filter").is_visible()


def test_the_filter_button_stays_on_the_filters_line(quiz_id, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_teacher(page, EMAIL, PASSWORD)
    page.goto(f"/teacher/results/{quiz_id}?lang=de")
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.results-filter select, .results-filter input[type=checkbox], .results-filter button'),
        element => { const box = element.getBoundingClientRect(); return {top: box.top, bottom: box.bottom}; })""")
    (PROJECT / "screenshots").mkdir(exist_ok=True)
    page.locator(".results-filter").screenshot(path=PROJECT / "screenshots" / "de-1280-results-filter.png")
    button = boxes[-1]
    for field in boxes[:-1]:  # "Anwenden" beside the filters, not on a line of its own below them
        assert button["top"] < field["bottom"] and field["top"] < button["bottom"], boxes
