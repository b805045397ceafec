"""The coordinator of a school like the demo's opens the product on a phone (390 px wide), lands
on the start page, sees what is overdue and follows the most overdue line to its cycle with the
keyboard only."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pdca.models import Phase
from tests.factories import ActionFactory, CycleFactory

from .helpers import tr

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_console_errors")]


def focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit=80):
    """Press Tab until `locator` has the focus, as a keyboard user walks the page."""
    for _ in range(limit):
        if focused(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def test_the_coordinator_follows_an_overdue_line_to_its_cycle_on_a_phone(page, school, log_in_as):
    today = timezone.localdate()
    coordinator, teacher = school.people["coordinator"], school.people["teacher"]
    # Like the demo: a teacher's reading cycle whose Check is 9 days overdue, a cycle that is
    # only 2 days late, and an action due in a few days.
    late = CycleFactory(
        school=school, owner=teacher, team=school.team, title="Begrijpend lezen groep 6",
        phases=today - timedelta(days=9 + 8 * 7),  # the Check comes 8 weeks after the Plan
    )  # fmt: skip
    Phase.objects.filter(cycle=late, position__lt=2).update(
        completed_at=timezone.now(), completed_by=teacher
    )
    CycleFactory(
        school=school, owner=coordinator, title="Ouderbetrokkenheid",
        phases=today - timedelta(days=2),
    )  # fmt: skip
    ActionFactory(
        cycle=late, owner=teacher, description="Leesmaatjes koppelen",
        due_on=today + timedelta(days=3),
    )  # fmt: skip

    page.set_viewport_size({"width": 390, "height": 844})
    log_in_as(coordinator)
    page.goto("/")

    expect(page).to_have_url(re.compile(r"/s/regenboog/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("OBS De Regenboog")
    overdue = page.get_by_role("region", name=re.compile(rf"^{tr('Overdue')}"))
    expect(overdue).to_be_visible()
    lines = overdue.get_by_role("listitem")
    expect(lines).to_have_count(2)
    expect(lines.first).to_contain_text("Begrijpend lezen groep 6")
    expect(lines.first).to_contain_text(teacher.full_name)
    # Nothing is wider than the phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px phone"

    link = lines.first.get_by_role("link", name="Begrijpend lezen groep 6")
    tab_to(page, link)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/s/regenboog/verbetertrajecten/{late.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Begrijpend lezen groep 6")
