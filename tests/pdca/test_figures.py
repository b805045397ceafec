"""The cycles' figures per school, checked against cycles built here and counted by hand."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kwaliteit import clock, figures, hooks
from kwaliteit.models import Role
from kwaliteit.periods import Period

from ..factories import MembershipFactory, SchoolFactory
from .figure_data import TODAY, YEAR, build_year, cycle, due_check, moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(world):
    return build_year(world)


def values(school_ids, period=YEAR, team_id=None, today=TODAY):
    with clock.at(moment(today, 15)):
        found, failed = figures.collect(school_ids=school_ids, period=period, team_id=team_id)
    assert not failed
    return found


def totals(found, school_id):
    return {
        v.key: v
        for v in found
        if v.school_id == school_id and v.key.startswith("pdca.") and not v.month
    }


def trend(found, school_id, key):
    return {v.month: v for v in found if v.school_id == school_id and v.key == key and v.month}


def test_checks_and_acts_on_time_count_what_was_due_and_is_known(world, built):
    figure = totals(values([world.school.pk]), world.school.pk)
    # Checks due in the year whose outcome is known: A, B and F on time, C late; D is not due
    # yet, E was due last year.
    checks = figure["pdca.checks_on_time"]
    assert (checks.value, checks.numerator, checks.denominator) == (Decimal(75), 3, 4)
    # Acts: A's due 31-10-2025 and not done (late), B's done two days late, C's due 14-2-2026
    # and not done (late), F's due 1-12-2025 and done in February (late); D's Act is not due.
    acts = figure["pdca.acts_on_time"]
    assert (acts.value, acts.numerator, acts.denominator) == (Decimal(0), 0, 4)


def test_the_on_time_trend_has_a_point_per_month_and_none_without_anything_due(world, built):
    found = values([world.school.pk])
    checks = trend(found, world.school.pk, "pdca.checks_on_time")
    assert list(checks) == YEAR.months()
    assert (checks[date(2025, 10, 1)].value, checks[date(2025, 10, 1)].denominator) == (100, 1)
    assert (checks[date(2025, 11, 1)].value, checks[date(2025, 11, 1)].denominator) == (100, 2)
    assert (checks[date(2026, 1, 1)].value, checks[date(2026, 1, 1)].denominator) == (0, 1)
    assert checks[date(2025, 12, 1)].value is None
    assert checks[date(2026, 5, 1)].value is None  # D: not due yet


def test_the_funnel_counts_open_cycles_by_phase_and_the_closed_ones_by_decision(world, built):
    figure = totals(values([world.school.pk]), world.school.pk)
    counts = {key: figure[key].value for key in figure if figure[key].value is not None}
    # A in Act; C in Check; D in Do; G in Plan. B and F closed this year; E closed last year.
    assert counts["pdca.cycles_plan"] == 1
    assert counts["pdca.cycles_do"] == 1
    assert counts["pdca.cycles_check"] == 1
    assert counts["pdca.cycles_act"] == 1
    assert counts["pdca.cycles_closed"] == 2
    assert counts["pdca.decisions_anchor"] == 1
    assert counts["pdca.decisions_stop"] == 1
    assert counts["pdca.decisions_adjust"] == 0
    # Overdue now: C's Check; A's and C's Acts.
    assert counts["pdca.checks_overdue"] == 1
    assert counts["pdca.acts_overdue"] == 2
    # Longest in one phase: A, in Act since its Check was done on 30-9-2025.
    assert counts["pdca.longest_in_phase_days"] == (TODAY - date(2025, 9, 30)).days


def test_a_phase_is_taken_at_the_end_of_a_period_that_is_over(world, built):
    autumn = Period(date(2025, 8, 1), date(2025, 11, 30))
    figure = totals(values([world.school.pk], period=autumn), world.school.pk)
    # On 30-11-2025: A in Act (Check done 30-9); B in Act (closed only on 12-12); C in Do (its
    # Do was done on 20-12); F in Act (decided in February). D (started 2-2-2026) and G (1-3-2026)
    # did not exist yet; E was closed before the period.
    assert figure["pdca.cycles_plan"].value == 0
    assert figure["pdca.cycles_do"].value == 1
    assert figure["pdca.cycles_act"].value == 3
    assert figure["pdca.cycles_closed"].value == 0


def test_a_team_counts_only_its_own_cycles(world, built):
    figure = totals(values([world.school.pk], team_id=built["other"].pk), world.school.pk)
    assert figure["pdca.cycles_plan"].value == 1
    assert figure["pdca.cycles_do"].value == 0
    assert figure["pdca.checks_on_time"].value is None
    mine = totals(values([world.school.pk], team_id=world.team.pk), world.school.pk)
    assert mine["pdca.cycles_plan"].value == 0


def test_a_period_without_data_says_no_data_not_zero_percent(world, built):
    empty = Period(date(2020, 8, 1), date(2021, 7, 31))
    found = values([world.school.pk], period=empty)
    figure = totals(found, world.school.pk)
    assert figure["pdca.checks_on_time"].value is None
    assert figure["pdca.checks_on_time"].denominator == 0
    assert figure["pdca.acts_on_time"].value is None
    assert figure["pdca.longest_in_phase_days"].value is None
    assert figure["pdca.cycles_closed"].value == 0
    points = trend(found, world.school.pk, "pdca.acts_on_time")
    assert all(point.value is None for point in points.values())


def test_every_school_asked_gets_its_figures_and_nothing_of_another(world, built):
    found = values([world.school.pk, world.other_school.pk])
    other = totals(found, world.other_school.pk)
    assert other["pdca.cycles_plan"].value == 0
    assert other["pdca.checks_on_time"].value is None
    assert totals(found, world.school.pk)["pdca.cycles_plan"].value == 1


def fill(school, count):
    leader = MembershipFactory(school=school, role=Role.LEADER).user
    for i in range(count):
        cycle(school, leader, due=due_check(date(2025, 10, 1) + timedelta(days=9 * i)),
              done=[moment(date(2025, 7, 1))])  # fmt: skip


def test_one_school_and_five_cost_the_same_queries(world):
    schools = [SchoolFactory() for _ in range(5)]
    for school in schools:
        fill(school, 6)

    # The cycles' providers only: the other apps' figures are theirs to count.
    pdca = [p for p in hooks.school_figures.providers() if p.__module__.startswith("pdca.")]

    def count(ids):
        with hooks.school_figures.override(*pdca), CaptureQueriesContext(connection) as context:
            values(ids)
        return len(context.captured_queries)

    one = count([schools[0].pk])
    assert one == count([school.pk for school in schools])
    assert one == 4  # one query per provider
