"""Coverage of the vision: per core value, the adopted cards that carry it.

A card carries a value when its version in force (the newest adopted one) links it. Values are
matched by lineage (kwaliteit.models.CoreValue.lineage): each vision version has its own value
rows, and a card adopted under an earlier version still carries "Samen", even after the vision
renamed it "Samen leren". A card whose value left the vision is flagged, so its review starts.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string

from kwaliteit.models import CoreValue, VisionVersion

from .models import CardVersion, Kwaliteitskaart

ADOPTED = CardVersion.Status.ADOPTED


@dataclass
class ValueCoverage:
    value: object  # kwaliteit.models.CoreValue
    cards: list[Kwaliteitskaart] = field(default_factory=list)

    @property
    def covered(self):
        return bool(self.cards)


@dataclass
class ValueChange:
    """A value of the adopted vision that a draft removes or renames, with the cards carrying it."""

    old: object  # the adopted CoreValue
    new: object | None  # the draft's CoreValue of the same lineage, None when removed
    cards: list[Kwaliteitskaart]


def _links_in_force(school_id):
    """(card, core value) for every value linked by an adopted, not archived card's version in
    force; one query, whatever the number of cards."""
    newer_adopted = CardVersion.objects.filter(
        card=OuterRef("cardversion__card"),
        status=ADOPTED,
        number__gt=OuterRef("cardversion__number"),
    )
    links = (
        CardVersion.core_values.through.objects.filter(
            cardversion__card__school_id=school_id,
            cardversion__card__archived_on=None,
            cardversion__status=ADOPTED,
        )
        .filter(~Exists(newer_adopted))
        .select_related("cardversion__card", "corevalue")
        .order_by("cardversion__card__title", "cardversion__card_id")
    )
    return [(link.cardversion.card, link.corevalue) for link in links]


def _cards_by_lineage(school_id):
    cards = {}
    for card, value in _links_in_force(school_id):
        cards.setdefault(value.lineage, {})[card.pk] = card
    return {lineage: list(by_pk.values()) for lineage, by_pk in cards.items()}


def coverage_for_vision(version) -> list[ValueCoverage]:
    """Per core value of this vision version, the adopted, not archived cards that carry it.

    Two queries (the values, and the links of the cards in force), whatever the number of cards.
    """
    values = list(version.core_values.all())
    cards = _cards_by_lineage(version.school_id)
    return [ValueCoverage(value, cards.get(value.lineage, [])) for value in values]


def draft_changes(draft, adopted) -> list[ValueChange]:
    """Every value of the adopted vision that the draft removes or renames, with the adopted cards
    that carry it (a renamed value keeps them; a removed one leaves them flagged)."""
    if adopted is None:
        return []
    old_values = list(adopted.core_values.all())
    new_values = {value.lineage: value for value in draft.core_values.all()}
    cards = _cards_by_lineage(draft.school_id)
    changes = []
    for old in old_values:
        new = new_values.get(old.lineage)
        if new is not None and new.name == old.name:
            continue
        changes.append(ValueChange(old, new, cards.get(old.lineage, [])))
    return changes


def values_left_behind(school_id) -> dict[int, list[str]]:
    """Per adopted card, the values it carries that are no longer in the adopted vision.

    Two queries. Without an adopted vision nothing is flagged.
    """
    current = (
        VisionVersion.objects.filter(school_id=school_id, status=VisionVersion.Status.ADOPTED)
        .order_by("-number")
        .values("pk")[:1]
    )
    lineages = set(CoreValue.objects.filter(vision__in=current).values_list("lineage", flat=True))
    if not lineages:
        return {}
    stale = {}
    for card, value in _links_in_force(school_id):
        if value.lineage not in lineages:
            stale.setdefault(card.pk, []).append(value.name)
    return stale


def vision_section(request, version):
    """The coverage block for the vision page, or "" for people who may not see the cards."""
    if version is None or not request.access.can("cards.view"):
        return ""
    context = {"coverage": coverage_for_vision(version)}
    return render_to_string("kwaliteitskaarten/_coverage.html", context, request)


def vision_draft_section(request, draft, adopted):
    """On the vision draft and adopt pages: which cards carry a value the draft removes or
    renames, before the leader adopts it."""
    changes = draft_changes(draft, adopted)
    if not changes:
        return ""
    context = {"changes": changes, "draft": draft}
    return render_to_string("kwaliteitskaarten/_vision_draft_changes.html", context, request)
