"""Reminders on the pages: the notification list, marking read, and the reminder settings."""

from datetime import timedelta

import pytest
from django.urls import reverse

from kwaliteit.models import Reminder, User

from .helpers.reminders import DUE, at, make_cycle, phase_reminders


@pytest.fixture(autouse=True)
def english(world):
    """Pages and e-mails in English, so that the tests read the texts as written here."""
    User.objects.update(language="en")
    for user in world.users.values():
        user.language = "en"


def test_notification_pages_need_a_login(world):
    client = world.client_for("anonymous")
    for url in (reverse("notifications"), reverse("reminder-settings")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_people_see_and_mark_only_their_own_notifications(world, dispatch):
    teacher, leader = world.users["teacher"], world.users["leader"]
    make_cycle(world.school, teacher)
    make_cycle(world.school, leader, title="Rekenen")
    dispatch(at(DUE + timedelta(days=1), hour=5))
    client = world.client_for("teacher")

    page = client.get(reverse("notifications")).content.decode()
    assert "Begrijpend lezen" in page and "Rekenen" not in page
    unread = Reminder.objects.filter(recipient=teacher).count()
    assert f"({unread} unread)" in page

    others = phase_reminders(recipient=leader).get()
    assert client.post(reverse("notification-read", args=[others.pk])).status_code == 404
    others.refresh_from_db()
    assert others.read_at is None

    mine = phase_reminders(recipient=teacher).get()
    response = client.post(reverse("notification-read", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is not None
    page = client.get(reverse("notifications")).content.decode()
    assert f"({unread - 1} unread)" in page
    assert "Begrijpend lezen" in page.split('id="earlier-notifications"')[1], "now under earlier"


def test_mark_all_read(world, dispatch):
    teacher = world.users["teacher"]
    make_cycle(world.school, teacher)
    make_cycle(world.school, teacher, title="Rekenen")
    dispatch(at(DUE + timedelta(days=1), hour=5))
    client = world.client_for("teacher")
    assert client.post(reverse("notifications-read-all")).status_code == 302
    assert not Reminder.objects.filter(recipient=teacher, read_at=None).exists()


def test_a_person_chooses_how_they_get_reminders(world):
    client = world.client_for("teacher")
    response = client.post(reverse("reminder-settings"), {"reminder_frequency": "weekly"})
    assert response.status_code == 302
    world.users["teacher"].refresh_from_db()
    assert world.users["teacher"].reminder_frequency == "weekly"
    response = client.post(reverse("reminder-settings"), {"reminder_frequency": "hourly"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()


def test_the_coordinator_sets_the_schools_reminder_moments(world, dispatch):
    url = reverse("kwaliteit:reminder-settings", args=[world.school.slug])
    assert world.client_for("teacher").get(url).status_code == 403
    assert world.client_for("outsider").get(url).status_code == 404
    client = world.client_for("coordinator")
    members = client.get(reverse("kwaliteit:members", args=[world.school.slug]))
    assert url in members.content.decode()
    data = {"reminder_due_soon_days": 14, "reminder_escalate_after_days": 3}
    assert client.post(url, data).status_code == 302

    make_cycle(world.school, world.users["teacher"])
    dispatch(at(DUE - timedelta(days=14), hour=5))
    assert phase_reminders(kind="due_soon").exists(), "fourteen days ahead now"
    dispatch(at(DUE + timedelta(days=3), hour=5))
    assert phase_reminders(kind="escalation").exists(), "escalated after three days"
    bad = client.post(url, {"reminder_due_soon_days": 0, "reminder_escalate_after_days": 3})
    assert bad.status_code == 200


def test_the_header_counts_unread_notifications(world, dispatch):
    make_cycle(world.school, world.users["teacher"])
    make_cycle(world.school, world.users["teacher"], title="Rekenen")
    dispatch(at(DUE + timedelta(days=1), hour=5))
    unread = Reminder.objects.filter(recipient=world.users["teacher"], read_at=None).count()
    page = world.client_for("teacher").get(reverse("notifications")).content.decode()
    assert f"({unread} unread)" in page
