"""Dated items: every app's dated things, offered through one hook (`hooks.dated_items`).

The reminders, and later the kwaliteitskalender, agendas and dashboards, read the same items.
A provider is called as `provider(school_ids=..., start=..., end=..., open_only=...)` and yields
`DatedItem`s with one query (or a fixed few), whatever the number of schools or items:

- `start` is None or the first day asked for, `end` the last; an item is in range when its
  `date` (or, for a span, any day from `start` to `date`) falls within them;
- `open_only` leaves out items that are done (the reminders ask only for those).

An app registers a provider with the item types it yields, each with its label and the model its
ids refer to (`@dated.provider({"pdca.action": ItemType(_("cycle action"), "pdca.action")})`):
the reminders take their labels and their object references from it, and ask only the providers
of the item types they resolve.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import hooks
from .models import Membership


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
    # The teams it belongs to, where it has any (a teacher's start page shows their teams').
    team_ids: tuple[int, ...] = field(default=())

    @property
    def first_day(self):
        return self.start or self.date


@dataclass(frozen=True, slots=True)
class ItemType:
    """What a type of dated item is called, and the model ("app_label.modelname") its ids are."""

    label: str
    model: str


def provider(types):
    """Register a dated-items provider (as a decorator) with the types it yields:
    {item type: ItemType}."""

    def register(func):
        func.item_types = dict(types)
        return hooks.dated_items.register(func)

    return register


def types_of(func):
    """{item type: ItemType} a provider yields ({} for one registered without them)."""
    return getattr(func, "item_types", {})


def item_types():
    """{item type: ItemType} of every registered provider."""
    return {
        name: kind
        for func in hooks.dated_items.providers()
        for name, kind in types_of(func).items()
    }


def items(*, school_ids, start, end, open_only=False, types=None):
    """Every provider's items for these schools and dates, and the providers that failed.

    types: only ask the providers that yield one of these item types (their other types come
    along)."""
    providers = hooks.dated_items.providers()
    if types is not None:
        providers = [func for func in providers if set(types_of(func)) & set(types)]
    return hooks.dated_items.items_from(
        providers, school_ids=list(school_ids), start=start, end=end, open_only=open_only
    )


def in_range(day, start, end):
    """The filter for a date field: {"<field>__lte": end} and, when given, >= start."""
    bounds = {"lte": end}
    if start is not None:
        bounds["gte"] = start
    return {f"{day}__{op}": value for op, value in bounds.items()}


def staff(*, school_ids, roles):
    """(school id, role) → ids of the active people in that role, in one query."""
    rows = Membership.objects.filter(
        school_id__in=list(school_ids), role__in=roles, is_active=True, user__is_active=True
    ).values_list("school_id", "role", "user_id")
    found = {}
    for school_id, role, user_id in rows:
        found.setdefault((school_id, role), []).append(user_id)
    return found
