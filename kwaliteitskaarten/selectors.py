"""Reads of the kwaliteitskaarten, scoped to one school; query counts do not grow with data."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from kwaliteit.models import CoreValue, VisionVersion

from .models import Afspraak, AgreementCheck, CardVersion, Kwaliteitskaart

DRAFT, ADOPTED = CardVersion.Status.DRAFT, CardVersion.Status.ADOPTED


def _versions():
    return CardVersion.objects.select_related("adopted_by").prefetch_related("core_values")


def cards_list(*, school):
    """Every card with its status facts: adopted version count, draft, review moment."""
    return (
        Kwaliteitskaart.objects.filter(school=school)
        .select_related("owner", "team")
        .annotate(
            adopted_count=Count("versions", filter=Q(versions__status=ADOPTED), distinct=True),
            draft_count=Count("versions", filter=Q(versions__status=DRAFT), distinct=True),
            agreement_count=Count(
                "agreements", filter=Q(agreements__is_active=True), distinct=True
            ),
        )
        .order_by("archived_on", "title")
    )


def card_get(*, school, pk) -> Kwaliteitskaart:
    card = (
        Kwaliteitskaart.objects.filter(school=school, pk=pk).select_related("owner", "team").first()
    )
    if card is None:
        raise Http404
    return card


@dataclass
class CardVersions:
    adopted: CardVersion | None
    draft: CardVersion | None


def card_versions(*, card) -> CardVersions:
    """The version in force and the draft, if any (two queries with their core values)."""
    versions = list(
        _versions().filter(card=card).filter(Q(status=DRAFT) | Q(pk__in=_latest_adopted_ids(card)))
    )
    adopted = next((v for v in versions if v.status == ADOPTED), None)
    draft = next((v for v in versions if v.status == DRAFT), None)
    return CardVersions(adopted, draft)


def _latest_adopted_ids(card):
    return (
        CardVersion.objects.filter(card=card, status=ADOPTED).order_by("-number").values("pk")[:1]
    )


def card_status(card, versions: CardVersions):
    """concept → adopted → under review → adopted again, or archived."""
    if card.archived_on:
        return "archived"
    if versions.adopted and versions.draft:
        return "review"
    return "adopted" if versions.adopted else "concept"


def agreements_for(*, card):
    """The card's agreements with their last check (one query, whatever the number of checks)."""
    last = AgreementCheck.objects.filter(agreement=OuterRef("pk")).order_by("-checked_on", "-id")
    return (
        Afspraak.objects.filter(card=card, is_active=True)
        .select_related("owner")
        .annotate(
            last_result=Subquery(last.values("result")[:1]),
            last_checked_on=Subquery(last.values("checked_on")[:1]),
        )
    )


def agreements_register(*, school, overdue_only=False):
    """Every active agreement of the school with its last check; overdue ones first."""
    last = AgreementCheck.objects.filter(agreement=OuterRef("pk")).order_by("-checked_on", "-id")
    agreements = (
        Afspraak.objects.filter(card__school=school, is_active=True, card__archived_on=None)
        .select_related("owner", "card")
        .annotate(
            last_result=Subquery(last.values("result")[:1]),
            last_checked_on=Subquery(last.values("checked_on")[:1]),
            last_note=Subquery(last.values("note")[:1]),
        )
        .order_by("next_check_on", "card__title")
    )
    if overdue_only:
        agreements = agreements.filter(next_check_on__lt=timezone.localdate())
    return agreements


def agreement_get(*, school, pk) -> Afspraak:
    agreement = (
        Afspraak.objects.filter(card__school=school, pk=pk).select_related("card", "owner").first()
    )
    if agreement is None:
        raise Http404
    return agreement


def card_version_get(*, card, number) -> CardVersion:
    version = _versions().filter(card=card, number=number).first()
    if version is None:
        raise Http404
    return version


def agreements_marked(agreements, adopted):
    """The live agreements, each marked with how it differs from the adopted version's record.

    `since_adoption` is "new" or "changed" (with `adopted_text`) for an agreement that the next
    adopted version will take in; "" when it stands as adopted. Snapshots from before agreement
    ids were recorded are matched by text.
    """
    agreements = list(agreements)
    if adopted is None:
        for agreement in agreements:
            agreement.since_adoption, agreement.adopted_text = "", ""
        return agreements
    rows = adopted.agreements_snapshot or []
    by_id = {row["id"]: row for row in rows if "id" in row}
    texts = {row.get("text") for row in rows}
    for agreement in agreements:
        row = by_id.get(agreement.pk)
        if row is None and agreement.text in texts:
            row = {"text": agreement.text}
        agreement.adopted_text = row["text"] if row else ""
        if row is None:
            agreement.since_adoption = "new"
        elif row["text"] != agreement.text:
            agreement.since_adoption = "changed"
        else:
            agreement.since_adoption = ""
    return agreements


def values_now(version):
    """A version's core values under the name the vision gives them now: a renamed value
    follows its new name (its lineage), a value that left the vision keeps its last name."""
    values = list(version.core_values.all())
    if not values:
        return values
    current = {}
    for value in CoreValue.objects.filter(
        lineage__in={value.lineage for value in values},
        vision__status=VisionVersion.Status.ADOPTED,
    ).order_by("vision__number"):
        current[value.lineage] = value  # the newest adopted version wins
    return [current.get(value.lineage, value) for value in values]
