"""On a phone (375 px) "My results" shows every attempt with its review link, without a sideways scroll."""
import re
from pathlib import Path

import pytest

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"

pytestmark = pytest.mark.e2e


def test_my_results_fit_a_phone_with_the_review_link_in_view(mini_live, page):
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto("/quiz/MINI01")
    page.locator("input[name=display_name]").fill("Mia")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/attempts/\d+$"))
    page.locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Antworten abgeben").click()
    page.locator("dialog#confirm-submit").get_by_role("button", name="Trotzdem abgeben").click()
    page.wait_for_url(re.compile(r"/attempts/\d+/result$"))

    page.goto("/me/attempts")
    region = page.get_by_role("region", name="Tabelle: Meine Ergebnisse")
    widths = region.evaluate("box => [box.scrollWidth, box.clientWidth]")
    assert widths[0] <= widths[1], f"the table is {widths[0]} px wide in a {widths[1]} px box"
    link = page.get_by_role("link", name="Antworten ansehen")
    box = link.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
    labels = page.locator("table.history tbody tr").nth(1).locator("td").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content)")
    assert labels[:4] == ['"Versuch"', '"Datum"', '"Punkte"', '"Prozent"']
    assert "bestes Ergebnis" in page.locator("tr.history-quiz").inner_text()
    # Cards have no divider line down their right edge (the desktop's sticky first column has one).
    shadows = page.locator("table.history tr > :first-child").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell).boxShadow)")
    assert shadows and set(shadows) == {"none"}, shadows
    page.screenshot(path=str(SHOTS / "de-375-my-results-cards.png"))
