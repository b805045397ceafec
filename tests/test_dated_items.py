"""Dated items: every app's dated things for a set of schools, set-based, done ones included for
a calendar, open ones for the reminders."""

from datetime import date, datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dataplan.models import Measurement
from kwaliteit import clock, dated
from kwaliteit.dated import Remind, Stage
from kwaliteit.models import Role
from kwaliteitskaarten import services as card_services
from kwaliteitskaarten.models import CardVersion
from pdca.models import Action, Cycle, Phase

from .factories import (
    GroupFactory,
    IndicatorFactory,
    MembershipFactory,
    SchoolFactory,
    VisionVersionFactory,
)

TODAY = date(2026, 3, 16)


def fill(school, items):
    """A school with `items` of every dated kind: cycles with phases and actions, cards with a
    review, an agreement and an adoptable draft, indicators, and a vision draft."""
    today = timezone.localdate()
    leader = MembershipFactory(school=school, role=Role.LEADER).user
    teacher = MembershipFactory(school=school, role=Role.TEACHER).user
    for i in range(items):
        cycle = Cycle.objects.create(school=school, title=f"Traject {i}", owner=teacher,
                                     created_by=leader)  # fmt: skip
        for position, kind in enumerate(Phase.ORDER):
            Phase.objects.create(cycle=cycle, kind=kind, position=position,
                                 due_on=today + timedelta(weeks=position))  # fmt: skip
        Action.objects.create(cycle=cycle, description=f"Actie {i}", owner=teacher, due_on=today)
        card = card_services.card_create(
            school=school, title=f"Kaart {i}", owner=teacher, team=None, user=leader
        )
        card.next_review_on = today
        card.save()
        CardVersion.objects.filter(card=card).update(core="Zo ziet goed eruit.")
        card_services.agreement_add(card=card, text=f"Afspraak {i}", owner=teacher,
                                    check_interval_months=3, first_check_on=today)  # fmt: skip
        IndicatorFactory(school=school, owner=teacher, collection_months=[today.month])
    VisionVersionFactory(school=school, statement="Samen verder.", created_by=leader)


def queries(school_ids):
    end = timezone.localdate() + timedelta(days=60)
    with CaptureQueriesContext(connection) as context:
        items, failed = dated.items(school_ids=school_ids, start=None, end=end, open_only=False)
    assert not failed
    return len(context.captured_queries), items


def test_one_school_or_five_with_many_items_take_the_same_number_of_queries(db):
    one = SchoolFactory()
    fill(one, 1)
    five = [SchoolFactory() for _ in range(5)]
    for school in five:
        fill(school, 4)
    few, few_items = queries([one.pk])
    many, many_items = queries([school.pk for school in five])
    assert len(many_items) > 4 * len(few_items)
    assert many == few
    types = {item.type for item in many_items}
    assert {"pdca.plan", "pdca.action", "cards.agreement", "cards.review", "cards.adoption",
            "vision.draft", "dataplan.collection"} <= types  # fmt: skip


def test_done_phases_and_actions_come_only_when_asked_for(world):
    teacher = world.users["teacher"]
    cycle = Cycle.objects.create(school=world.school, title="Rekenen", owner=teacher,
                                 created_by=teacher)  # fmt: skip
    plan = Phase.objects.create(cycle=cycle, kind="plan", position=0, due_on=TODAY,
                                completed_at=timezone.now(), completed_by=teacher)  # fmt: skip
    do = Phase.objects.create(cycle=cycle, kind="do", position=1, due_on=TODAY)
    action = Action.objects.create(cycle=cycle, description="Lezen", owner=teacher,
                                   due_on=TODAY, status=Action.Status.DONE)  # fmt: skip

    def found(open_only):
        items, _failed = dated.items(
            school_ids=[world.school.pk], start=TODAY, end=TODAY, open_only=open_only
        )
        return {(item.type, item.id): item for item in items if item.type.startswith("pdca.")}

    everything = found(open_only=False)
    assert everything[("pdca.plan", plan.pk)].done
    assert not everything[("pdca.do", do.pk)].done
    assert everything[("pdca.action", action.pk)].done
    assert everything[("pdca.do", do.pk)].stage == Stage.DO
    assert everything[("pdca.do", do.pk)].waits_for == (teacher.pk,)
    assert set(found(open_only=True)) == {("pdca.do", do.pk)}
    cycle.closed_at = timezone.now()
    cycle.decision = Cycle.Decision.STOP
    cycle.save()
    assert found(open_only=True) == {}, "a closed cycle waits for nobody"


def test_a_collection_moment_is_its_month_and_done_once_measured(world):
    indicator = world.indicator  # collects in October and March, exists since 2024
    with clock.at(timezone.make_aware(datetime(2026, 3, 16, 8))):
        items, _failed = dated.items(school_ids=[world.school.pk], start=date(2025, 8, 1),
                                     end=date(2026, 7, 31), open_only=False)  # fmt: skip
        moments = {item.start: item for item in items if item.type == "dataplan.collection"}
        october = moments[date(2025, 10, 1)]
        assert (october.date, october.remind, october.stage) == (
            date(2025, 10, 31), Remind.MISSED, Stage.CHECK)  # fmt: skip
        assert october.waits_for == (world.users["coordinator"].pk,)
        done = {start for start, item in moments.items() if item.done}
        measured = {
            day.replace(day=1)
            for day in Measurement.objects.filter(indicator=indicator).values_list(
                "measured_on", flat=True
            )
        }
        assert done == measured & set(moments)
        Measurement.objects.create(indicator=indicator, group=GroupFactory(school=world.school),
                                   measured_on=date(2025, 10, 9), value=80)  # fmt: skip
        items, _failed = dated.items(school_ids=[world.school.pk], start=date(2025, 8, 1),
                                     end=date(2026, 7, 31), open_only=True)  # fmt: skip
        starts = {item.start for item in items if item.type == "dataplan.collection"}
    assert date(2025, 10, 1) not in starts, "measured in October: done"


def test_every_item_type_has_a_label_and_a_model():
    for name, kind in dated.item_types().items():
        assert kind.label and kind.model.count(".") == 1, name
