"""The dataplan's figures of the demo schools, counted by hand from the demo's rows."""

import io
from calendar import monthrange
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from dataplan.figures import dataplan_figures
from dataplan.models import Decision, Indicator, Measurement
from kwaliteit.figures import percent
from kwaliteit.models import School
from kwaliteit.periods import Period

pytestmark = pytest.mark.django_db

DEMO_SCHOOLS = ("obs-de-regenboog", "cbs-het-kompas", "pabo-midden")


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    return list(School.objects.filter(slug__in=DEMO_SCHOOLS).order_by("slug"))


def by_hand(school, period, today):
    """The figures counted from the rows themselves, without the dataplan's selectors."""
    states = Counter()
    missed = ended = 0
    year = school.school_year(period.start)
    for indicator in Indicator.objects.filter(school=school, is_active=True):
        latest = {}
        for m in Measurement.objects.filter(
            indicator=indicator, measured_on__range=(today - timedelta(days=365), today)
        ).order_by("measured_on"):
            latest[m.group_id] = m.value  # the newest wins
        if not latest:
            states["no_data"] += 1
        elif any(
            (value < indicator.norm) if indicator.higher_is_better else (value > indicator.norm)
            for value in latest.values()
        ):
            states["action"] += 1
        else:
            states["on_course"] += 1
        created = timezone.localdate(indicator.created_at).replace(day=1)
        for month in indicator.collection_months:
            first = year.month_date(month)
            last = first.replace(day=monthrange(first.year, first.month)[1])
            if last >= today or first < created:
                continue
            ended += 1
            if not Measurement.objects.filter(
                indicator=indicator, measured_on__range=(first, last)
            ).exists():
                missed += 1
    decisions = Decision.objects.filter(
        indicator__school=school, decided_on__range=(period.start, period.end)
    ).count()
    return states, (missed if ended else None), decisions


def test_the_demo_schools_figures_match_their_rows_counted_by_hand(demo):
    today = timezone.localdate()
    assert len(demo) == 3
    for school in demo:
        period = Period.school_year(school, today)
        found = {
            v.key: v for v in dataplan_figures(school_ids=[school.id], period=period) if not v.month
        }
        states, missed, decisions = by_hand(school, period, today)
        assert sum(states.values()) >= 8, school  # about ten indicators per school
        assert found["dataplan.on_course"].value == states["on_course"], school
        assert found["dataplan.action"].value == states["action"], school
        assert found["dataplan.no_data"].value == states["no_data"], school
        measured = states["on_course"] + states["action"]
        share = found["dataplan.on_course_share"]
        assert (share.value, share.numerator, share.denominator) == (
            percent(states["on_course"], measured),
            states["on_course"],
            measured,
        )
        assert found["dataplan.missed_moments"].value == missed
        assert found["dataplan.decisions"].value == decisions


def test_the_demo_shows_indicators_in_every_state_and_the_schools_differ(demo):
    today = timezone.localdate()
    ids = [school.id for school in demo]
    period = Period.school_year(demo[0], today)
    values = {
        (v.school_id, v.key): v.value for v in dataplan_figures(school_ids=ids, period=period)
    }
    # an indicator asking for action is what the start page and the dashboard are about
    assert sum(values[(i, "dataplan.action")] for i in ids) > 0
    assert sum(values[(i, "dataplan.on_course")] for i in ids) > 0
    # the board roll-up shows real differences between the schools
    assert len({values[(i, "dataplan.on_course_share")] for i in ids}) > 1
