"""A board member compares two of the board's schools, sorts them by a figure and opens one."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kwaliteit import clock, hooks
from kwaliteit.figures import HIGHER, PERCENT, FigureType, Value
from kwaliteit.models import Role, School
from tests.factories import BoardFactory, MembershipFactory, SchoolFactory, UserFactory

from .helpers import tr

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
  .filter((v) => ["serious", "critical"].includes(v.impact))
  .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""

# {slug: (checks on time, out of)}
CHECKS = {"regenboog": (8, 10), "zuidster": (1, 4), "noord": (9, 9)}


def fake_figures(*, school_ids, period, team_id=None):
    slugs = dict(School.objects.filter(id__in=school_ids).values_list("id", "slug"))
    if clock.today() not in period:
        return
    for school_id, slug in slugs.items():
        numerator, denominator = CHECKS[slug]
        value = round(100 * numerator / denominator)
        yield Value(school_id, "test.checks", value, numerator, denominator)


fake_figures.figure_types = [
    FigureType("test.checks", "Checks on time", PERCENT, better=HIGHER, group="Cycles")
]


@pytest.fixture
def board(transactional_db):
    board = BoardFactory(name="Stichting Lerend Land", slug="lerend-land")
    for slug, name in [
        ("regenboog", "OBS De Regenboog"),
        ("zuidster", "CBS De Zuidster"),
        ("noord", "Noord"),
    ]:
        school = SchoolFactory(board=board, slug=slug, name=name)
        MembershipFactory(school=school, role=Role.COORDINATOR)
    board.member = UserFactory(email="johan@lerend-land.example", full_name="Johan Vermeulen")
    board.members.add(board.member)
    with hooks.school_figures.override(fake_figures):
        yield board


def school_rows(page):
    return page.locator("table.rollup").first.locator("tbody th[scope=row]").all_inner_texts()


def test_a_board_member_compares_two_schools_sorts_them_and_opens_one(page, log_in_as, board):
    log_in_as(board.member)
    page.context.add_init_script(path=AXE)  # the accessibility checker, as in test_accessibility
    page.goto("/bestuur/lerend-land/")
    assert page.evaluate(RUN_AXE) == []
    expect(page.get_by_role("heading", level=1)).to_have_text("Stichting Lerend Land")
    assert school_rows(page) == ["CBS De Zuidster", "Noord", "OBS De Regenboog"]

    # Compare two schools: tick them and show.
    page.get_by_label("OBS De Regenboog").check()
    page.get_by_label("CBS De Zuidster").check()
    page.get_by_role("button", name=tr("Show")).click()
    expect(page).to_have_url(re.compile(r"school=regenboog"))
    assert school_rows(page) == ["CBS De Zuidster", "OBS De Regenboog"]
    total = page.locator("table.rollup tfoot tr.total td").first
    expect(total).to_contain_text("64%")  # (8 + 1) / (10 + 4)

    # Sort by the figure with the keyboard: the header's link, then the other way round.
    header = page.get_by_role("link", name=re.compile("^Checks on time"))
    header.focus()
    page.keyboard.press("Enter")
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Checks on time")
    assert school_rows(page) == ["CBS De Zuidster", "OBS De Regenboog"]
    page.get_by_role("link", name=re.compile("^Checks on time")).click()
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Checks on time")
    assert school_rows(page) == ["OBS De Regenboog", "CBS De Zuidster"]
    # the two schools stay chosen while sorting
    expect(page).to_have_url(re.compile(r"school=zuidster"))

    # On a phone every school is a card; nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(RUN_AXE) == []
    page.set_viewport_size({"width": 1280, "height": 800})

    # Open one school: its dashboard, read-only, for the same period.
    page.get_by_role("link", name="OBS De Regenboog").click()
    expect(page).to_have_url(re.compile(r"/s/regenboog/dashboard/\?periode="))
    expect(page.get_by_role("heading", level=1)).to_contain_text("OBS De Regenboog")
