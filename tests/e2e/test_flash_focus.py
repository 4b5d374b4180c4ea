"""After an action, the page it leads to starts at the message saying what happened: a teacher
creates a class with the keyboard and focus is on "Klasse … erstellt"."""
import re

import pytest

from ..conftest import TEACHER_PASSWORD
from .conftest import add_teacher
from .journeys import sign_in_teacher
from .keyboard import focused, tab_to

pytestmark = pytest.mark.e2e

EMAIL = "klassen@schule.ch"


@pytest.fixture
def teacher(live_app):
    add_teacher(live_app, EMAIL, TEACHER_PASSWORD, "Frau Brun")


def test_the_message_after_an_action_takes_the_focus(teacher, page):
    sign_in_teacher(page, EMAIL, TEACHER_PASSWORD)
    page.goto("/teacher/classes")
    tab_to(page, lambda now: now["name"] == "name")
    page.keyboard.type("3c")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/teacher/classes/\d+$", page.url)
    message = focused(page)
    assert message["tag"] == "p" and message["text"].startswith("Klasse 3c erstellt."), message
