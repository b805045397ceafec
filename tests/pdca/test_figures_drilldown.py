"""The cycles behind each figure: the drill-down lists what the figure counted, for those who may
see the school's cycles."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kwaliteit import clock, figures, hooks

from .figure_data import TODAY, YEAR, build_year, moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(world):
    return build_year(world)


def rows(world, key, persona="leader", team_id=None, period=YEAR):
    """The drill-down's rows, in English (the headings and cells of this test are)."""
    with clock.at(moment(TODAY, 15)), translation.override("en"):
        return hooks.figure_objects.get(key)(
            school=world.school, period=period, team_id=team_id, user=world.users[persona]
        )


def test_every_figure_of_the_cycles_drills_down():
    keys = [key for key in figures.figure_types() if key.startswith("pdca.")]
    assert len(keys) == 13
    assert all(hooks.figure_objects.get(key) for key in keys)


def test_checks_on_time_lists_the_late_ones_first(world, built):
    found = rows(world, "pdca.checks_on_time")
    titles = [row.title for row in found.rows]
    # 3 of the 4 Checks were on time: C is late, listed first; D (not due) and E (last year)
    # are not there.
    assert titles[0] == "C" and sorted(titles[1:]) == ["A", "B", "F"]
    on_time = found.columns.index("On time")
    late = found.columns.index("Days late")
    assert found.rows[0].cells[on_time] == "no"
    assert found.rows[0].cells[late] == (TODAY - date(2026, 1, 15)).days
    assert {row.cells[on_time] for row in found.rows[1:]} == {"yes"}
    assert found.rows[0].url == f"/s/{world.school.slug}/verbetertrajecten/{built['c'].pk}/"


def test_the_phase_and_decision_figures_list_their_cycles(world, built):
    assert [row.title for row in rows(world, "pdca.cycles_act").rows] == ["A"]
    assert [row.title for row in rows(world, "pdca.cycles_plan").rows] == ["G"]
    assert {row.title for row in rows(world, "pdca.cycles_closed").rows} == {"B", "F"}
    assert [row.title for row in rows(world, "pdca.decisions_stop").rows] == ["F"]
    assert [row.title for row in rows(world, "pdca.decisions_adjust").rows] == []
    assert sorted(row.title for row in rows(world, "pdca.acts_overdue").rows) == ["A", "C"]
    longest = rows(world, "pdca.longest_in_phase_days")
    # The open cycles, longest in their phase first: A (Act since 30-9-2025) on top.
    assert [row.title for row in longest.rows] == ["A", "C", "G", "D"]
    days = longest.columns.index("Days in phase")
    assert longest.rows[0].cells[days] == (TODAY - date(2025, 9, 30)).days


def test_a_team_sees_only_its_cycles(world, built):
    assert [r.title for r in rows(world, "pdca.cycles_plan", team_id=built["other"].pk).rows] == [
        "G"
    ]
    assert rows(world, "pdca.cycles_plan", team_id=world.team.pk).rows == []


def test_people_outside_the_school_see_no_cycles(world, built):
    assert rows(world, "pdca.checks_on_time", persona="outsider").rows == []
    assert rows(world, "pdca.checks_on_time", persona="board_member").rows  # their board's school
    assert rows(world, "pdca.checks_on_time", persona="viewer").rows


def test_the_drilldown_costs_the_same_queries_for_few_and_many_cycles(world, built):
    with CaptureQueriesContext(connection) as few:
        rows(world, "pdca.checks_on_time")
    build_year(world, prefix="Meer ")
    with CaptureQueriesContext(connection) as more:
        found = rows(world, "pdca.checks_on_time")
    assert len(found.rows) == 8
    assert len(few.captured_queries) == len(more.captured_queries)
