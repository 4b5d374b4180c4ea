"""Chromium enforces the Content-Security-Policy, and the pages that once used inline styles still draw.

Every browser test fails when Chromium reports a blocked script or style (tests/e2e/conftest.py);
this file shows that report happens, and checks the option meters that replaced inline widths.
"""
import re

import pytest

from .journeys import sign_in_teacher
from .test_dashboard_charts import EMAIL, PASSWORD, quiz_id  # noqa: F401 (quiz_id is a fixture)

pytestmark = pytest.mark.e2e


def test_an_injected_inline_script_and_style_are_blocked_and_reported(browser, live_server):
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    reports = []
    page.on("console", lambda message: reports.append(message.text))
    page.goto("/")
    ran = page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.appendChild(script);
        const box = document.createElement('div');
        box.innerHTML = '<p id="styled" style="color: rgb(255, 0, 0)">x</p>';
        document.body.appendChild(box);
        return window.injected === true;
    }""")
    colour = page.evaluate("() => getComputedStyle(document.getElementById('styled')).color")
    context.close()
    assert not ran and colour != "rgb(255, 0, 0)"
    assert any("Content Security Policy" in report for report in reports), reports


def test_option_meters_are_as_wide_as_their_share(quiz_id, page):  # noqa: F811
    sign_in_teacher(page, EMAIL, PASSWORD)
    page.goto(f"/teacher/results/{quiz_id}/items")
    rows = page.locator(".options-table tr")
    assert rows.count() > 2
    for index in range(rows.count()):
        row = rows.nth(index)
        share = float(re.sub(r"[^\d.]", "", row.locator("td.num").nth(1).inner_text().replace(",", ".")) or 0)
        track, bar = row.locator("svg.track").bounding_box(), row.locator("svg.track rect").bounding_box()
        assert track["width"] > 50
        assert abs(bar["width"] - track["width"] * max(share, 0.5) / 100) < 2.5, (share, bar, track)
