"""The page frame in a real browser: a form error met with the keyboard, the school switcher, the
header on a phone, and pages that never scroll sideways on narrow screens or at 200 % zoom."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kwaliteit.models import Role
from tests.factories import MembershipFactory, SchoolFactory

from .helpers import tr

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_console_errors")]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def world(transactional_db, world):
    """The shared personas, in a database the live server sees; the coordinator has two schools."""
    MembershipFactory(
        user=world.users["coordinator"],
        school=SchoolFactory(name="KBS De Klimop", slug="klimop"),
        role=Role.COORDINATOR,
    )
    return world


def school_url(world, name, **kwargs):
    return reverse(name, kwargs={"school_slug": world.school.slug, **kwargs})


def focused(page):
    return page.evaluate(
        "() => { const e = document.activeElement; return e.name || e.id || e.tagName; }"
    )


def tab_to(page, name, limit=40):
    """Press Tab until the control called `name` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == name:
            return
    raise AssertionError(f"{name} never got focus with Tab")


def test_a_form_error_met_with_the_keyboard_only(page, world, log_in_as):
    log_in_as(world.users["coordinator"])
    page.goto(school_url(world, "kwaliteit:member-invite"))

    tab_to(page, "email")
    page.keyboard.type("geen-adres")
    page.keyboard.press("Tab")
    page.keyboard.type("Anna de Wit")
    page.keyboard.press("Enter")

    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(tr("E-mail address"))
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.locator("[name=full_name]")).to_have_value("Anna de Wit")
    expect(page.locator("[name=email]")).to_have_value("geen-adres")
    # From the summary, the link to the field puts the keyboard user in it.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("[name=email]")).to_be_focused()


def test_the_school_switcher_closes_on_escape_and_when_focus_leaves(page, world, log_in_as):
    log_in_as(world.users["coordinator"])
    page.goto(school_url(world, "kwaliteit:home"))
    switcher = page.locator("details.switcher")
    summary = switcher.locator("summary")

    summary.focus()
    page.keyboard.press("Enter")
    expect(switcher).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(switcher).not_to_have_attribute("open", "")
    expect(summary).to_be_focused()

    page.keyboard.press("Enter")
    for _ in switcher.locator("a").all():
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the last school: the list must not cover what has focus
    expect(switcher).not_to_have_attribute("open", "")

    summary.click()
    expect(switcher).to_have_attribute("open", "")
    page.locator("main h1").click()
    expect(switcher).not_to_have_attribute("open", "")


def test_on_a_phone_the_header_folds_into_a_menu_button(page, world, log_in_as):
    page.set_viewport_size(PHONE)
    log_in_as(world.users["teacher"])
    page.goto(school_url(world, "kwaliteitskaarten:mine"))

    button = page.get_by_role("button", name=tr("Menu"))
    nav = page.locator("nav.main-nav")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    # The first thing to do (recording the overdue check) shows without scrolling.
    first_task = page.locator("#my-agreements ~ .cards summary").first
    expect(first_task).to_be_in_viewport()
    box = first_task.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]

    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    nav.get_by_role("link", name=tr("My quality"), exact=True).focus()
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(button).to_be_focused()


def test_without_javascript_the_phone_menu_is_all_there(browser, live_server, world):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False, locale="nl-NL"
    )
    try:
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(world.users["teacher"])
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
        page = context.new_page()
        page.goto(school_url(world, "kwaliteitskaarten:mine"))
        expect(page.locator("nav.main-nav")).to_be_visible()
        expect(page.locator(".menu-toggle")).to_be_hidden()
    finally:
        context.close()


VISIBLE_CHOICE_SIZES = """(type) => [...document.querySelectorAll(`input[type=${type}]`)]
    .filter((e) => e.offsetParent !== null)
    .map((e) => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])"""


def test_radio_buttons_and_checkboxes_are_at_least_24_pixels(page, world, log_in_as):
    page.set_viewport_size(PHONE)
    log_in_as(world.users["coordinator"])
    page.goto(school_url(world, "kwaliteit:member-invite"))
    checkboxes = page.evaluate(VISIBLE_CHOICE_SIZES, "checkbox")
    log_in_as(world.users["teacher"])
    page.goto(school_url(world, "kwaliteitskaarten:mine"))
    page.locator("#my-agreements ~ .cards summary").first.click()
    radios = page.evaluate(VISIBLE_CHOICE_SIZES, "radio")

    assert checkboxes and radios
    assert all(w >= 24 and h >= 24 for w, h in checkboxes + radios), (checkboxes, radios)


def main_pages(world):
    slug = {"school_slug": world.school.slug}
    names = [
        "kwaliteit:home",
        "kwaliteit:vision",
        "kwaliteit:members",
        "kwaliteit:member-invite",
        "kwaliteitskaarten:mine",
        "kwaliteitskaarten:list",
        "kwaliteitskaarten:register",
        "dataplan:plan",
        "dataplan:settings",
        "dataplan:import-upload",
        "pdca:list",
        "pdca:new",
    ]
    pages = [reverse(name, kwargs=slug) for name in names]
    pages.append(reverse("kwaliteitskaarten:card", kwargs={**slug, "pk": world.card.pk}))
    pages.append(reverse("dataplan:indicator", kwargs={**slug, "pk": world.indicator.pk}))
    return pages


def sideways(page, urls, width):
    """The pages (with what they scroll sideways) that are wider than the window."""
    page.set_viewport_size({"width": width, "height": 800})
    wide = []
    for url in urls:
        page.goto(url)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide.append(f"{url}: {scroll_width}px")
    return wide


def test_no_page_scrolls_sideways_at_320_pixels(page, world, log_in_as):
    world.card.title = "Kwaliteitszorgverantwoordelijkheidsovereenkomstenregistratiesysteem"
    world.card.save()
    log_in_as(world.users["coordinator"])

    assert sideways(page, main_pages(world), 320) == []


def test_tables_do_not_widen_the_page_at_200_percent_zoom(page, world, log_in_as):
    log_in_as(world.users["coordinator"])
    tables = [
        school_url(world, "dataplan:plan"),
        school_url(world, "dataplan:settings"),
        school_url(world, "kwaliteitskaarten:list"),
        school_url(world, "kwaliteitskaarten:register"),
        school_url(world, "dataplan:indicator", pk=world.indicator.pk),
    ]

    assert sideways(page, tables, 720) == []
    # A table wider than the window scrolls in its own region, named and reachable by keyboard.
    for region in page.locator("main .table-scroll[tabindex='0']").all():
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("aria-label")


def test_a_form_without_a_summary_puts_focus_on_the_first_wrong_field(page, world):
    page.goto(reverse("password_reset"))
    email = page.locator("[name=email]")
    email.fill("geen-adres")
    email.press("Enter")

    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(email).to_be_focused()
    expect(email).to_have_value("geen-adres")
