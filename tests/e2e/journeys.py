"""Walking the tour (tests/helpers/tour.py) in a browser: a context in one language, and signing
in as the tour's student or teacher."""
from ..conftest import TEACHER_PASSWORD
from ..helpers.tour import STUDENT_NAME, STUDENT_PIN, TEACHER_EMAIL
from .conftest import guarded_context


def language_context(browser, base_url: str, language: str, foreign: list):
    """A browser context in ``language`` that refuses every request to another host, and its page."""
    context, page = guarded_context(browser, base_url, foreign)
    context.add_cookies([{"name": "lang", "value": language, "url": base_url}])
    return context, page


def sign_in_student(page, class_code: str):
    """Join the class under the tour student's name and PIN, as on a second device."""
    page.goto("/join")
    page.locator("input[name=code]").fill(class_code)
    page.locator("input[name=display_name]").fill(STUDENT_NAME)
    page.locator("input[name=pin]").fill(STUDENT_PIN)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/join" not in page.url, page.locator("main").inner_text()


def sign_in_teacher(page, email: str = TEACHER_EMAIL, password: str = TEACHER_PASSWORD):
    """Sign in on the sign-in page (the tour's teacher unless told otherwise); lands on the dashboard."""
    page.goto("/auth/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/teacher/")
