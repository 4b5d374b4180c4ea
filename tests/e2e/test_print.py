"""In Chromium with print media: the worksheet, a result and the class sheet hide the site's
navigation and buttons, and print as A4 PDFs with pages (saved to tmp for a look)."""
import re

import pytest

from quizapp.bank import load_path
from quizapp.extensions import db
from quizapp.models import Quiz, Teacher

from ..conftest import MINI_FILE, TEACHER_PASSWORD

pytestmark = pytest.mark.e2e

A4_WIDTH_PT = 595.28  # 210 mm in PDF points; Chromium rounds to its pixel grid (595.92)


@pytest.fixture
def owned_mini(live_app):
    """The mini quiz, owned by a teacher, so its class sheet lists every attempt."""
    with live_app.app_context():
        load_path(MINI_FILE)
        teacher = Teacher(email="lehrerin@schule.ch", name="Frau Keller")
        teacher.set_password(TEACHER_PASSWORD)
        db.session.add(teacher)
        db.session.flush()
        quiz = db.session.execute(db.select(Quiz)).scalar_one()
        quiz.owner_id = teacher.id
        db.session.commit()
        code, quiz_id = quiz.code, quiz.id
        db.session.remove()
    return code, quiz_id


def _pdf_pages(page, path) -> int:
    """Print the page to an A4 PDF at ``path``; return its page count (checked to be A4)."""
    pdf = page.pdf(path=str(path), format="A4")
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(width) - A4_WIDTH_PT) < 1.5 for width, _ in boxes), boxes[:3]
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def _screen_then_print(page):
    """On screen the header and the print button show; in print media neither does."""
    header, button = page.locator("header.site-header"), page.locator("[data-print]")
    assert header.is_visible() and button.is_visible()  # print.js shows the button
    page.emulate_media(media="print")
    assert not header.is_visible() and not button.is_visible()
    assert not page.locator("footer.site-footer").is_visible()
    assert not page.locator(".site-header nav, nav").first.is_visible()
    assert page.locator("main a.button:visible, main button:visible").count() == 0


def test_worksheet_result_and_class_sheet_print_on_a4(owned_mini, page, tmp_path):
    code, quiz_id = owned_mini
    page.goto(f"/quiz/{code}")
    page.get_by_role("link", name="Arbeitsblatt drucken").click()
    page.wait_for_url(f"**/quiz/{code}/print")
    assert page.locator(".sheet-question").count() == 5
    _screen_then_print(page)
    assert page.locator(".sheet-question").first.is_visible()
    assert page.evaluate("() => getComputedStyle(document.querySelector('.sheet-question')).breakInside") == "avoid"
    assert _pdf_pages(page, tmp_path / "worksheet.pdf") >= 2  # the questions start on a new page

    page.emulate_media(media="screen")
    page.goto(f"/quiz/{code}")
    page.locator("input[name=display_name]").fill("Mia")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    page.locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Antworten abgeben").click()
    page.locator("dialog#confirm-submit").get_by_role("button", name="Trotzdem abgeben").click()  # most are open
    page.wait_for_url(re.compile(r"/attempts/\d+/result$"))
    _screen_then_print(page)
    assert page.locator(".review-item").first.is_visible()
    assert _pdf_pages(page, tmp_path / "result.pdf") >= 1

    page.emulate_media(media="screen")
    page.context.clear_cookies()
    page.goto("/auth/login")
    page.locator("input[name=email]").fill("lehrerin@schule.ch")
    page.locator("input[name=password]").fill(TEACHER_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/teacher/")
    page.goto(f"/teacher/results/{quiz_id}")
    page.get_by_role("link", name="Klassen-Ergebnisblatt drucken").click()
    page.wait_for_url(f"**/teacher/results/{quiz_id}/print")
    assert page.locator("#class-sheet tbody tr").count() == 1
    _screen_then_print(page)
    assert "Mia" in page.locator("#class-sheet").inner_text()
    assert _pdf_pages(page, tmp_path / "class-sheet.pdf") == 1
