"""The demo is told through the services on a settable clock: its history lies in the past."""

import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation

from dataplan import services as dataplan_services
from kwaliteit import clock
from kwaliteit import services as core_services
from kwaliteit.models import AuditEvent, Role, VisionVersion
from kwaliteitskaarten import services as card_services
from kwaliteitskaarten.models import CardVersion, Kwaliteitskaart
from pdca import services as pdca_services
from pdca.models import Cycle, Phase

from .helpers.audit import events_of

pytestmark = pytest.mark.django_db

DEMO_APPS = ("kwaliteit", "dataplan", "kwaliteitskaarten", "pdca")
DATED = ("created_at", "completed_at", "closed_at", "evaluated_at", "date_joined")


def seed(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS and model not in (AuditEvent,)
    }


def test_the_demo_history_lies_in_the_past_without_invitations_and_runs_again(settings):
    seed(settings)
    now = timezone.now()
    # every recorded moment of the demo lies in the past, most of them long ago
    for model in apps.get_models():
        if model._meta.app_label not in ("dataplan", "kwaliteitskaarten", "pdca"):
            continue
        for name in DATED:
            if name in {f.name for f in model._meta.get_fields()}:
                latest = model.objects.order_by(f"-{name}").values_list(name, flat=True).first()
                assert latest is None or latest <= now, (model, name)
    cycle = Cycle.objects.filter(school__slug="obs-de-regenboog", decision="anchor").get()
    assert cycle.created_at < cycle.closed_at < now - timedelta(days=7)
    moments = list(events_of(cycle).order_by("id").values_list("at", flat=True))
    assert moments == sorted(moments) and moments[0] < now - timedelta(days=200)
    completed = [p.completed_at for p in cycle.phases.order_by("position")]
    assert completed == sorted(completed)
    first = VisionVersion.objects.get(school__slug="obs-de-regenboog", number=1)
    assert first.adopted_on == date(2024, 6, 20) and first.created_at.date() < first.adopted_on
    # the people were added without an invitation e-mail: only reminder digests went out
    assert not [m for m in mail.outbox if "invited" in m.subject or "uitgenodigd" in m.subject]
    assert all(m.to[0].split("@")[1].endswith(".example") for m in mail.outbox)

    before = counts()
    seed(settings)
    assert counts() == before


def test_the_demo_adopted_vision_and_a_card_have_a_dated_history(settings):
    seed(settings)
    yesterday = timezone.now() - timedelta(days=1)
    vision = VisionVersion.objects.get(school__slug="obs-de-regenboog", number=2)
    card_version = CardVersion.objects.filter(
        card__school__slug="obs-de-regenboog", status="adopted"
    ).first()
    for obj in (vision, card_version):
        events = AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        assert events.filter(at__lt=yesterday).exists(), obj


def test_services_record_the_moment_the_clock_is_set_to(world):
    moment = timezone.make_aware(datetime(2025, 10, 7, 14, 30))
    coordinator = world.users["coordinator"]
    with clock.at(moment):
        card = card_services.card_create(
            school=world.school, title="Feedback", owner=coordinator, team=None, user=coordinator
        )
        cycle = pdca_services.cycle_create(
            school=world.school,
            user=coordinator,
            title="Lezen",
            owner=coordinator,
            goal_what="Vlot lezen",
            goal_measure="80% op niveau",
            goal_date=date(2026, 6, 30),
            criteria=[("80% op niveau", None, None)],
        )
        plan = pdca_services.phase_complete(cycle=cycle, kind=Phase.Kind.PLAN, user=coordinator)
    assert Kwaliteitskaart.objects.get(pk=card.pk).created_at == moment
    assert card.versions.get().created_at == moment
    assert Cycle.objects.get(pk=cycle.pk).created_at == moment
    assert plan.completed_at == moment
    # Plan due a month after that day, not after today
    assert cycle.phases.get(kind=Phase.Kind.PLAN).due_on == date(2025, 11, 4)
    assert events_of(cycle).get(verb="cycle_created").at == moment


def test_a_service_refuses_a_future_date_relative_to_the_clock(world):
    """'Cannot lie in the future' means after the clock's day: a story set last year cannot
    record a measurement of today."""
    with (
        clock.on(date(2025, 3, 1), 10),
        translation.override("en"),
        pytest.raises(ValidationError, match="A measurement cannot lie in the future"),
    ):
        dataplan_services.measurement_add(
            indicator=world.indicator,
            group_name="Groep 5",
            measured_on=date(2025, 3, 2),
            value=Decimal(70),
            note="",
            user=world.users["coordinator"],
        )


def test_membership_invite_can_add_a_person_without_an_email(world):
    membership = core_services.membership_invite(
        school=world.school,
        email="nieuw@example.org",
        full_name="Nieuwe Collega",
        role=Role.TEACHER,
        teams=[],
        invited_by=world.users["coordinator"],
        send_invitation=False,
    )
    assert membership.user.email == "nieuw@example.org"
    assert mail.outbox == []
