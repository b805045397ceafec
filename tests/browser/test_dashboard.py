"""A leader opens the dashboard, chooses another period with the keyboard, and follows "Checks
completed on time" to the late cycles behind it: the pdca app's own figures and drill-down, on
cycles dated relative to today (the live server runs in another thread, so no frozen clock)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kwaliteit.periods import CUSTOM, Period
from pdca.figures import ON_TIME_KEYS, Kind
from tests.pdca.figure_data import cycle, due_check, moment

from .helpers import tr

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_console_errors")]

KEY = ON_TIME_KEYS[Kind.CHECK]  # pdca.checks_on_time
LABEL = "Checks completed on time"
LATE, ON_TIME = "Pesten aanpakken", "Begrijpend lezen omhoog"

AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # as in test_accessibility
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
  .filter((v) => ["serious", "critical"].includes(v.impact))
  .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""


def focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit=80):
    for _ in range(limit):
        if focused(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def tile(page, label):
    """The figure's tile (its name carries the figure); the pdca section links the label too."""
    return page.get_by_role("link", name=re.compile(rf"^{re.escape(label)}\s+\S"))


def dmy(day):
    return day.strftime("%d-%m-%Y")


@pytest.fixture
def cycles(school):
    """Two cycles whose Check is judged: one done the day before it was due, one due 20 days ago
    and done 5 days late. Both wait for their Act."""
    today = timezone.localdate()
    owner = school.people["coordinator"]
    dues = {}
    for title, check_due, late_by in [(ON_TIME, today - timedelta(days=30), -1),
                                      (LATE, today - timedelta(days=20), 5)]:  # fmt: skip
        due = due_check(check_due)
        done = (moment(due[0]), moment(due[1]), moment(check_due + timedelta(days=late_by)))
        cycle(school, owner, due=due, done=done, team=school.team, title=title)
        dues[title] = check_due
    return dues


def test_a_leader_chooses_a_period_and_drills_down(page, school, log_in_as, cycles):
    label = tr(LABEL)
    shown = tr("%(numerator)s of %(denominator)s, %(percent)s") % {
        "numerator": 1,
        "denominator": 2,
        "percent": "50%",
    }
    today = timezone.localdate()
    page.context.add_init_script(path=AXE)
    log_in_as(school.people["leader"])
    page.goto("/s/regenboog/")
    menu = page.get_by_role("navigation", name=tr("Main"))
    menu.get_by_role("link", name=tr("Dashboard"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(tr("Dashboard"))
    figure = tile(page, label)
    expect(figure).to_be_visible()
    if all(day in Period.school_year(school, today) for day in cycles.values()):
        expect(figure).to_contain_text(shown)
    assert page.evaluate(RUN_AXE) == []

    # The period with the keyboard: "another period", two dates around both Checks, Enter.
    start, end = today - timedelta(days=40), today
    choice = page.get_by_label(tr("Period"), exact=True)
    tab_to(page, choice)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(choice).to_have_value(CUSTOM)
    tab_to(page, page.get_by_label(tr("From"), exact=True))
    page.keyboard.type(dmy(start))
    tab_to(page, page.get_by_label(tr("To"), exact=True))
    page.keyboard.type(dmy(end))
    page.keyboard.press("Enter")

    query = rf"periode=eigen&van={dmy(start)}&tot={dmy(end)}"
    expect(page).to_have_url(re.compile(query))
    figure = tile(page, label)
    expect(figure).to_contain_text(shown)

    # Follow the figure to the Checks behind it, for the same period: the late one first.
    tab_to(page, figure)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    expect(page).to_have_url(re.compile(rf"cijfers/{re.escape(KEY)}/\?{query}"))
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first.get_by_role("rowheader")).to_have_text(LATE)
    expect(rows.first.get_by_role("cell", name=tr("no"), exact=True)).to_be_visible()
    expect(rows.first.locator("td").last).to_have_text("5")
    expect(rows.nth(1).get_by_role("rowheader")).to_have_text(ON_TIME)
    assert page.evaluate(RUN_AXE) == []
    rows.first.get_by_role("link", name=LATE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(LATE)
