"""Browser fixtures: the app on a live local server, driven by Debian's Chromium via Playwright.

Chromium must be at /usr/bin/chromium (`apt-get install chromium`). Outside CI a missing
browser skips these tests with the reason; with CI=true it fails them, so CI proves them.
"""
import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from quizapp.bank import load_path
from quizapp.extensions import db
from quizapp.models import Teacher

from ..conftest import MINI_FILE, SEED_DIR, TEACHER_PASSWORD
from ..helpers.tour import TEACHER_EMAIL, TEACHER_NAME, build_world
from .axe import axe_script

CHROMIUM = os.environ.get("QUIZAPP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def _require_browser():
    missing = not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = True
    if missing:
        message = f"browser tests need Playwright and Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def live_app(make_app):
    """The app with CSRF on, as in production."""
    return make_app(WTF_CSRF_ENABLED=True)


@pytest.fixture
def live_server(live_app):
    """Serve live_app on 127.0.0.1 on a free port; yields the base URL."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


def guarded_context(browser, base_url: str, foreign: list):
    """A fresh browser context (own cookies) and its page; requests to another host are refused
    and noted in ``foreign``."""
    context = browser.new_context(base_url=base_url, locale="de-CH")

    def guard(route):
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (own cookies) that refuses every request to another host."""
    foreign = []
    context, page = guarded_context(browser, live_server, foreign)
    # Chromium reports each script or style the Content-Security-Policy blocked on the console.
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text
            else None)
    yield page
    context.close()
    assert not foreign, f"pages tried to load from other hosts: {foreign}"
    assert not blocked, f"the Content-Security-Policy blocked: {blocked}"


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's axe.min.js (tests/e2e/axe.py), installed with npm once and cached."""
    return axe_script()


def add_teacher(live_app, email: str, password: str, name: str, is_admin: bool = False) -> int:
    """A teacher account in live_app's database; returns its id."""
    with live_app.app_context():
        teacher = Teacher(email=email, name=name, is_admin=is_admin)
        teacher.set_password(password)
        db.session.add(teacher)
        db.session.commit()
        teacher_id = teacher.id
        db.session.remove()
    return teacher_id


@pytest.fixture
def world(live_app):
    """The tour's world (tests/helpers/tour.py) behind the live server; its teacher is an
    administrator, so the Teachers page is on the tour too."""
    return build_world(live_app, add_teacher(live_app, TEACHER_EMAIL, TEACHER_PASSWORD, TEACHER_NAME, is_admin=True))


def _loaded(live_app, path) -> None:
    with live_app.app_context():
        load_path(path)
        db.session.remove()


@pytest.fixture
def seeded_live(live_app):
    """live_app with the seed bank (article, questions, quiz KURSK25) loaded."""
    _loaded(live_app, SEED_DIR)


@pytest.fixture
def mini_live(live_app):
    """live_app with the small test bank (tests/data/mini.yaml) loaded."""
    _loaded(live_app, MINI_FILE)
