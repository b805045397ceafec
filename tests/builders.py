"""Cards, cycles and notifications built through the services, as the pages build them.

Factories (tests/factories.py) make rows directly and are quick; these builders go through the
services, so every rule, event and derived field is there as in real use. Use a builder when
the test is about what a user does with the thing, a factory when only its existence matters.
"""

from datetime import date

from kwaliteit.models import Reminder
from kwaliteitskaarten import services as card_services

# The pdca builders live with the pdca tests; they are re-exported so that tests elsewhere
# import every builder from here.
from .pdca.helpers import complete_check, complete_do, complete_plan, make_cycle, to_act

__all__ = [
    "adopt_card_twice",
    "adopted_card",
    "card_draft",
    "complete_check",
    "complete_do",
    "complete_plan",
    "cycle",
    "make_cycle",
    "reminder_for",
    "to_act",
]

cycle = make_cycle  # cycle(world, owner=..., title=..., **fields): a cycle in its Plan


def card_draft(
    *, school, title, user, owner=None, team=None, core_values=(), indicators=(), **text
):
    """A card with its first draft written: `text` fills why, core, autonomy, how_we_see_it."""
    card = card_services.card_create(
        school=school, title=title, owner=owner or user, team=team, user=user
    )
    fields = {"why": "", "core": "", "autonomy": "", "how_we_see_it": "", **text}
    card_services.card_draft_update(
        version=card.versions.get(),
        core_values=list(core_values),
        indicators=list(indicators),
        **fields,
    )
    return card


def adopted_card(*, leader, adopted_on=None, core="Elke les eindigt met feedback.", **draft):
    """A card whose first version is written (see card_draft) and adopted by `leader`."""
    card = card_draft(core=core, **draft)
    card_services.card_adopt(version=card.versions.get(), user=leader, adopted_on=adopted_on)
    return card


def adopt_card_twice(world, vision):
    """world.card with two adopted versions: they can be compared, and the card printed."""
    for core in ("Kern", "Kern, herzien"):
        draft = card_services.card_review_start(card=world.card, user=world.users["coordinator"])
        draft.core = core
        draft.save()
        draft.core_values.set(vision["v2"].core_values.all()[:1])
        card_services.card_adopt(version=draft, user=world.users["leader"])


def reminder_for(world, user, **fields):
    """A notification for one person (their own; another person's answers 404)."""
    from django.contrib.contenttypes.models import ContentType

    values = {"item_type": "pdca.plan", "kind": "overdue", "title": "Lezen"}
    values["object_id"] = str(fields.pop("item_id", 1))  # the phase it is about
    values["content_type"] = ContentType.objects.get_by_natural_key("pdca", "phase")
    return Reminder.objects.create(
        school=world.school, recipient=user, day=date(2026, 3, 1), url="/", **{**values, **fields}
    )
