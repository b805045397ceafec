"""In a real browser: a save lands on the changed row with focus on it, and removing a team
goes through a page that says what happens."""

import re

import pytest
from playwright.sync_api import expect

from kwaliteit.models import Role, Team
from tests.factories import MembershipFactory, SchoolFactory, TeamFactory, UserFactory

from .helpers import tr

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_console_errors")]


@pytest.fixture
def coordinator(transactional_db):
    school = SchoolFactory(name="OBS De Regenboog", slug="regenboog")
    for i in range(30):  # a long list: the changed team is far down the page
        TeamFactory(school=school, name=f"Groep {i:02}")
    user = UserFactory(email="carla@regenboog.example", full_name="Carla Jansen")
    MembershipFactory(user=user, school=school, role=Role.COORDINATOR)
    return user


def test_a_saved_team_is_focused_in_the_list(page, log_in_as, coordinator):
    team = Team.objects.get(name="Groep 29")
    log_in_as(coordinator)
    page.goto(f"/s/regenboog/teams/{team.pk}/")
    page.get_by_label(tr("Team name")).fill("Groep 29b")
    page.get_by_role("button", name=tr("Save"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/s/regenboog/teams/#team-{team.pk}$"))
    expect(page.locator(f"#team-{team.pk}")).to_be_focused()
    expect(page.locator(f"#team-{team.pk}")).to_be_in_viewport()
    expect(page.locator(".messages")).to_contain_text(tr("The changes have been saved."))


def test_removing_a_team_asks_first(page, log_in_as, coordinator):
    team = Team.objects.get(name="Groep 03")
    log_in_as(coordinator)
    page.goto(f"/s/regenboog/teams/{team.pk}/")
    page.locator(".danger-zone").get_by_role("link", name=tr("Remove team…")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        tr("Remove team: %(name)s") % {"name": "Groep 03"}
    )
    assert Team.objects.filter(pk=team.pk).exists()
    page.get_by_role("button", name=tr("Remove the team")).click()
    expect(page.locator(".messages")).to_contain_text(tr("The team has been removed."))
    assert not Team.objects.filter(pk=team.pk).exists()
