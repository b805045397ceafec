"""The dataplan's figures per school, against a small plan whose figures are known by heart."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dataplan.figures import TYPES, dataplan_figures
from kwaliteit import clock, figures, hooks
from kwaliteit.periods import Period
from tests.factories import SchoolFactory, UserFactory

from .figure_data import NOW, YEAR, small_plan

pytestmark = pytest.mark.django_db


def values(school_ids, period=YEAR, team_id=None):
    """{(school id, key): value} of the period's figures, and the trend points apart."""
    with clock.at(NOW):
        found = list(dataplan_figures(school_ids=school_ids, period=period, team_id=team_id))
    totals = {(v.school_id, v.key): v for v in found if v.month is None}
    points = {(v.school_id, v.key, v.month): v.value for v in found if v.month is not None}
    return totals, points


def test_counts_the_indicators_by_where_they_stood_at_the_end_of_the_period():
    school = SchoolFactory()
    small_plan(school, UserFactory())
    totals, points = values([school.id])
    figure = {key: value.value for (_s, key), value in totals.items()}
    # Lezen meets the norm, Verzuim misses it, Welbevinden's only value is over a year old;
    # the inactive indicator is not counted.
    assert figure["dataplan.on_course"] == 1
    assert figure["dataplan.action"] == 1
    assert figure["dataplan.no_data"] == 1
    share = totals[(school.id, "dataplan.on_course_share")]
    assert (share.value, share.numerator, share.denominator) == (Decimal(50), 1, 2)
    # Welbevinden's September and November moments ended without a measurement.
    assert figure["dataplan.missed_moments"] == 2
    assert points[(school.id, "dataplan.missed_moments", date(2025, 9, 1))] == 1
    assert points[(school.id, "dataplan.missed_moments", date(2025, 10, 1))] == 0
    assert points[(school.id, "dataplan.missed_moments", date(2025, 11, 1))] == 1
    # One decision in the school year; the one of June 2025 lies before it.
    assert figure["dataplan.decisions"] == 1
    assert points[(school.id, "dataplan.decisions", date(2025, 11, 1))] == 1
    assert points[(school.id, "dataplan.decisions", date(2025, 12, 1))] == 0
    # Months after today are no points of the trend yet.
    assert (school.id, "dataplan.decisions", date(2026, 3, 1)) not in points


def test_an_earlier_period_reads_the_values_of_its_own_end():
    school = SchoolFactory()
    small_plan(school, UserFactory())
    # On 31 December 2025 Lezen had its October value only; Welbevinden's value of October 2024
    # was over a year old too.
    totals, _points = values([school.id], Period(date(2025, 9, 1), date(2025, 12, 31)))
    figure = {key: value.value for (_s, key), value in totals.items()}
    assert (figure["dataplan.on_course"], figure["dataplan.action"]) == (1, 1)
    assert figure["dataplan.no_data"] == 1
    # Back in the school year 2024-2025, Welbevinden was on course and Lezen had no value yet.
    totals, _points = values([school.id], Period(date(2024, 8, 1), date(2025, 7, 31)))
    figure = {key: value.value for (_s, key), value in totals.items()}
    assert (figure["dataplan.on_course"], figure["dataplan.action"]) == (1, 0)
    assert figure["dataplan.no_data"] == 2
    assert figure["dataplan.decisions"] == 1


def test_a_school_without_a_dataplan_has_no_figures_rather_than_zeros():
    empty = SchoolFactory()
    totals, points = values([empty.id])
    assert {key for (_s, key) in totals} == {t.key for t in TYPES}
    assert all(value.value is None for value in totals.values())
    assert points == {}


def test_indicators_without_any_measurement_have_no_share_on_course():
    school = SchoolFactory()
    plan = small_plan(school, UserFactory())
    for indicator in plan.values():
        indicator.measurements.all().delete()
    totals, _points = values([school.id])
    assert totals[(school.id, "dataplan.no_data")].value == 3
    assert totals[(school.id, "dataplan.on_course")].value == 0
    share = totals[(school.id, "dataplan.on_course_share")]
    assert (share.value, share.numerator, share.denominator) == (None, 0, 0)


def test_a_team_filter_changes_nothing_indicators_belong_to_the_school():
    school = SchoolFactory()
    small_plan(school, UserFactory())
    assert values([school.id]) == values([school.id], team_id=12345)


def test_one_school_and_five_cost_the_same_number_of_queries():
    schools = [SchoolFactory() for _ in range(5)]
    owner = UserFactory()
    for school in schools:
        small_plan(school, owner)

    def count(ids):
        with CaptureQueriesContext(connection) as queries:
            found, _points = values(ids)
        return len(queries), found

    one, found_one = count([schools[0].id])
    five, found_five = count([school.id for school in schools])
    assert one == five <= 7
    # every school is counted on its own
    assert found_five[(schools[4].id, "dataplan.on_course")].value == 1
    assert found_one.keys() < found_five.keys()


def test_the_provider_is_registered_with_its_types_in_the_dataplan_group():
    assert dataplan_figures in hooks.school_figures.providers()
    types = figures.figure_types()
    assert types["dataplan.on_course_share"].unit == figures.PERCENT
    assert types["dataplan.action"].better == figures.LOWER
    assert {types[t.key].group for t in TYPES} == {"Dataplan"}
