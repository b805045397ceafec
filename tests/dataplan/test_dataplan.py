"""The dataplan as a coordinator and a leader use it: indicators, measurements, status."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from dataplan import selectors, services
from dataplan.models import DataplanSettings, Decision, Indicator, Measurement

from ..factories import IndicatorFactory, MeasurementFactory
from .helpers import INDICATOR_DATA


def test_coordinator_defines_an_indicator(world):
    client = world.client_for("coordinator")
    data = {**INDICATOR_DATA, "owner": world.users["teacher"].pk}
    response = client.post(reverse("dataplan:indicator-new", args=[world.school.slug]), data)
    indicator = Indicator.objects.get(name="Begrijpend lezen")
    assert response["Location"] == reverse(
        "dataplan:indicator", args=[world.school.slug, indicator.pk]
    )
    assert indicator.collection_months == [1, 6]
    assert indicator.owner == world.users["teacher"]


def test_an_indicator_without_a_question_is_refused(world):
    client = world.client_for("coordinator")
    data = {**INDICATOR_DATA, "question": "", "owner": world.users["teacher"].pk}
    response = client.post(reverse("dataplan:indicator-new", args=[world.school.slug]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["question"]
    assert not Indicator.objects.filter(name="Begrijpend lezen").exists()


def test_owner_must_belong_to_the_school(world):
    client = world.client_for("coordinator")
    data = {**INDICATOR_DATA, "owner": world.users["outsider"].pk}
    response = client.post(reverse("dataplan:indicator-new", args=[world.school.slug]), data)
    assert response.context["form"].errors["owner"]


def test_target_on_the_wrong_side_of_the_norm(world):
    client = world.client_for("coordinator")
    data = {**INDICATOR_DATA, "target": "50", "owner": world.users["teacher"].pk}
    response = client.post(reverse("dataplan:indicator-new", args=[world.school.slug]), data)
    assert response.context["form"].errors["target"]


@pytest.mark.parametrize(
    ("kind", "value", "field"),
    [("percentage", "101", "value"), ("count", "-1", "value"), ("count", "2,5", "value")],
)
def test_values_that_do_not_fit_the_kind_are_refused(world, kind, value, field):
    indicator = IndicatorFactory(school=world.school, kind=kind, owner=world.users["coordinator"])
    client = world.client_for("coordinator")
    response = client.post(
        reverse("dataplan:measurement-add", args=[world.school.slug, indicator.pk]),
        {"group_name": "Groep 5", "measured_on": "2025-10-01", "value": value},
    )
    assert response.status_code == 200
    assert not Measurement.objects.filter(indicator=indicator).exists()


def test_measurement_by_hand_with_a_decimal_comma(world):
    client = world.client_for("leader")
    response = client.post(
        reverse("dataplan:measurement-add", args=[world.school.slug, world.indicator.pk]),
        {
            "group_name": "Groep 6",
            "measured_on": "2025-10-01",
            "value": "72,5",
            "note": "Nieuwe methode, eerste jaar",
        },
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get(group__name="Groep 6")
    assert measurement.value == Decimal("72.5")
    assert measurement.note == "Nieuwe methode, eerste jaar"


def test_a_second_value_for_the_same_group_and_date_is_refused(world):
    with pytest.raises(ValidationError, match="al een waarde|already has a value"):
        services.measurement_add(
            indicator=world.indicator,
            group_name="groep 5b",
            measured_on=world.measurement.measured_on,
            value=Decimal(50),
            note="",
            user=world.users["coordinator"],
        )
    assert Measurement.objects.filter(indicator=world.indicator).count() == 1


def test_a_measurement_in_the_future_is_refused(world):
    with (
        translation.override("nl"),
        pytest.raises(ValidationError, match="Een meting kan niet in de toekomst liggen"),
    ):
        services.measurement_add(
            indicator=world.indicator,
            group_name="Groep 5B",
            measured_on=timezone.localdate() + timedelta(days=1),
            value=Decimal(50),
            note="",
            user=world.users["coordinator"],
        )


def test_a_value_below_the_norm_asks_for_action(world):
    MeasurementFactory(
        indicator=world.indicator,
        group__name="Groep 7",
        value=Decimal("60"),
        measured_on=world.measurement.measured_on,
    )
    client = world.client_for("teacher", language="en")
    html = client.get(reverse("dataplan:plan", args=[world.school.slug])).content.decode()
    assert "asks for action" in html
    row = selectors.indicator_row(indicator=world.indicator)
    assert [item.group_name for item in row.status.breaching] == ["Groep 7"]
    assert row.status.value == Decimal("70.0")  # mean of 80 and 60


def test_lower_is_better_flips_the_norm(world):
    indicator = IndicatorFactory(
        school=world.school,
        kind="count",
        norm=Decimal(4),
        target=Decimal(2),
        higher_is_better=False,
        level="school",
        owner=world.users["coordinator"],
    )
    MeasurementFactory(indicator=indicator, group__level="school", group__name="", value=5)
    assert selectors.indicator_row(indicator=indicator).status.needs_action


def test_missed_collection_moment_is_shown(world):
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).month
    indicator = IndicatorFactory(
        school=world.school, collection_months=[last_month], owner=world.users["coordinator"]
    )
    Indicator.objects.filter(pk=indicator.pk).update(created_at=timezone.now() - timedelta(400))
    indicator.refresh_from_db()  # it existed before the moment: the moment was missed
    row = selectors.indicator_row(indicator=indicator)
    # Also in August: last year's July moment is not forgotten on the year's first day.
    assert row.status.missed_months == [last_month]


def test_overload_guard_names_indicators_without_decisions(world):
    DataplanSettings.objects.create(school=world.school, max_active_indicators=2)
    decided = IndicatorFactory(school=world.school, owner=world.users["coordinator"])
    Decision.objects.create(indicator=decided, decided_on=timezone.localdate(), text="Besluit")
    silent = IndicatorFactory(school=world.school, owner=world.users["coordinator"])
    client = world.client_for("coordinator")
    response = client.get(reverse("dataplan:plan", args=[world.school.slug]))
    assert response.context["overloaded"]
    stale = [row.indicator for row in response.context["stale"]]
    assert silent in stale and world.indicator in stale
    assert decided not in stale


def test_no_overload_warning_under_the_maximum(world):
    client = world.client_for("coordinator")
    response = client.get(reverse("dataplan:plan", args=[world.school.slug]))
    assert not response.context["overloaded"]


def test_indicator_page_shows_chart_with_text_alternative(world):
    client = world.client_for("viewer")
    response = client.get(
        reverse("dataplan:indicator", args=[world.school.slug, world.indicator.pk])
    )
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "Groep 5B" in response.context["chart"].description


def test_decision_is_recorded(world):
    client = world.client_for("coordinator")
    response = client.post(
        reverse("dataplan:decision-add", args=[world.school.slug, world.indicator.pk]),
        {"decided_on": "2025-11-01", "text": "Extra leesinterventie in groep 5"},
    )
    assert response.status_code == 302
    assert world.indicator.decisions.get().text == "Extra leesinterventie in groep 5"


def test_teacher_cannot_add_measurements(world):
    client = world.client_for("teacher")
    response = client.post(
        reverse("dataplan:measurement-add", args=[world.school.slug, world.indicator.pk]),
        {"group_name": "Groep 6", "measured_on": "2025-10-01", "value": "72"},
    )
    assert response.status_code == 403
    assert Measurement.objects.count() == 1


def test_another_schools_indicator_is_not_found(world):
    foreign = IndicatorFactory(school=world.other_school)
    client = world.client_for("coordinator")
    url = reverse("dataplan:indicator", args=[world.school.slug, foreign.pk])
    assert client.get(url).status_code == 404


def test_status_ignores_groups_not_measured_for_over_a_year(world):
    MeasurementFactory(
        indicator=world.indicator,
        group__name="Oude klas",
        value=Decimal(10),
        measured_on=world.measurement.measured_on - timedelta(days=500),
    )
    status = selectors.indicator_row(indicator=world.indicator).status
    assert [item.group_name for item in status.latest] == ["Groep 5B"]
    assert not status.needs_action


def test_school_year_bounds():
    from kwaliteit.schoolyear import SchoolYear

    year = SchoolYear.of(date(2026, 3, 1))
    assert str(year) == "2025-2026"
    assert date(2025, 8, 1) in year and date(2026, 7, 31) in year
    assert date(2026, 8, 1) not in year
