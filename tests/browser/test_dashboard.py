"""A leader opens the dashboard, chooses another period with the keyboard, and follows "Checks
completed on time" to the late cycles behind it (fake providers, registered for the test)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from kwaliteit import hooks
from kwaliteit.figures import PERCENT, FigureType, Row, Rows, Value
from kwaliteit.periods import CUSTOM, Period

from .helpers import tr

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_console_errors")]

KEY = "test.checks_on_time"
LABEL = "Checks completed on time"


def focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit=80):
    for _ in range(limit):
        if focused(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


@pytest.fixture
def providers():
    periods = []

    def on_time(*, school_ids, period, team_id=None):
        periods.append(period)
        for school_id in school_ids:
            yield Value(school_id, KEY, Decimal(75), numerator=3, denominator=4)

    on_time.figure_types = [FigureType(KEY, LABEL, PERCENT, group="Verbetercycli")]

    def late(*, school, period, team_id, user):
        return Rows(
            columns=("Fase",),
            rows=[Row(title="Pesten aanpakken", url=f"/s/{school.slug}/", cells=("Check",))],
        )

    with (
        hooks.school_figures.override(on_time),
        hooks.figure_objects.override(**{KEY: late}),
        hooks.dashboard_sections.override(),
    ):
        yield periods


def test_a_leader_chooses_a_period_and_drills_down(page, school, log_in_as, providers):
    log_in_as(school.people["leader"])
    page.goto("/s/regenboog/")
    menu = page.get_by_role("navigation", name=tr("Main"))
    menu.get_by_role("link", name=tr("Dashboard"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(tr("Dashboard"))
    shown = tr("%(numerator)s of %(denominator)s, %(percent)s") % {
        "numerator": 3,
        "denominator": 4,
        "percent": "75%",
    }
    expect(page.get_by_role("link", name=re.compile(LABEL))).to_contain_text(shown)

    # The period with the keyboard: "another period", two dates, Enter.
    choice = page.get_by_label(tr("Period"), exact=True)
    tab_to(page, choice)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(choice).to_have_value(CUSTOM)
    tab_to(page, page.get_by_label(tr("From"), exact=True))
    page.keyboard.type("01-09-2025")
    tab_to(page, page.get_by_label(tr("To"), exact=True))
    page.keyboard.type("31-12-2025")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"periode=eigen&van=01-09-2025&tot=31-12-2025"))
    assert providers[-1] == Period(date(2025, 9, 1), date(2025, 12, 31), CUSTOM)
    figure = page.get_by_role("link", name=re.compile(LABEL))
    expect(figure).to_contain_text(shown)

    # Follow the figure to the cycles behind it, for the same period.
    tab_to(page, figure)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(LABEL)
    expect(page).to_have_url(re.compile(rf"cijfers/{KEY}/\?periode=eigen&van=01-09-2025"))
    expect(page.get_by_role("link", name="Pesten aanpakken")).to_be_visible()
    expect(page.get_by_role("cell", name="Check")).to_be_visible()
