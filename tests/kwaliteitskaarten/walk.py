"""The cards' part of the URL walk (tests/urlwalk.py)."""

from datetime import timedelta

from django.utils import timezone

from kwaliteitskaarten.models import AssessmentPeriod

from ..builders import adopt_card_twice

# POST-only views: allowed people are redirected after the action.
POST_ONLY = {
    "kwaliteitskaarten:review",
    "kwaliteitskaarten:agreement-add",
    "kwaliteitskaarten:agreement-check",
    "kwaliteitskaarten:reflection-add",
    "kwaliteitskaarten:appreciation-add",
    "kwaliteitskaarten:pdf",
}

# Destructive actions that ask first (kwaliteit/confirm.py).
CONFIRMED_ACTIONS = {"kwaliteitskaarten:archive"}

# Pages that need a card with two adopted versions (to compare, to print).
CARD_ADOPTED = {"kwaliteitskaarten:compare", "kwaliteitskaarten:pdf"}


def assessment_period(world):
    today = timezone.localdate()
    return AssessmentPeriod.objects.get_or_create(
        school=world.school,
        name="Voorjaar",
        defaults={"opens_on": today - timedelta(days=7), "closes_on": today + timedelta(days=7)},
    )[0]


def url_kwargs(route, world, vision, persona):
    """Values by URL argument name for one of the cards' routes."""
    values = {"pk": world.card.pk, "number": vision["v2"].number}
    if route.name == "kwaliteitskaarten:agreement-check":
        values["pk"] = world.agreement.pk
    if route.name in CARD_ADOPTED:
        adopt_card_twice(world, vision)
    if route.name == "kwaliteitskaarten:assessment-answer":
        values["period_pk"] = assessment_period(world).pk
    return values
