"""The indicator's rules hold for every caller of the service, not only for the form."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from dataplan import services
from dataplan.models import Indicator

from ..factories import MeasurementFactory


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def save(world, indicator=None, **changes):
    fields = {
        "name": "Rekenen",
        "question": "Rekenen onze leerlingen goed?",
        "source": "test",
        "collection_months": [6],
        "kind": "score",
        "unit": "",
        "scale_min": Decimal(1),
        "scale_max": Decimal(10),
        "higher_is_better": True,
        "norm": Decimal(6),
        "target": Decimal(7),
        "level": "year",
        "owner": world.users["teacher"],
        **changes,
    }
    return services.indicator_save(school=world.school, indicator=indicator, **fields)


def test_a_target_on_the_wrong_side_of_the_norm_is_refused(world):
    with pytest.raises(ValidationError, match="The target lies on the wrong side of the norm."):
        save(world, norm=Decimal(7), target=Decimal(6))
    with pytest.raises(ValidationError, match="wrong side of the norm") as refused:
        save(world, higher_is_better=False, norm=Decimal(6), target=Decimal(7))
    assert set(refused.value.message_dict) == {"target"}
    assert not Indicator.objects.filter(name="Rekenen").exists()


def test_a_score_needs_a_scale(world):
    with pytest.raises(ValidationError, match="A score needs a scale") as refused:
        save(world, scale_min=None, scale_max=None, norm=None, target=None)
    assert set(refused.value.message_dict) == {"scale_max"}


def test_the_maximum_lies_above_the_minimum(world):
    with pytest.raises(ValidationError, match="The maximum must be above the minimum."):
        save(world, scale_min=Decimal(10), scale_max=Decimal(1), norm=None, target=None)


def test_a_norm_outside_the_scale_is_refused(world):
    with pytest.raises(ValidationError, match="This lies outside the scale") as refused:
        save(world, norm=Decimal(11), target=None)
    assert set(refused.value.message_dict) == {"norm"}


def test_kind_and_level_stay_once_there_are_measurements(world):
    indicator = save(world)
    MeasurementFactory(indicator=indicator, value=Decimal(7))
    with pytest.raises(ValidationError, match="cannot change once the indicator has measurements"):
        save(world, indicator=indicator, kind="number")
    indicator = Indicator.objects.get(pk=indicator.pk)
    with pytest.raises(ValidationError, match="cannot change once") as refused:
        save(world, indicator=indicator, level="school")
    assert set(refused.value.message_dict) == {"level"}
    assert save(world, indicator=indicator, name="Rekenen 2").name == "Rekenen 2"


def test_the_form_shows_the_service_s_refusal_on_its_field(world, client):
    coordinator = world.users["coordinator"]
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    client.force_login(coordinator)
    data = {
        "name": "Rekenen",
        "question": "Rekenen onze leerlingen goed?",
        "source": "test",
        "kind": "number",
        "unit": "",
        "higher_is_better": "on",
        "norm": "7",
        "target": "6",
        "level": "year",
        "owner": world.users["teacher"].pk,
        "is_active": "on",
    }
    response = client.post(reverse("dataplan:indicator-new", args=[world.school.slug]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["target"] == [
        "The target lies on the wrong side of the norm."
    ]
