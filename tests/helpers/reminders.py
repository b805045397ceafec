"""The reminder tests' calendar (one Monday that things are due on, times in school hours), their
cycles and what they read back."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core import mail

from kwaliteit.models import Reminder

from ..factories import CycleFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DUE = date(2026, 3, 16)  # a Monday


def at(day, hour=8):
    return datetime.combine(day, time(hour), tzinfo=AMSTERDAM)


def make_cycle(school, owner, title="Begrijpend lezen", due=DUE, phase_owners=None):
    """A cycle whose four phases are due four weeks apart, the Plan on `due`."""
    return CycleFactory(
        school=school, owner=owner, title=title, phases=due, phases__owners=phase_owners
    )


def complete(cycle, *kinds):
    cycle.phases.filter(kind__in=kinds).update(completed_at=at(DUE), completed_by=cycle.owner)


def phase_reminders(**filters):
    return Reminder.objects.filter(item_type__startswith="pdca.", **filters)


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]
