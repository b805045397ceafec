"""What cards ask of people: agreement follow-ups and card reviews that are due."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kwaliteit import reminders
from kwaliteit.reminders import Due, deadline_kind

from .models import Afspraak, Kwaliteitskaart

AGREEMENT = "cards.agreement"
REVIEW = "cards.review"


def agreement_dues(*, today, schools):
    """Active agreements of cards in use: the owner records the follow-up on "My quality"."""
    rows = (
        Afspraak.objects.filter(
            is_active=True,
            card__archived_on__isnull=True,
            next_check_on__lte=reminders.horizon(today, schools),
        )
        .order_by()
        .values_list(
            "id", "next_check_on", "owner_id", "text", "card__school_id", "card__school__slug"
        )
    )
    for agreement_id, due_on, owner_id, text, school_id, slug in rows:
        when = deadline_kind(due_on, today, schools[school_id])
        if when is not None:
            url = reverse("kwaliteitskaarten:mine", args=[slug]) + "#my-agreements"
            yield Due(school_id, owner_id, AGREEMENT, agreement_id, when, due_on, text, url)


def review_dues(*, today, schools):
    """Cards in use whose review moment comes near, to the card's owner."""
    rows = (
        Kwaliteitskaart.objects.filter(
            archived_on__isnull=True,
            owner__isnull=False,
            next_review_on__lte=reminders.horizon(today, schools),
        )
        .order_by()
        .values_list("id", "next_review_on", "owner_id", "title", "school_id", "school__slug")
    )
    for card_id, due_on, owner_id, title, school_id, slug in rows:
        when = deadline_kind(due_on, today, schools[school_id])
        if when is not None:
            url = reverse("kwaliteitskaarten:card", args=[slug, card_id])
            yield Due(school_id, owner_id, REVIEW, card_id, when, due_on, title, url)


reminders.register(agreement_dues, labels={AGREEMENT: _("agreement follow-up")})
reminders.register(review_dues, labels={REVIEW: _("card review")})
