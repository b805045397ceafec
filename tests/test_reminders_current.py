"""Notifications are current: what was just done leaves the list and the header count at once,
without waiting for the next dispatch; a vision draft that waits for adoption tells the leaders."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from kwaliteit import reminders
from kwaliteit import services as core_services
from kwaliteit.models import CoreValue, Reminder, User
from kwaliteitskaarten import services as card_services
from pdca import services as pdca_services
from pdca.models import Phase

from .dataplan.helpers import GOOD, map_columns, upload
from .pdca.helpers import make_cycle, to_act

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Before the digest hour: the dispatcher fills the notification list and sends no e-mail.
NOW = datetime(2026, 3, 16, 5, tzinfo=AMSTERDAM)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """Every service, view and source reads the same day, whatever day the tests run on."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture(autouse=True)
def english(world):
    User.objects.update(language="en")


def dispatch():
    reminders.dispatch(now=NOW)


def open_list(client):
    """The notification page's list of what still waits (not the "earlier" part)."""
    page = client.get(reverse("notifications")).content.decode()
    return page.split('id="earlier-notifications"')[0]


def header_count(client):
    """The unread count the header shows on a school page (0 when it shows none)."""
    page = client.get(reverse("notifications")).content.decode()
    header = page.split("<main")[0]
    found = re.search(r"\((\d+) unread\)", header)
    return int(found.group(1)) if found else 0


def assert_done(client, title, count_before, *, cleared=1):
    assert title not in open_list(client)
    assert header_count(client) == count_before - cleared


def shows(client, title):
    """The item is in the list and counted in the header; returns the count."""
    assert title in open_list(client)
    count = header_count(client)
    assert count >= 1
    return count


def test_recording_an_agreement_check_clears_its_reminder(world):
    # world.agreement's first follow-up was due on 1 March: overdue for the teacher.
    dispatch()
    client = world.client_for("teacher")
    before = shows(client, "Elke les een exit-ticket")
    url = reverse("kwaliteitskaarten:agreement-check", args=[world.school.slug, world.agreement.pk])
    response = client.post(url, {"result": "kept", "checked_on": TODAY.isoformat()})
    assert response.status_code == 302
    assert_done(client, "Elke les een exit-ticket", before)


def test_completing_a_phase_clears_its_reminder(world):
    cycle = make_cycle(world, title="Rekenen omhoog")
    cycle.phases.filter(kind=Phase.Kind.PLAN).update(due_on=TODAY - timedelta(days=1))
    dispatch()
    client = world.client_for("teacher")
    before = shows(client, "Rekenen omhoog")
    url = reverse("pdca:phase-complete", args=[world.school.slug, cycle.pk, "plan"])
    assert client.post(url).status_code == 302
    assert_done(client, "Rekenen omhoog", before)


def test_deciding_the_act_clears_its_reminder(world):
    cycle = to_act(make_cycle(world, title="Rekenen omhoog"), world.users["teacher"])
    cycle.phases.filter(kind=Phase.Kind.ACT).update(due_on=TODAY - timedelta(days=1))
    dispatch()
    client = world.client_for("teacher")
    before = shows(client, "Rekenen omhoog")
    url = reverse("pdca:act", args=[world.school.slug, cycle.pk])
    response = client.post(url, {"decision": "stop", "note": "Het doel is gehaald."})
    assert response.status_code == 302
    assert_done(client, "Rekenen omhoog", before)


def test_finishing_an_action_clears_its_reminder(world):
    teacher = world.users["teacher"]
    cycle = make_cycle(world)
    action = pdca_services.action_add(
        cycle=cycle,
        user=teacher,
        description="Leesmaatjes in groep 5",
        owner=teacher,
        due_on=TODAY + timedelta(days=20),
    )
    type(action).objects.filter(pk=action.pk).update(due_on=TODAY - timedelta(days=2))
    dispatch()
    client = world.client_for("teacher")
    before = shows(client, "Leesmaatjes in groep 5")
    url = reverse("pdca:action-edit", args=[world.school.slug, cycle.pk, action.pk])
    data = {
        "description": "Leesmaatjes in groep 5",
        "owner": teacher.pk,
        "due_on": (TODAY - timedelta(days=2)).isoformat(),
        "status": "done",
    }
    assert client.post(url, data).status_code == 302
    assert_done(client, "Leesmaatjes in groep 5", before)


