"""Dated items: every app's dated things, offered through one hook (`hooks.dated_items`).

The reminders, and later the kwaliteitskalender, agendas and dashboards, read the same items.
A provider is called as `provider(school_ids=..., start=..., end=..., open_only=...)` and yields
`DatedItem`s with one query (or a fixed few), whatever the number of schools or items:

- `start` is None or the first day asked for, `end` the last; an item is in range when its
  `date` (or, for a span, any day from `start` to `date`) falls within them;
- `open_only` leaves out items that are done (the reminders ask only for those).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import hooks


class Stage(models.TextChoices):
    """The PDCA stage an item belongs to."""

    PLAN = "plan", _("Plan")
    DO = "do", _("Do")
    CHECK = "check", _("Check")
    ACT = "act", _("Act")
    NONE = "none", _("none")


class Remind(models.TextChoices):
    """How the reminders treat an item that is not done."""

    DEADLINE = "deadline", _("due soon, then overdue, then told to the school's leaders")
    MISSED = "missed", _("missed once its day has passed")
    AWAITING = "awaiting", _("waits for someone from its first day")
    NEVER = "never", _("no reminders")


@dataclass(frozen=True, slots=True)
class DatedItem:
    type: str  # "pdca.plan", "cards.agreement", ... (also the reminders' item type)
    id: int | str  # the object's id (a phase, an agreement, an indicator)
    school_id: int
    title: str
    date: date  # the day it is due or happens; for a span, its last day
    url: str
    waits_for: tuple[int, ...] = ()  # ids of the people it waits for
    stage: str = Stage.NONE
    done: bool = False
    start: date | None = None  # for a span (a collection month, a period): its first day
    remind: str = Remind.DEADLINE
    # Roles told when a deadline is still overdue after the school's limit.
    escalate_to: tuple[str, ...] = field(default=())

    @property
    def first_day(self):
        return self.start or self.date


def items(*, school_ids, start, end, open_only=False):
    """Every provider's items for these schools and dates, and the providers that failed."""
    return hooks.dated_items.items(
        school_ids=list(school_ids), start=start, end=end, open_only=open_only
    )
