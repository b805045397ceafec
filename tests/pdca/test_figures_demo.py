"""The cycles' figures of the demo schools, counted here from the cycles themselves (plain ORM
reads and Python), never by the figures' own queries."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kwaliteit import figures
from kwaliteit.models import School
from kwaliteit.periods import Period
from pdca.models import Cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    return list(School.objects.order_by("pk"))


def by_hand(school, period, today):
    """The figures as a person would count them, cycle by cycle."""
    counts = {"plan": 0, "do": 0, "check": 0, "act": 0, "closed": 0}
    decisions = {"anchor": 0, "adjust": 0, "stop": 0}
    on_time = {"check": [0, 0], "act": [0, 0]}
    overdue = {"check": 0, "act": 0}
    longest = None
    for cycle in Cycle.objects.filter(school=school).prefetch_related("phases"):
        phases = sorted(cycle.phases.all(), key=lambda phase: phase.position)
        closed_on = timezone.localdate(cycle.closed_at) if cycle.closed_at else None
        if closed_on and closed_on in period:
            counts["closed"] += 1
            decisions[cycle.decision] += 1
        elif closed_on is None:
            current = next(phase for phase in phases if phase.completed_at is None)
            counts[current.kind] += 1
            done = [phase.completed_at for phase in phases if phase.completed_at]
            since = timezone.localdate(max(done) if done else cycle.created_at)
            longest = max(longest or 0, (today - since).days)
        for phase in phases:
            if phase.kind not in on_time:
                continue
            completed = timezone.localdate(phase.completed_at) if phase.completed_at else None
            if phase.due_on in period and (completed or phase.due_on < today):
                on_time[phase.kind][1] += 1
                on_time[phase.kind][0] += bool(completed and completed <= phase.due_on)
            if completed is None and closed_on is None and phase.due_on < today:
                overdue[phase.kind] += 1
    return counts, decisions, on_time, overdue, longest


def test_the_demo_schools_figures_are_what_their_cycles_say(demo):
    today = timezone.localdate()
    for school in demo:
        period = Period.school_year(school, today)
        found, failed = figures.collect(school_ids=[school.pk], period=period)
        assert not failed
        value = {v.key: v for v in found if v.key.startswith("pdca.") and v.month is None}
        counts, decisions, on_time, overdue, longest = by_hand(school, period, today)
        for kind in ("plan", "do", "check", "act", "closed"):
            assert value[f"pdca.cycles_{kind}"].value == counts[kind], (school.slug, kind)
        for decision, count in decisions.items():
            assert value[f"pdca.decisions_{decision}"].value == count, (school.slug, decision)
        for kind, key in (("check", "pdca.checks_on_time"), ("act", "pdca.acts_on_time")):
            assert (value[key].numerator, value[key].denominator) == tuple(on_time[kind])
        assert value["pdca.checks_overdue"].value == overdue["check"]
        assert value["pdca.acts_overdue"].value == overdue["act"]
        assert value["pdca.longest_in_phase_days"].value == longest
        # The demo has a cycle in every phase, overdue Checks and Acts, and closed cycles.
        assert all(counts[kind] for kind in ("plan", "do", "check", "act")), school.slug
        assert overdue["check"] and overdue["act"], school.slug


def test_the_demo_boards_schools_side_by_side_cost_one_query_per_provider(demo):
    today = timezone.localdate()
    period = Period.school_year(demo[0], today)
    with CaptureQueriesContext(connection) as one:
        figures.collect(school_ids=[demo[0].pk], period=period)
    with CaptureQueriesContext(connection) as every:
        figures.collect(school_ids=[school.pk for school in demo], period=period)
    pdca_one = [q for q in one.captured_queries if '"pdca_' in q["sql"]]
    pdca_every = [q for q in every.captured_queries if '"pdca_' in q["sql"]]
    assert len(pdca_one) == len(pdca_every) == 4
