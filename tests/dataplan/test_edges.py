"""Edges of the dataplan: other schools' objects, odd input, stale and inactive indicators."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dataplan import selectors
from dataplan.models import DataImport, Measurement

from ..factories import DataImportFactory, IndicatorFactory, MeasurementFactory
from .helpers import map_columns, upload


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("dataplan:indicator", "indicator"),
        ("dataplan:indicator-edit", "indicator"),
        ("dataplan:indicator-export", "export"),
        ("dataplan:import", "import"),
    ],
)
def test_another_schools_objects_are_not_found(world, name, args):
    foreign = MeasurementFactory(indicator=IndicatorFactory(school=world.other_school))
    foreign_import = DataImportFactory(school=world.other_school)
    kwargs = {
        "indicator": [world.school.slug, foreign.indicator.pk],
        "export": [world.school.slug, foreign.indicator.pk, "csv"],
        "import": [world.school.slug, foreign_import.id],
    }[args]
    assert world.client_for("coordinator").get(reverse(name, args=kwargs)).status_code == 404


def test_posting_to_another_schools_objects_changes_nothing(world):
    foreign = MeasurementFactory(indicator=IndicatorFactory(school=world.other_school))
    foreign_import = DataImportFactory(school=world.other_school, status="valid")
    client = world.client_for("coordinator")
    slug = world.school.slug
    urls = [
        reverse("dataplan:measurement-delete", args=[slug, foreign.pk]),
        reverse("dataplan:measurement-add", args=[slug, foreign.indicator.pk]),
        reverse("dataplan:decision-add", args=[slug, foreign.indicator.pk]),
        reverse("dataplan:import-confirm", args=[slug, foreign_import.id]),
    ]
    for url in urls:
        assert client.post(url, {"value": "1", "measured_on": "2025-10-01"}).status_code == 404
    assert Measurement.objects.filter(pk=foreign.pk).exists()
    assert DataImport.objects.get(pk=foreign_import.pk).status == "valid"


def test_an_import_lands_on_the_own_schools_indicator_and_groups(world):
    twin = IndicatorFactory(school=world.other_school, name="Leesresultaten")
    MeasurementFactory(indicator=twin, group__name="Groep 6")
    client = world.client_for("coordinator")
    text = "Indicator;Groep;Datum;Waarde\nLeesresultaten;Groep 6;01-10-2025;70\n"
    response = upload(client, world.school, text)
    map_columns(client, response)
    data_import = DataImport.objects.get(school=world.school, row_count=1, status="valid")
    client.post(reverse("dataplan:import-confirm", args=[world.school.slug, data_import.id]))
    saved = Measurement.objects.get(data_import=data_import)
    assert saved.indicator == world.indicator
    assert saved.group.school == world.school


def test_xlsx_export_of_an_indicator_with_a_slash_in_its_name(world):
    world.indicator.name = "Referentieniveau 2F/1S [lezen]"
    world.indicator.save()
    client = world.client_for("viewer")
    url = reverse("dataplan:indicator-export", args=[world.school.slug, world.indicator.pk, "xlsx"])
    assert client.get(url).status_code == 200


def test_a_file_over_the_limit_is_refused_before_reading(world, settings):
    settings.IMPORT_MAX_BYTES = 100
    client = world.client_for("coordinator")
    data = SimpleUploadedFile("groot.csv", b"Indicator;Datum;Waarde\n" + b"x;1-1-2026;1\n" * 20)
    response = client.post(
        reverse("dataplan:import-upload", args=[world.school.slug]),
        {"file": data, "school_year": "2025"},
    )
    assert response.context["form"].errors["file"]
    assert not DataImport.objects.filter(original_name="groot.csv").exists()


def test_odd_group_parameter_does_not_break_the_page(world):
    client = world.client_for("viewer")
    url = reverse("dataplan:indicator", args=[world.school.slug, world.indicator.pk])
    assert client.get(url + "?groep=²&groep=-1&groep=abc").status_code == 200


def test_inactive_indicator_asks_for_nothing(world):
    MeasurementFactory(indicator=world.indicator, group__name="Groep 9", value=Decimal(10))
    world.indicator.is_active = False
    world.indicator.save()
    status = selectors.indicator_row(indicator=world.indicator).status
    assert status.state == "inactive"
    assert not status.needs_action and status.missed_months == []


def test_an_indicator_without_a_measurement_for_a_year_is_outdated(world):
    indicator = IndicatorFactory(school=world.school, owner=world.users["coordinator"])
    MeasurementFactory(
        indicator=indicator,
        value=Decimal(10),
        measured_on=timezone.localdate() - timedelta(days=400),
    )
    status = selectors.indicator_row(indicator=indicator).status
    assert status.state == "outdated"
    assert not status.needs_action


def test_kind_and_level_are_fixed_once_there_are_measurements(world):
    client = world.client_for("coordinator")
    url = reverse("dataplan:indicator-edit", args=[world.school.slug, world.indicator.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(kind="count", collection_months=["10"], higher_is_better="on", is_active="on")
    response = client.post(url, data)
    assert response.context["form"].errors["kind"]
    world.indicator.refresh_from_db()
    assert world.indicator.kind == "percentage"


def _checked(client, school, text, year="2025"):
    data = SimpleUploadedFile("m.csv", text.encode(), content_type="text/csv")
    response = client.post(
        reverse("dataplan:import-upload", args=[school.slug]), {"file": data, "school_year": year}
    )
    map_columns(client, response)
    return DataImport.objects.get(original_name="m.csv")


def test_a_leading_zero_is_never_a_thousands_group(world):
    client = world.client_for("coordinator")
    text = "Indicator;Groep;Datum;Waarde\nLeesresultaten;Groep 1;01-10-2025;0,5\n"
    text += "Leesresultaten;Groep 2;01-10-2025;0.125\n"
    data_import = _checked(client, world.school, text)
    assert data_import.status == "valid", data_import.problems
    client.post(reverse("dataplan:import-confirm", args=[world.school.slug, data_import.id]))
    values = dict(
        Measurement.objects.filter(data_import=data_import).values_list("group__name", "value")
    )
    assert values == {"Groep 1": Decimal("0.5"), "Groep 2": Decimal("0.125")}


def test_formulas_are_refused_in_every_column(world):
    client = world.client_for("coordinator")
    text = 'Indicator;Groep;Datum;Waarde;Toelichting\nLeesresultaten;="3"&"A";01-10-2025;70;=1+1\n'
    data_import = _checked(client, world.school, text)
    columns = {p["column"] for p in data_import.problems}
    assert {"Groep", "Toelichting"} <= columns


def test_a_measurement_dated_in_the_future_is_refused_on_import(world):
    client = world.client_for("coordinator")
    tomorrow = timezone.localdate() + timedelta(days=1)
    year = str(tomorrow.year if tomorrow.month >= 8 else tomorrow.year - 1)
    text = f"Indicator;Groep;Datum;Waarde\nLeesresultaten;Groep 1;{tomorrow:%d-%m-%Y};70\n"
    data_import = _checked(client, world.school, text, year=year)
    assert [(p["row"], p["column"]) for p in data_import.problems] == [(2, "Datum")]
