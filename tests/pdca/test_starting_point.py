"""A cycle started from an indicator says which groups miss the norm; its numbers read Dutch."""

import re
from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import formats, timezone, translation

from pdca.models import Cycle

from ..factories import MeasurementFactory
from .helpers import new_cycle_data


def test_the_starting_point_names_the_groups_that_miss_the_norm(world):
    """A mean above the norm (82) hides that Groep 5a is at 62: the starting point names it."""
    indicator = world.indicator  # percentage, norm ≥ 75
    indicator.measurements.all().delete()
    today = timezone.localdate()
    earlier = today - timedelta(days=3)
    MeasurementFactory(indicator=indicator, group__name="Groep 5a", value=62, measured_on=earlier)
    MeasurementFactory(indicator=indicator, group__name="Groep 6b", value=90, measured_on=today)
    MeasurementFactory(indicator=indicator, group__name="Groep 7", value=95, measured_on=today)
    client = world.client_for("coordinator")
    start_url = reverse("pdca:new", args=[world.school.slug]) + f"?indicator={indicator.pk}"
    form = client.get(start_url).context["form"]
    with translation.override("nl"):
        day = formats.date_format(earlier, "SHORT_DATE_FORMAT")
    expected = f"Leesresultaten, onder de norm: Groep 5a: 62 % ({day}); norm ≥ 75 %"
    assert form.initial["reason"] == expected
    assert "82" not in form.initial["reason"] and "90" not in form.initial["reason"]
    client.post(start_url, new_cycle_data(world, form.initial))
    assert Cycle.objects.get().origin_note == expected


def test_a_long_list_of_groups_stays_within_the_starting_point(world):
    indicator = world.indicator
    for number in range(40):
        MeasurementFactory(
            indicator=indicator, group__name=f"Groep met een lange naam {number}", value=50
        )
    client = world.client_for("coordinator")
    start_url = reverse("pdca:new", args=[world.school.slug]) + f"?indicator={indicator.pk}"
    reason = client.get(start_url).context["form"].initial["reason"]
    assert len(reason) <= 300
    assert "Groep met een lange naam 0: 50 %" in reason
    assert re.search(r" en nog \d+ groepen; norm ≥ 75 %$", reason)


def test_a_criterion_target_typed_with_a_decimal_comma(world, cycle):
    client = world.client_for("teacher")
    criterion = cycle.criteria.get()
    url = reverse("pdca:criterion-edit", args=[world.school.slug, cycle.pk, criterion.pk])
    client.post(
        url,
        {
            "description": criterion.description,
            "indicator": world.indicator.pk,
            "target_value": "7,5",
        },
    )
    criterion.refresh_from_db()
    assert criterion.target_value == Decimal("7.5")
    html = client.get(url).content.decode()
    assert 'name="target_value" value="7,5"' in html
