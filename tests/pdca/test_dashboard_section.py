"""The cycles' section of the leader's dashboard: the funnel, the decisions, on time and its
trend, the cycles longest in one phase; escaped, in a fixed number of queries."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from kwaliteit import clock, hooks
from kwaliteit.periods import Period
from kwaliteit.selectors import school_access
from pdca.dashboard import dashboard_section, figure_url

from .figure_data import TODAY, YEAR, build_year, cycle, due_check, moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(world):
    return build_year(world)


def leader_request(world):
    """A request as the dashboard view hands it over: the school and the access resolved."""
    request = RequestFactory().get("/")
    request.user = world.users["leader"]
    request.access = school_access(user=request.user, slug=world.school.slug)
    request.school = request.access.school
    return request


def section(world, period=YEAR, team_id=None, request=None):
    request = request or leader_request(world)
    with clock.at(moment(TODAY, 15)), translation.override("en"):
        return dashboard_section(request, period=period, team_id=team_id)


def table_value(html, label):
    """The value next to a label in a chart's table ("—" for no data)."""
    found = re.search(rf"<th scope=\"row\">(?:<a [^>]*>)?{label}(?:</a>)?</th><td>([^<]*)", html)
    return found.group(1) if found else None


def test_the_section_is_offered_to_the_dashboard():
    assert dashboard_section in hooks.dashboard_sections.providers()


def test_the_funnel_and_the_decisions_show_the_cycles_counted_by_hand(world, built):
    html = section(world)
    assert "<h2" in html and "Improvement cycles" in html
    # Open today: G in Plan, D in Do, C in Check, A in Act; B and F closed this year.
    assert [table_value(html, kind) for kind in ("Plan", "Do", "Check", "Act", "Closed")] == [
        "1", "1", "1", "1", "2",
    ]  # fmt: skip
    assert [table_value(html, label) for label in ("Anchor", "Adjust", "Stop")] == ["1", "0", "1"]
    # Checks: 3 of 4 on time; Acts: none of 4.
    assert "75%" in html and "(3 of 4)" in html
    assert "0%" in html and "(0 of 4)" in html
    # The trend: October's Check on time, January's late, December without any due.
    assert table_value(html, "October 2025") == "100%"
    assert table_value(html, "January 2026") == "0%"
    assert table_value(html, "December 2025") == "—"


def test_the_cycles_longest_in_one_phase_come_first_with_their_days(world, built):
    html = section(world)
    stuck = html[html.index("Longest in one phase") :]
    titles = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', stuck)
    assert titles == ["A", "C", "G", "D"]
    assert f'<td data-label="Days in phase">{(TODAY - date(2025, 9, 30)).days}</td>' in stuck


def test_user_text_is_escaped(world, built):
    cycle(world.school, world.users["teacher"], due=due_check(date(2025, 6, 1)),
          title="<script>alert('x')</script><b>Vet</b>")  # fmt: skip
    html = section(world)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;Vet&lt;/b&gt;" in html
    assert "<script>" not in html and "<b>Vet" not in html


def test_a_period_without_cycles_says_no_data_not_zero_percent(world, built):
    html = section(world, period=Period(date(2020, 8, 1), date(2021, 7, 31)))
    figures_only = re.sub(r"<figure.*?</figure>", "", html, flags=re.S)  # not the charts' tables
    assert figures_only.count("no data") == 2  # Checks and Acts on time
    assert "(0 of 0)" not in html
    assert table_value(html, "October 2020") == "—"
    assert "No open cycles in this period." in html


def test_a_team_shows_only_its_cycles(world, built):
    html = section(world, team_id=built["other"].pk)
    assert [table_value(html, kind) for kind in ("Plan", "Do", "Check", "Act")] == [
        "1", "0", "0", "0",
    ]  # fmt: skip


def test_bars_link_to_the_figures_drilldown_once_the_core_has_that_page(world, built):
    html = section(world)
    try:
        url = reverse("kwaliteit:figure", args=[world.school.slug, "pdca.cycles_check"])
    except NoReverseMatch:
        # The drill-down page is the core's, made in parallel: until it exists, no links.
        assert figure_url(world.school, "pdca.cycles_check", period=YEAR) == ""
        assert "dashboard/cijfers" not in html
    else:
        assert f'<a href="{url}?periode=dit-jaar">Check</a>' in html
        with_team = figure_url(world.school, "pdca.checks_on_time", period=YEAR, team_id=7)
        assert with_team.endswith("?periode=dit-jaar&team=7")


def test_the_section_costs_the_same_queries_for_few_and_many_cycles(world, built):
    request = leader_request(world)
    with CaptureQueriesContext(connection) as few:
        section(world, request=request)
    for round in range(3):
        build_year(world, prefix=f"Ronde {round} ")
    with CaptureQueriesContext(connection) as many:
        html = section(world, request=request)
    assert table_value(html, "Closed") == "8"
    assert len(few.captured_queries) == len(many.captured_queries) == 5
