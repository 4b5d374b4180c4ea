"""In Chromium: an administrator hands a colleague a password-reset link, the colleague sets a new
password with it, then the administrator disables the account and the colleague's open page
signs them out. Screenshots of the teachers list and the reset page go to tmp_path."""
import re

import pytest

from quizapp.extensions import db
from quizapp.models import Teacher

from ..conftest import TEACHER_PASSWORD

pytestmark = pytest.mark.e2e

ADMIN, COLLEAGUE = "chefin@schule.ch", "kollege@schule.ch"
NEW_PASSWORD = "violet tram over the lake"


@pytest.fixture
def school(live_app):
    with live_app.app_context():
        for email, name, admin in ((ADMIN, "Frau Chefin", True), (COLLEAGUE, "Herr Kollege", False)):
            teacher = Teacher(email=email, name=name, is_admin=admin)
            teacher.set_password(TEACHER_PASSWORD)
            db.session.add(teacher)
        db.session.commit()
        db.session.remove()
    return live_app


def sign_in(page, email, password):
    page.goto("/auth/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()


def test_an_administrator_resets_a_password_and_disables_the_account(school, page, browser, live_server, tmp_path):
    sign_in(page, ADMIN, TEACHER_PASSWORD)
    page.wait_for_url(re.compile(r"/teacher/$"))
    page.get_by_role("link", name="Lehrpersonen").click()
    row = page.locator("tr", has_text=COLLEAGUE)
    assert row.locator("td").nth(3).inner_text().strip() == "aktiv"
    page.screenshot(path=str(tmp_path / "teachers.png"), full_page=True)

    row.get_by_role("button", name="Link zum Zurücksetzen des Passworts").click()
    link = page.locator("#reset-link").input_value()
    assert re.match(rf"{live_server}/auth/reset\?token=[\w.-]+$", link)
    assert "einmal, während 24 Stunden" in page.locator("main").inner_text()
    page.screenshot(path=str(tmp_path / "reset-link.png"), full_page=True)

    colleague = browser.new_context(base_url=live_server, locale="de-CH").new_page()
    colleague.goto(link)
    colleague.locator("input[name=new_password]").fill("Passwort2025!")
    colleague.locator("input[name=confirm]").fill("Passwort2025!")
    colleague.get_by_role("button", name="Neues Passwort setzen").click()
    assert "Dieses Passwort probieren Angreifer als Erstes aus" in colleague.locator("main").inner_text()
    colleague.screenshot(path=str(tmp_path / "reset-refused.png"), full_page=True)
    colleague.locator("input[name=new_password]").fill(NEW_PASSWORD)
    colleague.locator("input[name=confirm]").fill(NEW_PASSWORD)
    colleague.get_by_role("button", name="Neues Passwort setzen").click()
    colleague.wait_for_url(re.compile(r"/auth/login$"))
    assert "Dein neues Passwort ist gesetzt" in colleague.locator("body").inner_text()
    sign_in(colleague, COLLEAGUE, NEW_PASSWORD)
    colleague.wait_for_url(re.compile(r"/teacher/$"))
    assert "Lehrpersonen" not in colleague.locator("nav").inner_text()  # not an administrator

    page.goto("/teacher/teachers")
    page.locator("tr", has_text=COLLEAGUE).get_by_role("button", name="Sperren").click()
    assert "gesperrt" in page.locator("tr", has_text=COLLEAGUE).inner_text()
    page.screenshot(path=str(tmp_path / "teachers-disabled.png"), full_page=True)

    colleague.reload()
    assert "/auth/login" in colleague.url  # the open session ended
    sign_in(colleague, COLLEAGUE, NEW_PASSWORD)
    assert "Dieses Konto ist gesperrt" in colleague.locator("main").inner_text()
    colleague.context.close()
