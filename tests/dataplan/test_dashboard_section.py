"""The dataplan's block on the leader's dashboard: status chart, indicators asking for action,
missed collection moments."""

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from dataplan.dashboard import dashboard_section
from kwaliteit import clock, hooks
from kwaliteit.models import Role
from kwaliteit.permissions import BOARD, Access

from .figure_data import NOW, YEAR, indicator, measure, small_plan

pytestmark = pytest.mark.django_db


def section(school, role=Role.COORDINATOR, language="nl", period=YEAR):
    request = RequestFactory().get("/")
    request.school, request.access = school, Access(school, role)
    with clock.at(NOW), translation.override(language):
        return str(dashboard_section(request, period=period, team_id=None))


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def plan(world):
    world.indicator.delete()  # the shared indicator's values follow the real calendar
    return small_plan(world.school, world.users["coordinator"])


def test_registered_as_a_dashboard_section():
    assert dashboard_section in hooks.dashboard_sections.providers()


def test_the_status_of_the_indicators_as_a_chart_with_its_table(world, plan):
    html = section(world.school, language="en")
    assert "<svg" in html and "<title" in html and "<desc" in html
    assert "Indicators by status" in html
    table = text(html.split("<table>", 1)[1].split("</table>", 1)[0])
    assert table == "Indicators by status What Value On track 1 Asks for action 1 No recent data 1"
    assert "On track: 1 of 2 indicators with data (50%)." in text(html)
    assert "1 decision on indicators in this period." in text(html)


def test_each_bar_drills_down_to_its_indicators_once_the_figure_page_exists(world, plan):
    html = section(world.school)
    try:
        base = reverse("kwaliteit:figure", args=[world.school.slug, "dataplan.action"])
    except NoReverseMatch:
        assert "/dashboard/cijfers/" not in html  # no link rather than a broken page
    else:
        assert f'href="{base}?periode=dit-jaar"' in html


def test_the_indicators_asking_for_action_with_dutch_numbers_and_links(world, plan):
    html = section(world.school)
    url = reverse("dataplan:indicator", args=[world.school.slug, plan["absence"].pk])
    assert f'<a href="{url}">Verzuim</a> — 6,5' in html
    assert "≤ 4" in html


def test_the_missed_collection_moments_newest_first(world, plan):
    html = section(world.school, language="en")
    missed = text(html.split("Missed collection moments", 1)[1])
    assert missed.startswith("Welbevinden — November 2025 Welbevinden — September 2025")


def test_a_name_with_markup_is_shown_as_text(world, plan):
    bad = indicator(world.school, world.users["coordinator"], "<script>alert(1)</script>", norm=90)
    measure(bad, plan["reading"].measurements.first().group, NOW.date(), "10")
    html = section(world.school)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_without_indicators_it_says_where_to_start(world):
    world.indicator.delete()
    html = section(world.school, language="en")
    assert "No active indicators yet." in html
    assert "<svg" not in html


def test_every_role_that_sees_the_dashboard_sees_the_same_block(world, plan):
    def shown(role):
        return re.sub(r"chart-\d+", "chart", section(world.school, role))

    leader = shown(Role.LEADER)
    assert "Verzuim" in leader
    assert shown(BOARD) == leader
    assert shown(Role.VIEWER) == leader


def test_the_query_count_does_not_grow_with_the_indicators(world, plan):
    def count():
        with CaptureQueriesContext(connection) as queries:
            section(world.school)
        return len(queries)

    few = count()
    for prefix in ("A ", "B ", "C "):
        small_plan(world.school, world.users["leader"], prefix=prefix)
    assert count() == few <= 5


def test_a_figure_link_keeps_the_period_and_the_team(world, monkeypatch):
    from dataplan import dashboard

    def fake_reverse(name, args):
        assert name == "kwaliteit:figure"
        return f"/s/{args[0]}/dashboard/cijfers/{args[1]}/"

    monkeypatch.setattr(dashboard, "reverse", fake_reverse)
    url = dashboard.figure_url(world.school, "dataplan.action", YEAR, team_id=world.team.id)
    assert url == (
        f"/s/regenboog/dashboard/cijfers/dataplan.action/?periode=dit-jaar&team={world.team.id}"
    )


def test_a_figure_link_is_left_out_while_the_figure_page_does_not_exist(world, monkeypatch):
    from dataplan import dashboard

    def missing(name, args):
        raise NoReverseMatch(name)

    monkeypatch.setattr(dashboard, "reverse", missing)
    assert dashboard.figure_url(world.school, "dataplan.action", YEAR) == ""


def test_the_indicators_where_most_groups_miss_the_norm_come_first(world, plan):
    group = plan["reading"].measurements.first().group
    other = type(group).objects.create(school=world.school, level="year", name="Groep 6")
    # Lezen: one of its two groups misses the norm; Verzuim: its only group does
    measure(plan["reading"], other, NOW.date(), "60")
    html = section(world.school)
    listed = text(html.split('id="dashboard-dataplan-action"', 1)[1].split("</ul>", 1)[0])
    # the mean of 82,5 and 60
    assert (
        "Verzuim — 6,5 (Norm ≤ 4) Lezen — 71,2 % (Norm ≥ 75 %; 1 van de 2 groepen haalt" in listed
    )
