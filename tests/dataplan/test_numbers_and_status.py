"""Dutch numbers in the indicator form, norms inside the scale, every group's latest value, and
collection moments that only count once the indicator exists."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from dataplan import selectors
from dataplan.dated import collection_items
from dataplan.models import Indicator, Measurement
from dataplan.status import missed_months
from kwaliteit import clock
from kwaliteit.reminders import Rules, dues

from ..factories import IndicatorFactory, MeasurementFactory
from .helpers import INDICATOR_DATA

RULES = Rules(due_soon_days=7, escalate_after_days=7)

SCORE = {**INDICATOR_DATA, "kind": "score", "unit": "", "scale_min": "1", "scale_max": "10"}


def post_indicator(world, **changes):
    client = world.client_for("coordinator")
    data = {**SCORE, "owner": world.users["teacher"].pk, **changes}
    return client.post(reverse("dataplan:indicator-new", args=[world.school.slug]), data)


def test_a_norm_typed_with_a_decimal_comma_is_saved_as_typed(world):
    response = post_indicator(world, norm="7,0", target="7,5")
    assert response.status_code == 302, response.context["form"].errors
    indicator = Indicator.objects.get(name=SCORE["name"])
    assert (indicator.norm, indicator.target) == (Decimal(7), Decimal("7.5"))


def test_a_scale_with_thousands_separators_is_read(world):
    response = post_indicator(
        world, kind="number", scale_min="0", scale_max="1.234,5", norm="1.000", target=""
    )
    assert response.status_code == 302, response.context["form"].errors
    indicator = Indicator.objects.get(name=SCORE["name"])
    assert (indicator.scale_max, indicator.norm) == (Decimal("1234.5"), Decimal(1000))


def test_a_number_that_cannot_be_read_is_refused_with_a_message(world):
    response = post_indicator(world, norm="zeven")
    assert response.status_code == 200
    assert "Typ een getal, bijvoorbeeld 7,5 of 1.234,5." in response.content.decode()
    assert not Indicator.objects.filter(name=SCORE["name"]).exists()


def test_the_edit_form_shows_stored_values_the_dutch_way(world):
    indicator = IndicatorFactory(
        school=world.school,
        kind="score",
        unit="",
        scale_min=Decimal(1),
        scale_max=Decimal(10),
        norm=Decimal("7.5"),
        target=Decimal(8),
        owner=world.users["coordinator"],
    )
    client = world.client_for("coordinator")
    page = client.get(reverse("dataplan:indicator-edit", args=[world.school.slug, indicator.pk]))
    html = page.content.decode()
    assert 'name="norm" value="7,5"' in html
    assert 'name="target" value="8"' in html
    assert 'name="scale_max" value="10"' in html
    assert "7.5000" not in html and 'type="number"' not in html
    assert html.count('inputmode="decimal"') == 4


def test_a_measurement_with_thousands_separators_is_read(world):
    indicator = IndicatorFactory(school=world.school, kind="number", unit="", level="school")
    client = world.client_for("coordinator")
    response = client.post(
        reverse("dataplan:measurement-add", args=[world.school.slug, indicator.pk]),
        {"measured_on": "2025-10-01", "value": "1.234,5"},
    )
    assert response.status_code == 302
    assert Measurement.objects.get(indicator=indicator).value == Decimal("1234.5")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"norm": "11"}, "norm", "Dit ligt buiten de schaal: kies van 1 tot en met 10."),
        ({"target": "10,5"}, "target", "Dit ligt buiten de schaal: kies van 1 tot en met 10."),
        ({"norm": "0,5", "target": ""}, "norm", "kies van 1 tot en met 10"),
        (
            {"kind": "percentage", "scale_min": "", "scale_max": "", "norm": "75", "target": "110"},
            "target",
            "Een percentage ligt tussen 0 en 100.",
        ),
        (
            {"kind": "percentage", "scale_min": "", "scale_max": "", "norm": "-5", "target": ""},
            "norm",
            "Een percentage ligt tussen 0 en 100.",
        ),
        (
            {"kind": "percentage", "scale_min": "0", "scale_max": "120", "target": ""},
            "scale_max",
            "Een percentage ligt tussen 0 en 100.",
        ),
        (
            {"kind": "count", "scale_min": "", "scale_max": "", "norm": "-1", "target": ""},
            "norm",
            "Een aantal kan niet negatief zijn.",
        ),
    ],
)
def test_a_norm_or_target_outside_the_scale_is_refused(world, changes, field, message):
    response = post_indicator(world, **changes)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Indicator.objects.filter(name=SCORE["name"]).exists()


def test_the_settings_page_lists_stored_indicators_that_break_their_scale(world):
    broken = IndicatorFactory(
        school=world.school, name="Tevredenheid", kind="percentage", norm=Decimal(120)
    )
    client = world.client_for("coordinator")
    html = client.get(reverse("dataplan:settings", args=[world.school.slug])).content.decode()
    edit = reverse("dataplan:indicator-edit", args=[world.school.slug, broken.pk])
    assert f'href="{edit}"' in html
    assert "Tevredenheid aanpassen" in html and "Een percentage ligt tussen 0 en 100." in html
    assert world.indicator.name not in html  # it fits: not listed


# --- latest value per group ---------------------------------------------------------------------


@pytest.fixture
def three_groups(world):
    """Groep 5B (80) and Groep 6 (70) measured lately; Oude klas last measured 400 days ago."""
    today = timezone.localdate()
    MeasurementFactory(
        indicator=world.indicator, group__name="Groep 6", value=70, measured_on=today
    )
    old = today - timedelta(days=400)
    MeasurementFactory(
        indicator=world.indicator, group__name="Oude klas", value=10, measured_on=old
    )
    return old


def test_a_group_measured_over_a_year_ago_is_shown_as_out_of_date(world, three_groups):
    client = world.client_for("viewer")
    page = client.get(reverse("dataplan:indicator", args=[world.school.slug, world.indicator.pk]))
    html = page.content.decode()
    with translation.override("nl"):
        day = formats.date_format(three_groups, "SHORT_DATE_FORMAT")  # "27 okt. 2025"
    assert "Oude klas" in html
    assert f"laatst gemeten {day}" in html
    assert "gemiddelde van 2 van de 3 groepen die in het afgelopen jaar gemeten zijn" in html
    # and it names the groups it averages
    assert '<span class="averaged">Groep 5B, Groep 6</span>' in html
    status = page.context["row"].status
    assert status.value == Decimal("75.0")  # the old group does not drag the mean down
    assert [item.group_name for item in status.out_of_date] == ["Oude klas"]
    # nor does it ask for action: only Groep 6 misses the norm of 75
    assert [item.group_name for item in status.breaching] == ["Groep 6"]


def test_the_plan_says_which_groups_the_value_averages(world, three_groups):
    client = world.client_for("viewer")
    html = client.get(reverse("dataplan:plan", args=[world.school.slug])).content.decode()
    assert "gemiddelde van 2 van de 3 groepen die in het afgelopen jaar gemeten zijn" in html


# --- collection moments before the indicator existed --------------------------------------------


def test_moments_that_ended_before_the_indicator_existed_are_not_missed():
    today = date(2026, 12, 1)
    assert missed_months([9, 10, 11], set(), today) == [9, 10, 11]
    assert missed_months([9, 10, 11], set(), today, since=date(2026, 10, 20)) == [10, 11]
    # measured months are their first days: a moment belongs to one year, not to every October
    measured = {date(2026, 10, 1)}
    assert missed_months([9, 10, 11], measured, today, since=date(2026, 10, 20)) == [11]


def missed_collection(world, today):
    """The ids of the indicators the reminders call missed today."""
    with clock.at(timezone.make_aware(datetime.combine(today, datetime.min.time()))):
        items = collection_items(
            school_ids=[world.school.pk], start=None, end=today, open_only=True
        )
        found = dues(items, today=today, schools={world.school.pk: RULES}, staff=lambda *a: ())
        return {due.object_id for due in found if due.kind == "missed"}


def test_a_new_indicator_does_not_miss_last_month(world):
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).month
    indicator = IndicatorFactory(
        school=world.school, collection_months=[last_month], owner=world.users["coordinator"]
    )
    assert selectors.indicator_row(indicator=indicator).status.missed_months == []
    assert str(indicator.pk) not in missed_collection(world, today)
    if today.month == 8:  # the school year just started: nothing can be missed yet
        return
    # The same indicator, had it existed since August, would have missed last month.
    start = timezone.make_aware(datetime(today.year if today.month > 8 else today.year - 1, 8, 1))
    Indicator.objects.filter(pk=indicator.pk).update(created_at=start)
    indicator.refresh_from_db()
    assert selectors.indicator_row(indicator=indicator).status.missed_months == [last_month]
    assert str(indicator.pk) in missed_collection(world, today)
