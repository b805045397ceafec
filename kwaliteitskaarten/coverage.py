"""Coverage of the vision: per core value, the adopted cards that carry it.

A card carries a value when its version in force (the newest adopted one) links it. Core values
are matched by name (case-insensitively), as the vision comparison does: a new vision version
makes new value rows, and a card adopted under the previous version still carries "Samen".
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string

from .models import CardVersion, Kwaliteitskaart

ADOPTED = CardVersion.Status.ADOPTED


@dataclass
class ValueCoverage:
    value: object  # kwaliteit.models.CoreValue
    cards: list[Kwaliteitskaart] = field(default_factory=list)

    @property
    def covered(self):
        return bool(self.cards)


def coverage_for_vision(version) -> list[ValueCoverage]:
    """Per core value of this vision version, the adopted, not archived cards that carry it.

    Two queries (the values, and the links of the cards in force), whatever the number of cards.
    """
    values = list(version.core_values.all())
    newer_adopted = CardVersion.objects.filter(
        card=OuterRef("cardversion__card"),
        status=ADOPTED,
        number__gt=OuterRef("cardversion__number"),
    )
    links = (
        CardVersion.core_values.through.objects.filter(
            cardversion__card__school_id=version.school_id,
            cardversion__card__archived_on=None,
            cardversion__status=ADOPTED,
        )
        .filter(~Exists(newer_adopted))
        .select_related("cardversion__card", "corevalue")
        .order_by("cardversion__card__title", "cardversion__card_id")
    )
    cards_by_name: dict[str, dict[int, Kwaliteitskaart]] = {}
    for link in links:
        card = link.cardversion.card
        cards_by_name.setdefault(link.corevalue.name.casefold(), {})[card.pk] = card
    return [
        ValueCoverage(value, list(cards_by_name.get(value.name.casefold(), {}).values()))
        for value in values
    ]


def vision_section(request, version):
    """The coverage block for the vision page, or "" for people who may not see the cards."""
    if version is None or not request.access.can("cards.view"):
        return ""
    context = {"coverage": coverage_for_vision(version)}
    return render_to_string("kwaliteitskaarten/_coverage.html", context, request)
