"""What the cycles add to the start pages: indicators that ask for action with nothing done about
them, and the Acts waiting for a leader's decision."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from dataplan.models import Decision
from kwaliteit import hooks
from kwaliteit.attention import Kind
from kwaliteit.selectors import school_access
from pdca import services
from pdca.attention import attention_items
from pdca.models import Cycle

from ..factories import IndicatorFactory, MeasurementFactory
from .helpers import make_cycle, to_act

pytestmark = pytest.mark.django_db


def items(world, persona="coordinator"):
    user = world.users[persona]
    access = school_access(user=user, slug=world.school.slug)
    with translation.override("en"):
        return list(
            attention_items(
                school=world.school, user=user, access=access, today=timezone.localdate()
            )
        )


def of_kind(found, kind):
    return [item for item in found if item.kind == kind]


@pytest.fixture
def breach(world):
    """world.indicator (norm 75, higher is better) dips to 60 in a group ten days ago."""
    return MeasurementFactory(
        indicator=world.indicator,
        group__name="Groep 6A",
        value=Decimal("60"),
        measured_on=timezone.localdate() - timedelta(days=10),
    )


def test_the_provider_is_offered_to_the_start_pages():
    assert attention_items in hooks.attention_items.providers()


def test_an_indicator_on_course_asks_nothing(world):
    assert of_kind(items(world), Kind.ACTION) == []


def test_an_indicator_asking_for_action_without_a_cycle_or_decision_is_listed(world, breach):
    [item] = of_kind(items(world), Kind.ACTION)
    assert item.title == "Leesresultaten"
    assert item.url == reverse("dataplan:indicator", args=[world.school.slug, world.indicator.pk])
    assert item.detail == "Below the norm in 1 group; no cycle or decision yet"
    assert item.waits_for == (world.users["coordinator"].pk,)
    assert item.school_id == world.school.pk
    # Everyone who reads the dataplan sees it; the start page decides how prominently.
    assert of_kind(items(world, "viewer"), Kind.ACTION)


def test_an_open_cycle_on_the_indicator_is_something_done(world, breach):
    make_cycle(world)  # its success criterion is measured by the indicator
    assert of_kind(items(world), Kind.ACTION) == []


def test_a_decision_after_the_value_that_missed_the_norm_is_something_done(world, breach):
    Decision.objects.create(
        indicator=world.indicator, decided_on=breach.measured_on - timedelta(days=1), text="Oud"
    )
    assert of_kind(items(world), Kind.ACTION)  # decided before: still asks
    Decision.objects.create(
        indicator=world.indicator, decided_on=breach.measured_on, text="Extra leestijd"
    )
    assert of_kind(items(world), Kind.ACTION) == []


def test_a_cycle_closed_before_the_new_dip_does_not_count(world, breach):
    cycle = make_cycle(world)
    Cycle.objects.filter(pk=cycle.pk).update(
        closed_at=timezone.now() - timedelta(days=30), decision="stop"
    )
    assert of_kind(items(world), Kind.ACTION)
    Cycle.objects.filter(pk=cycle.pk).update(closed_at=timezone.now())
    assert of_kind(items(world), Kind.ACTION) == []


def test_an_inactive_indicator_or_another_schools_asks_nothing(world):
    other = IndicatorFactory(school=world.other_school, owner=world.users["outsider"])
    MeasurementFactory(indicator=other, value=Decimal("10"))
    world.indicator.is_active = False
    world.indicator.save()
    MeasurementFactory(indicator=world.indicator, value=Decimal("10"))
    assert of_kind(items(world), Kind.ACTION) == []


def test_acts_waiting_for_a_decision_are_the_leaders(world):
    coordinator = world.users["coordinator"]
    waiting = to_act(make_cycle(world, title="Rekenen <b>tafels</b>"), coordinator)
    make_cycle(world, title="Nog in Plan")
    [item] = of_kind(items(world, "leader"), Kind.DECISION)
    assert item.title == "Rekenen <b>tafels</b>"  # plain text: the page escapes it
    assert item.url == reverse("pdca:act", args=[world.school.slug, waiting.pk])
    assert item.waits_for == (world.users["leader"].pk,)
    assert item.team_ids == (world.team.pk,)
    assert item.detail.startswith("Act · due ") and item.detail.endswith("leraar Persoon")
    assert item.days_overdue is None
    for persona in ("coordinator", "teacher", "viewer", "board_member"):
        assert of_kind(items(world, persona), Kind.DECISION) == [], persona


def test_an_overdue_act_says_how_many_days(world):
    cycle = to_act(make_cycle(world), world.users["coordinator"])
    cycle.phases.filter(kind="act").update(due_on=timezone.localdate() - timedelta(days=3))
    [item] = of_kind(items(world, "leader"), Kind.DECISION)
    assert item.days_overdue == 3
    assert item.detail.startswith("Act · ")  # the start page says how late
    assert "due" not in item.detail


def test_a_decided_act_waits_no_more(world):
    coordinator = world.users["coordinator"]
    cycle = to_act(make_cycle(world), coordinator)
    services.act_decide(cycle=cycle, user=coordinator, decision="stop", note="Klaar")
    assert of_kind(items(world, "leader"), Kind.DECISION) == []


def test_the_items_cost_the_same_queries_for_few_and_many(world, breach):
    with CaptureQueriesContext(connection) as few:
        items(world, "leader")
    coordinator = world.users["coordinator"]
    for i in range(4):
        indicator = IndicatorFactory(school=world.school, owner=coordinator)
        MeasurementFactory(indicator=indicator, value=Decimal("10"))
        to_act(make_cycle(world, title=f"Traject {i}"), coordinator)
    with CaptureQueriesContext(connection) as many:
        found = items(world, "leader")
    assert len(of_kind(found, Kind.DECISION)) == 4
    assert len(of_kind(found, Kind.ACTION)) == 4  # the new ones; Leesresultaten has cycles now
    assert len(few.captured_queries) == len(many.captured_queries)
