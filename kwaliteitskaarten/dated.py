"""What cards offer as dated items: agreement follow-ups, card reviews, and drafts that wait.

- an agreement's next follow-up (stage Check: is the agreement kept?) waits for its owner;
- a card's review moment (stage Check: does the card still say what good looks like?) waits for
  the card's owner;
- a card under review waits for its owner to write the draft, and a draft that could be adopted
  waits for the school's leaders (stage Act: the improvement is anchored in the card). Both are
  dated on the day the draft was started, so there is one reminder per draft.

Only cards in use (not archived) and active agreements wait for anything; the next follow-up and
the next review are the only moments a card or agreement has ahead of it, so they are never done
(the recorded checks are the agreement's history).
"""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwaliteit.dated import DatedItem, ItemType, Remind, Stage, in_range, staff
from kwaliteit.models import Role

from .models import Afspraak, CardVersion, Kwaliteitskaart

AGREEMENT = "cards.agreement"
REVIEW = "cards.review"
REVIEW_DRAFT = "cards.review-draft"
ADOPTION = "cards.adoption"

AGREEMENT_TYPES = {AGREEMENT: ItemType(_("agreement follow-up"), "kwaliteitskaarten.afspraak")}
REVIEW_TYPES = {REVIEW: ItemType(_("card review"), "kwaliteitskaarten.kwaliteitskaart")}
REVIEW_DRAFT_TYPES = {
    REVIEW_DRAFT: ItemType(
        _("a card under review waits for you"), "kwaliteitskaarten.kwaliteitskaart"
    )
}
ADOPTION_TYPES = {
    ADOPTION: ItemType(_("a card draft waits for adoption"), "kwaliteitskaarten.kwaliteitskaart")
}


def agreement_items(*, school_ids, start, end, open_only):
    """Active agreements of cards in use. The line leads to the agreement on its card, where
    everyone who sees it finds it (its owner also records the follow-up on "My quality")."""
    rows = (
        Afspraak.objects.filter(
            is_active=True,
            card__school_id__in=school_ids,
            card__archived_on__isnull=True,
            **in_range("next_check_on", start, end),
        )
        .order_by()
        .values_list(
            "id",
            "next_check_on",
            "owner_id",
            "text",
            "card__school_id",
            "card__school__slug",
            "card__team_id",
            "card_id",
        )
    )
    for agreement_id, due_on, owner_id, text, school_id, slug, team_id, card_id in rows:
        yield DatedItem(
            type=AGREEMENT,
            id=agreement_id,
            school_id=school_id,
            title=text,
            date=due_on,
            url=reverse("kwaliteitskaarten:card", args=[slug, card_id])
            + f"#agreement-{agreement_id}",
            waits_for=(owner_id,),
            stage=Stage.CHECK,
            team_ids=_teams(team_id),
        )


def _teams(team_id):
    """A card belongs to at most one team (none: the whole school)."""
    return () if team_id is None else (team_id,)


def review_items(*, school_ids, start, end, open_only):
    """Cards in use whose review moment falls in the range, for the card's owner."""
    rows = (
        Kwaliteitskaart.objects.filter(
            archived_on__isnull=True,
            school_id__in=school_ids,
            owner__isnull=False,
            **in_range("next_review_on", start, end),
        )
        .order_by()
        .values_list(
            "id", "next_review_on", "owner_id", "title", "school_id", "school__slug", "team_id"
        )
    )
    for card_id, due_on, owner_id, title, school_id, slug, team_id in rows:
        yield DatedItem(
            type=REVIEW,
            id=card_id,
            school_id=school_id,
            title=title,
            date=due_on,
            url=reverse("kwaliteitskaarten:card", args=[slug, card_id]),
            waits_for=(owner_id,),
            stage=Stage.CHECK,
            team_ids=_teams(team_id),
        )


def _drafts(*, school_ids, start, end, under_review):
    """Drafts of cards in use as (card id, started on, owner id, title, school id, slug, team
    id)."""
    adopted = CardVersion.objects.filter(card=OuterRef("card"), status=CardVersion.Status.ADOPTED)
    drafts = CardVersion.objects.filter(
        status=CardVersion.Status.DRAFT,
        card__school_id__in=school_ids,
        card__archived_on__isnull=True,
        card__owner__isnull=False,
    )
    # Under review: a version was adopted before. Otherwise: a shared core is written, so the
    # draft could be adopted.
    drafts = drafts.filter(Exists(adopted)) if under_review else drafts.exclude(core="")
    rows = drafts.order_by().values_list(
        "card_id", "created_at", "card__owner_id", "card__title", "card__school_id",
        "card__school__slug", "card__team_id",
    )  # fmt: skip
    for card_id, created_at, owner_id, title, school_id, slug, team_id in rows:
        started_on = timezone.localdate(created_at)
        # Dated on the day it was started (drafts are few: filtered here, not in the query).
        if started_on <= end and (start is None or started_on >= start):
            yield card_id, started_on, owner_id, title, school_id, slug, team_id


def review_draft_items(*, school_ids, start, end, open_only):
    """A card under review waits for its owner: the draft is to be written (why is on the card)."""
    for card_id, started_on, owner_id, title, school_id, slug, team_id in _drafts(
        school_ids=school_ids, start=start, end=end, under_review=True
    ):
        yield DatedItem(
            type=REVIEW_DRAFT,
            id=card_id,
            school_id=school_id,
            title=title,
            date=started_on,
            url=reverse("kwaliteitskaarten:draft", args=[slug, card_id]),
            waits_for=(owner_id,),
            stage=Stage.ACT,
            remind=Remind.AWAITING,
            team_ids=_teams(team_id),
        )


def adoption_items(*, school_ids, start, end, open_only):
    """A card draft that could be adopted waits for the school's leaders."""
    drafts = list(_drafts(school_ids=school_ids, start=start, end=end, under_review=False))
    if not drafts:
        return
    leaders = staff(school_ids={row[4] for row in drafts}, roles=[Role.LEADER])
    for card_id, started_on, _owner_id, title, school_id, slug, team_id in drafts:
        yield DatedItem(
            type=ADOPTION,
            id=card_id,
            school_id=school_id,
            title=title,
            date=started_on,
            url=reverse("kwaliteitskaarten:adopt", args=[slug, card_id]),
            waits_for=tuple(leaders.get((school_id, Role.LEADER), ())),
            stage=Stage.ACT,
            remind=Remind.AWAITING,
            team_ids=_teams(team_id),
        )
