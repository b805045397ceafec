"""Where a cycle naturally starts, people who may start one find the link; readers do not."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ..factories import MeasurementFactory

START = "Start an improvement cycle"


@pytest.fixture
def breaching(world):
    """The reading results fall below the norm: the dataplan asks for action."""
    world.indicator.norm = Decimal("70")
    world.indicator.higher_is_better = True
    world.indicator.save()
    world.indicator.measurements.all().delete()
    MeasurementFactory(indicator=world.indicator, value=Decimal("55"), measured_on=date.today())
    return world.indicator


@pytest.mark.parametrize(
    "persona, sees",
    [("coordinator", True), ("teacher", True), ("viewer", False), ("board_member", False)],
)
def test_dataplan_offers_a_cycle_to_those_who_may_start_one(world, en, breaching, persona, sees):
    page = en(persona).get(reverse("dataplan:plan", args=[world.school.slug]))
    assert page.status_code == 200
    assert (START in page.content.decode()) is sees
    new_url = reverse("pdca:new", args=[world.school.slug]) + f"?indicator={breaching.pk}"
    assert (new_url in page.content.decode()) is sees


@pytest.mark.parametrize("persona, sees", [("leader", True), ("viewer", False)])
def test_a_card_offers_a_cycle_to_those_who_may_start_one(world, en, persona, sees):
    page = en(persona).get(
        reverse("kwaliteitskaarten:card", args=[world.school.slug, world.card.pk])
    )
    assert (f"?card={world.card.pk}" in page.content.decode()) is sees
