"""Playwright fixtures: Debian's chromium against pytest-django's live server.

The browser is skipped when /usr/bin/chromium is missing, unless REQUIRE_BROWSER=1 (CI), which
turns the skip into a failure. Install it with `apt-get install -y chromium`; never with
`playwright install`.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from kwaliteit.models import CoreValue, Role
from tests.factories import (
    MembershipFactory,
    SchoolFactory,
    TeamFactory,
    UserFactory,
    VisionVersionFactory,
)

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))  # Debian's chromium
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, but static files are served as in production.

    pytest-django wraps the server in staticfiles' StaticFilesHandler, which looks files up
    through the finders and so answers 404 for the hashed names that the manifest storage
    (DEBUG=0) puts in the pages. Passing requests straight through lets WhiteNoise serve the
    collected files from STATIC_ROOT (`make test` runs collectstatic first).
    """
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = lambda application: application
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; Django's ORM would refuse to
    # run next to it. Only while the browser is alive, and only for these tests.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    """A fresh Dutch-speaking browser (no cookies) whose page must load all its static files."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    broken = []
    page.on(
        "response",
        lambda response: (
            broken.append(f"{response.status} {response.url}")
            if "/static/" in response.url and response.status >= 400
            else None
        ),
    )
    page.on("pageerror", lambda error: broken.append(f"JavaScript error: {error}"))
    yield page
    context.close()
    assert not broken, f"the pages had broken assets or scripts: {broken}"


@pytest.fixture
def log_in_as(page, live_server):
    """Skip the login form: put a session for `user` in the browser."""

    def log_in(user):
        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        cookie = client.cookies[name]
        page.context.add_cookies([{"name": name, "value": cookie.value, "url": live_server.url}])

    return log_in


@pytest.fixture
def no_console_errors(page):
    """Besides broken assets and uncaught errors: nothing logged as an error (opt in per module)."""
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(f"{message.text} ({message.location.get('url')})")
            if message.type == "error"
            else None
        ),
    )
    yield
    assert not errors, f"the browser console logged errors: {errors}"


@pytest.fixture
def school(transactional_db):
    """A school with an adopted vision, one team, and a coordinator, leader and teacher in it."""
    school = SchoolFactory(name="OBS De Regenboog", slug="regenboog")
    team = TeamFactory(school=school, name="Bovenbouw")
    people = {}
    for role, email, name in [
        (Role.COORDINATOR, "carla@regenboog.example", "Carla Jansen"),
        (Role.LEADER, "lars@regenboog.example", "Lars de Vries"),
        (Role.TEACHER, "tessa@regenboog.example", "Tessa Bakker"),
    ]:
        people[str(role)] = UserFactory(email=email, full_name=name)
        MembershipFactory(user=people[str(role)], school=school, role=role, teams=[team])
    vision = VisionVersionFactory(
        school=school,
        adopted=True,
        adopted_by=people["leader"],
        created_by=people["coordinator"],
        values=["Nieuwsgierigheid", "Vertrouwen"],
    )
    school.people, school.team, school.vision = people, team, vision
    school.values = {v.name: v for v in CoreValue.objects.filter(vision=vision)}
    return school
