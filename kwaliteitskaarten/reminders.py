"""What cards ask of people: agreement follow-ups and card reviews that are due."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwaliteit import reminders
from kwaliteit.models import Role
from kwaliteit.reminders import Due, Kind, deadline_kind

from .models import Afspraak, CardVersion, Kwaliteitskaart

AGREEMENT = "cards.agreement"
REVIEW = "cards.review"
REVIEW_DRAFT = "cards.review-draft"
ADOPTION = "cards.adoption"


def agreement_dues(*, today, schools):
    """Active agreements of cards in use: the owner records the follow-up on "My quality"."""
    rows = (
        Afspraak.objects.filter(
            is_active=True,
            card__school_id__in=list(schools),
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
            school_id__in=list(schools),
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


def _drafts(*, schools, under_review):
    """Drafts of cards in use as (card id, started on, owner id, title, school id, slug)."""
    adopted = CardVersion.objects.filter(card=OuterRef("card"), status=CardVersion.Status.ADOPTED)
    drafts = CardVersion.objects.filter(
        status=CardVersion.Status.DRAFT,
        card__school_id__in=list(schools),
        card__archived_on__isnull=True,
    )
    if under_review:
        drafts = drafts.filter(Exists(adopted), card__owner__isnull=False)
    else:  # a draft that could be adopted: an owner and a shared core written
        drafts = drafts.filter(card__owner__isnull=False).exclude(core="")
    rows = drafts.order_by().values_list(
        "card_id", "created_at", "card__owner_id", "card__title", "card__school_id",
        "card__school__slug",
    )  # fmt: skip
    for card_id, created_at, owner_id, title, school_id, slug in rows:
        yield card_id, timezone.localdate(created_at), owner_id, title, school_id, slug


def review_draft_dues(*, today, schools):
    """A card under review waits for its owner: the draft is to be written (why is on the card).

    The day is the day the review started, so one notification per review, resolved once the
    new version is adopted.
    """
    for card_id, started_on, owner_id, title, school_id, slug in _drafts(
        schools=schools, under_review=True
    ):
        url = reverse("kwaliteitskaarten:draft", args=[slug, card_id])
        yield Due(school_id, owner_id, REVIEW_DRAFT, card_id, Kind.AWAITING, started_on, title, url)


def adoption_dues(*, today, schools):
    """A card draft that could be adopted waits for the school's leaders."""
    drafts = list(_drafts(schools=schools, under_review=False))
    leaders = reminders.school_staff(
        school_ids=sorted({row[4] for row in drafts}), roles=[Role.LEADER]
    )
    for card_id, started_on, _owner_id, title, school_id, slug in drafts:
        url = reverse("kwaliteitskaarten:adopt", args=[slug, card_id])
        for leader_id in leaders.get((school_id, Role.LEADER), []):
            yield Due(school_id, leader_id, ADOPTION, card_id, Kind.AWAITING, started_on, title,
                      url)  # fmt: skip


reminders.register(agreement_dues, labels={AGREEMENT: _("agreement follow-up")})
reminders.register(review_dues, labels={REVIEW: _("card review")})
reminders.register(review_draft_dues, labels={REVIEW_DRAFT: _("a card under review waits for you")})
reminders.register(adoption_dues, labels={ADOPTION: _("a card draft waits for adoption")})
