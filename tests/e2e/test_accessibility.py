"""axe-core (tests/e2e/axe.py) on every page type of the student and teacher journeys of the
tour (tests/helpers/tour.py), and on the states a page shows after an action: forms with
errors, the quiz page's views and its submit dialog.

German everywhere, English on a sample; every page at desktop and phone width. Any serious
or critical violation fails, every page's listed in one message; moderate and minor ones are
printed (pytest -s) for a reviewer.
"""
import time

import pytest

from ..helpers.tour import BEFORE_SIGN_IN, student_pages, teacher_pages
from .axe import FAILING_IMPACTS, audit, describe
from .journeys import language_context, sign_in_student, sign_in_teacher

pytestmark = pytest.mark.e2e

WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 375, "height": 667}
# English is the same templates with other words: a sample of the pages with the most text.
ENGLISH = {"student.home", "student.join", "student.attempt", "student.result", "student.article",
           "teacher.dashboard", "authoring.edit_question", "results.quiz", "results.items"}


def _submit_empty(form: str):
    """A step: send the form (the page's forms are novalidate) with its text fields emptied."""
    def step(page):
        page.locator(f"{form} input[type=text], {form} input[type=email], {form} textarea").evaluate_all(
            "fields => fields.forEach(field => { field.value = ''; })")
        with page.expect_navigation():  # audit the page sent back, not the one before it
            page.locator(f"{form} button[type=submit]").last.click()
    return step


def _import_broken(page):
    """A step: import a question file that is not valid YAML."""
    page.locator("input[type=file]").set_input_files(
        {"name": "broken.yaml", "mimeType": "text/yaml", "buffer": b"article:\n  title: [unclosed\n"})
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def _new_reset_link(page):
    """A step: make a colleague's new password-reset link (audit the page that shows it)."""
    with page.expect_navigation():
        page.locator("form[action$='/reset-link'] button").first.click()


def _student_visits(pages: dict[str, str]):
    """(label, URL, status, step) in the order a student meets them; None marks signing in."""
    visits = [(f"{endpoint} (visitor)", pages[endpoint], 200, None) for endpoint in (*BEFORE_SIGN_IN, "student.quiz")]
    visits += [("student.join with errors", "/join", 400, _submit_empty("main form")),
               ("auth.login with errors", "/auth/login", 400, _submit_empty("main form")),
               ("auth.reset_password", pages["auth.reset_password"], 200, None),
               ("auth.reset_password (invalid link)", "/auth/reset?token=invalid", 410, None),
               ("error page", "/no-such-page", 404, None),
               None]
    visits += [(endpoint, pages[endpoint], 200, None) for endpoint in sorted(pages)
               if endpoint not in (*BEFORE_SIGN_IN, "auth.reset_password")]
    visits += [(f"{endpoint} (student)", pages[endpoint], 200, None) for endpoint in ("student.home", "student.join")]
    return visits


def _teacher_visits(pages: dict[str, str]):
    """As _student_visits; the colleague's new reset link comes after the student's visit to the
    tour's link (student tours run first)."""
    visits = [None] + [(endpoint, url, 200, None) for endpoint, url in sorted(pages.items())]
    return visits + [("authoring.edit_question with errors", pages["authoring.edit_question"], 400,
                      _submit_empty("form.question-form")),
                     ("teacher.teachers with errors", pages["teacher.teachers"], 400, _submit_empty("form.narrow")),
                     ("authoring.import_questions with errors", pages["authoring.import_questions"], 422, _import_broken),
                     ("teacher.teacher_reset_link (a colleague's new link)", pages["teacher.teachers"], 200,
                      _new_reset_link)]


def _quiz_states(page, script: str) -> dict[str, list]:
    """The attempt page's other states: at 375 px both views, then the dialog before a submit
    with unanswered questions (closed again, so the attempt stays open)."""
    found = {}
    page.set_viewport_size(PHONE)
    found["at 375, Fragen view"] = audit(page, script)
    page.locator("nav.view-switch button[data-view=article]").click()
    found["at 375, Artikel view"] = audit(page, script)
    page.set_viewport_size(WIDE)
    page.locator("#quiz-form button.primary").click()
    dialog = page.locator("dialog#confirm-submit")
    dialog.wait_for(state="visible")
    found["with the submit dialog open"] = audit(page, script)
    dialog.locator("button[data-close=cancel]").click()
    return found


def _tour(browser, base_url, world, script, language, foreign, failed, sample=None):
    """Audit the pages of both roles in ``language`` (only ``sample`` endpoints if given);
    page label -> violations."""
    found = {}
    for visits, sign_in in ((_student_visits(student_pages(world)), lambda page: sign_in_student(page, world.class_code)),
                            (_teacher_visits(teacher_pages(world)), sign_in_teacher)):
        context, page = language_context(browser, base_url, language, foreign)
        for visit in visits:
            if visit is None:
                sign_in(page)
                continue
            label, url, status, step = visit
            if sample and label.split(" ")[0] not in sample:
                continue
            page.set_viewport_size(WIDE)
            response = page.goto(url)
            if step:
                with page.expect_response(lambda r: r.request.method == "POST") as posted:
                    step(page)
                response = posted.value
            if response is None or response.status != status:
                failed.append(f"{language} {label} ({url}): {response and response.status}")
                continue
            where = f"{language} {label}"
            found[where] = audit(page, script)
            if label == "student.attempt":
                found.update({f"{where} {state}": violations for state, violations in _quiz_states(page, script).items()})
            else:
                page.set_viewport_size(PHONE)
                found[f"{where} at 375"] = audit(page, script)
        context.close()
    return found


def test_no_page_has_a_serious_or_critical_accessibility_violation(browser, live_server, world, axe_source):
    started = time.monotonic()
    foreign, failed = [], []
    found = _tour(browser, live_server, world, axe_source, "de", foreign, failed)
    found |= _tour(browser, live_server, world, axe_source, "en", foreign, failed, ENGLISH)
    serious, other = [], []
    for where, violations in found.items():
        serious += describe(where, [v for v in violations if v["impact"] in FAILING_IMPACTS])
        other += describe(where, [v for v in violations if v["impact"] not in FAILING_IMPACTS])
    print(f"{len(found)} pages and states audited in {time.monotonic() - started:.0f} s")
    print("moderate and minor:\n" + ("\n".join(other) or "none"))
    assert not foreign, f"pages tried to load from other hosts: {foreign}"
    assert failed == [], "pages that answered with another status:\n" + "\n".join(failed)
    assert len(found) > 2 * len(student_pages(world)) + len(teacher_pages(world))
    assert serious == [], f"{len(serious)} serious or critical violations:\n" + "\n".join(serious)