def test_a_measurement_by_hand_clears_the_missed_moment(world):
    # Leesresultaten is measured in October and March; October 2025 passed without a value.
    dispatch()
    client = world.client_for("coordinator")
    before = shows(client, "Leesresultaten")
    url = reverse("dataplan:measurement-add", args=[world.school.slug, world.indicator.pk])
    data = {"group_name": "Groep 5B", "measured_on": "2025-10-08", "value": "70"}
    assert client.post(url, data).status_code == 302
    assert_done(client, "Leesresultaten", before)


def test_a_measurement_in_another_month_leaves_the_missed_moment(world):
    dispatch()
    client = world.client_for("coordinator")
    shows(client, "Leesresultaten")
    url = reverse("dataplan:measurement-add", args=[world.school.slug, world.indicator.pk])
    data = {"group_name": "Groep 5B", "measured_on": "2026-01-12", "value": "70"}
    assert client.post(url, data).status_code == 302
    assert "Leesresultaten" in open_list(client), "October still has no measurement"


def test_an_import_clears_the_missed_moment(world):
    dispatch()
    client = world.client_for("coordinator")
    before = shows(client, "Leesresultaten")
    map_columns(client, upload(client, world.school, GOOD))  # rows of 1 October 2025
    data_import = world.data_import.__class__.objects.get(row_count=3, status="valid")
    client.post(reverse("dataplan:import-confirm", args=[world.school.slug, data_import.id]))
    data_import.refresh_from_db()
    assert data_import.status == "done"
    assert_done(client, "Leesresultaten", before)


def test_adopting_a_card_clears_its_review_reminder(world, vision):
    leader, teacher = world.users["leader"], world.users["teacher"]
    first = world.card.versions.get()
    first.core = "Elke les eindigt met feedback."
    first.save()
    first.core_values.set(CoreValue.objects.filter(vision=vision["v2"])[:1])
    # Adopted a year and a day ago: the yearly review is overdue.
    adopted_on = TODAY - relativedelta(months=12) - timedelta(days=1)
    card_services.card_adopt(version=first, user=leader, adopted_on=adopted_on)
    card_services.card_review_start(card=world.card, user=teacher)
    dispatch()
    client = world.client_for("teacher")
    before = shows(client, "Feedback in de klas")
    url = reverse("kwaliteitskaarten:adopt", args=[world.school.slug, world.card.pk])
    leader_client = world.client_for("leader")
    seen = leader_client.get(url).context["form"].initial["seen"]
    assert (
        leader_client.post(url, {"adopted_on": TODAY.isoformat(), "seen": seen}).status_code == 302
    )
    # The overdue review and "the card under review waits for you" both end with the adoption.
    assert_done(client, "Feedback in de klas", before, cleared=2)


# --- a vision draft waits for the leaders ---------------------------------------------------


def test_a_vision_draft_waiting_for_adoption_notifies_the_leaders(world, vision):
    draft = vision["draft"]
    dispatch()
    [reminder] = Reminder.objects.filter(item_type="vision.draft")
    assert reminder.recipient == world.users["leader"], "only leaders adopt"
    assert (reminder.kind, reminder.day) == ("awaiting", timezone.localdate(draft.created_at))
    leader = world.client_for("leader")
    page = open_list(leader)
    assert draft.title in page and "awaits adoption" in page
    assert reverse("kwaliteit:vision-adopt", args=[world.school.slug]) in page
    assert draft.title not in open_list(world.client_for("teacher"))

    before = header_count(leader)
    url = reverse("kwaliteit:vision-adopt", args=[world.school.slug])
    seen = leader.get(url).context["form"].initial["seen"]
    assert leader.post(url, {"adopted_on": TODAY.isoformat(), "seen": seen}).status_code == 302
    assert_done(leader, draft.title, before)


def test_a_discarded_vision_draft_no_longer_awaits_adoption(world, vision):
    dispatch()
    leader = world.client_for("leader")
    before = shows(leader, vision["draft"].title)
    core_services.vision_draft_discard(version=vision["draft"], user=world.users["coordinator"])
    assert_done(leader, vision["draft"].title, before)


def test_an_untouched_copy_of_the_vision_does_not_notify(world, vision):
    vision["draft"].delete()
    client = world.client_for("coordinator")
    assert client.post(reverse("kwaliteit:vision-draft-start", args=[world.school.slug]))
    dispatch()
    assert not Reminder.objects.filter(item_type="vision.draft").exists()
