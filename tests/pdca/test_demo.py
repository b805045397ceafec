"""The demo: every school shows cycles in every phase, overdue ones, a chain and an anchor."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from kwaliteit.models import Role, School
from kwaliteitskaarten.models import Afspraak
from pdca.models import Cycle, Phase

from ..helpers.audit import events_of

pytestmark = pytest.mark.django_db


def current_phase(cycle):
    return next((p.kind for p in cycle.phases.all() if not p.is_completed), None)


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    return {school.slug: school for school in School.objects.all()}


def test_every_demo_school_has_cycles_in_every_phase_and_overdue_ones(demo):
    today = timezone.localdate()
    for school in demo.values():
        cycles = list(Cycle.objects.filter(school=school).prefetch_related("phases"))
        phases = {current_phase(cycle) for cycle in cycles}
        assert {Phase.Kind.PLAN, Phase.Kind.DO, Phase.Kind.CHECK, Phase.Kind.ACT} <= phases
        assert any(cycle.is_closed for cycle in cycles), school.slug
        overdue = {
            phase.kind
            for cycle in cycles
            for phase in cycle.phases.all()
            if phase.is_overdue(today) and current_phase(cycle) == phase.kind
        }
        assert {Phase.Kind.CHECK, Phase.Kind.ACT} <= overdue, school.slug
        decisions = {cycle.decision for cycle in cycles if cycle.is_closed}
        assert decisions == {"anchor", "adjust", "stop"}
        stopped = next(cycle for cycle in cycles if cycle.decision == "stop")
        assert stopped.decision_note
        # every cycle has its history, starting with who created it
        assert all(events_of(c, verb="cycle_created").exists() for c in cycles)


def test_chains_anchors_and_an_indicator_start(demo):
    for school in demo.values():
        cycles = Cycle.objects.filter(school=school)
        follow_up = cycles.filter(predecessor__isnull=False, closed_at__isnull=True).first()
        assert follow_up is not None, school.slug
        chain = [follow_up]
        while chain[-1].predecessor_id:
            chain.append(chain[-1].predecessor)
        assert len(chain) >= 2
        assert all(c.decision == "adjust" for c in chain[1:])

        anchored = cycles.get(decision="anchor")
        agreement = anchored.anchored_agreement
        assert Afspraak.objects.filter(pk=agreement.pk, card__school=school).exists()
        assert agreement.card == anchored.anchored_card

        started = cycles.filter(origin=Cycle.Origin.INDICATOR).first()
        if started is not None:  # an indicator asks for action in every demo school today
            assert started.indicator.school == school
            assert started.criteria.filter(indicator=started.indicator).exists()
            assert started.origin_note


def test_a_teacher_owns_cycles_and_the_demo_runs_again_without_duplicates(demo, settings):
    school = demo["obs-de-regenboog"]
    teacher = school.memberships.filter(role=Role.TEACHER).order_by("id").first().user
    assert Cycle.objects.filter(school=school, owner=teacher).exists()
    count = Cycle.objects.count()
    call_command("seed_demo", stdout=None)
    assert Cycle.objects.count() == count
