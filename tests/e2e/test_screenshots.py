"""In Chromium: every page type of the tour, at 1280×900 and 375×667, in German and English.

A full-page screenshot of each lands in screenshots/ (git-ignored), named
<language>-<width>-<endpoint>.png, for a reviewer to look at after `make test`. At 375 px no
page may scroll sideways, and none at 1280 px. What the browser shows as the page's text, without the content
(article, questions, names), holds no word of the other language's UI
(tests/test_language_words.py has the word lists).
"""
import time  # the sweep's duration is printed (pytest -s), not asserted: CI machines differ

import pytest

from ..conftest import PROJECT
from ..test_language_words import _content, other_language_words, ui_text
from ..helpers.tour import BEFORE_SIGN_IN, student_pages, teacher_pages
from .journeys import language_context, sign_in_student, sign_in_teacher

pytestmark = pytest.mark.e2e

SCREENSHOTS = PROJECT / "screenshots"
VIEWPORTS = {1280: 900, 375: 667}
LANGUAGES = ("de", "en")


def test_every_page_type_is_photographed_at_both_widths_in_both_languages(browser, live_server, live_app, world):
    SCREENSHOTS.mkdir(exist_ok=True)
    started = time.monotonic()
    content = _content(live_app)
    foreign, failed, sideways, taken, slowest, wide, mixed = [], [], [], [], [], [], []
    for language in LANGUAGES:
        for role, pages, sign_in in (("student", student_pages(world), lambda p: sign_in_student(p, world.class_code)),
                                     ("teacher", teacher_pages(world), sign_in_teacher)):
            context, page = language_context(browser, live_server, language, foreign)
            # As a visitor first (join, sign-in and the quiz's name step look different once
            # signed in), then signed in: every page of the role.
            visits = [(endpoint, False) for endpoint in (*BEFORE_SIGN_IN, "student.quiz")] if role == "student" else []
            visits += [(endpoint, True) for endpoint in sorted(pages) if endpoint not in BEFORE_SIGN_IN]
            signed_in = False
            for endpoint, as_member in visits:
                if as_member and not signed_in:
                    sign_in(page)
                    signed_in = True
                name = endpoint if as_member or endpoint != "student.quiz" else "student.quiz-name-step"
                # One load per page, at phone width first (where a script may choose a layout on
                # load), then the same page widened: loading it twice doubled the sweep's time.
                page.set_viewport_size({"width": 375, "height": VIEWPORTS[375]})
                loading = time.monotonic()
                response = page.goto(pages[endpoint])
                slowest.append((time.monotonic() - loading, f"load {name}"))
                if response is None or response.status != 200:
                    failed.append(f"{endpoint} ({pages[endpoint]}): {response and response.status}")
                    continue
                scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")

                if scroll > inner:
                    sideways.append(f"{language} {name}: {scroll} px wide")
                shown = ui_text(page.inner_text("body"), content)
                mixed += [f"{language} {name}: {word}" for word in other_language_words(shown, language)]
                if not other_language_words(shown, "en" if language == "de" else "de"):  # its own words
                    mixed.append(f"{language} {name}: no word of its own language read: {shown[:200]}")
                for width in (375, 1280):
                    page.set_viewport_size({"width": width, "height": VIEWPORTS[width]})
                    if width == 1280:
                        scroll = page.evaluate("document.documentElement.scrollWidth")
                        if scroll > width:
                            wide.append(f"{language} {name}: {scroll} px")
                    path = SCREENSHOTS / f"{language}-{width}-{name}.png"
                    shooting = time.monotonic()
                    page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide")
                    slowest.append((time.monotonic() - shooting, f"shot {path.name}"))
                    taken.append(path)
            context.close()
    elapsed = time.monotonic() - started
    print(f"{len(taken)} screenshots in {elapsed:.0f} s; slowest steps:",
          ", ".join(f"{what} {seconds:.1f} s" for seconds, what in sorted(slowest, reverse=True)[:8]),
          f"; all loads {sum(s for s, w in slowest if w.startswith('load')):.0f} s")
    assert not foreign, f"pages tried to load from other hosts: {foreign}"
    assert failed == []
    expected = 2 * len(LANGUAGES) * (len(student_pages(world)) + 1 + len(teacher_pages(world)))
    assert len(taken) == expected and all(path.stat().st_size > 1000 for path in taken)
    assert sideways == [], "pages that scroll sideways at 375 px:\n" + "\n".join(sideways)
    assert wide == [], "pages wider than 1280 px:\n" + "\n".join(wide)
    assert mixed == [], "words of the other language's UI:\n" + "\n".join(mixed)
