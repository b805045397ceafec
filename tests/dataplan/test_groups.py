"""Groups that look alike in an import, and the page to rename and merge groups."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from dataplan.models import DataImport, Group, Measurement

from ..factories import GroupFactory, MeasurementFactory
from .helpers import map_columns, upload

ALIKE = (
    "Indicator;Klas;Datum;Waarde\n"
    "Leesresultaten;5b;01-10-2025;72,5\n"
    "Leesresultaten;Groep 6;01-10-2025;81\n"
)


def _import(client, world):
    response = upload(client, world.school, ALIKE)
    map_columns(client, response)
    return response, DataImport.objects.get(original_name="metingen.csv", row_count=2)


def test_a_group_that_looks_like_an_existing_one_is_matched_when_the_user_confirms(world):
    client = world.client_for("coordinator")
    response, data_import = _import(client, world)
    assert data_import.summary["similar_groups"] == [["class", "5b", "Groep 5B"]]
    page = client.get(response["Location"]).content.decode()
    assert "“5b” is de bestaande groep “Groep 5B”" in page
    client.post(response["Location"], {"match_groups": "1", "match": ["0"]})
    data_import.refresh_from_db()
    assert data_import.status == "valid", data_import.problems
    assert data_import.summary["new_groups"] == [["class", "Groep 6"]]
    client.post(reverse("dataplan:import-confirm", args=[world.school.slug, data_import.id]))
    saved = Measurement.objects.get(data_import=data_import, value=Decimal("72.5"))
    assert saved.group.name == "Groep 5B"
    assert not Group.objects.filter(school=world.school, name="5b").exists()


def test_look_alike_groups_stay_apart_unless_the_user_matches_them(world):
    client = world.client_for("coordinator")
    response, data_import = _import(client, world)
    client.post(response["Location"], {"match_groups": "1"})  # nothing ticked
    data_import.refresh_from_db()
    assert data_import.summary["new_groups"] == [["class", "5b"], ["class", "Groep 6"]]
    client.post(reverse("dataplan:import-confirm", args=[world.school.slug, data_import.id]))
    assert Group.objects.filter(school=world.school, name="5b").exists()


def test_groups_page_renames_and_refuses_a_name_that_exists(world):
    client = world.client_for("leader")
    group = world.measurement.group
    other = GroupFactory(school=world.school, level=group.level, name="Groep 6")
    url = reverse("dataplan:groups", args=[world.school.slug])
    page = client.get(url).content.decode()
    assert "Groep 6" in page and "Groep 5B" in page
    refused = client.post(
        url, {"group": other.pk, "action": "rename", f"rename{other.pk}-name": "groep 5b"}
    )
    assert refused.status_code == 200
    assert "Er is al een groep “groep 5b”: voeg de twee samen." in refused.content.decode()
    other.refresh_from_db()
    assert other.name == "Groep 6"
    client.post(
        url, {"group": other.pk, "action": "rename", f"rename{other.pk}-name": " Groep  6A "}
    )
    other.refresh_from_db()
    assert other.name == "Groep 6A"


def test_merging_moves_the_measurements_after_a_confirmation(world):
    client = world.client_for("coordinator")
    target = world.measurement.group
    source = GroupFactory(school=world.school, level=target.level, name="5B")
    MeasurementFactory(indicator=world.indicator, group=source, measured_on=date(2025, 11, 3))
    url = reverse("dataplan:groups", args=[world.school.slug])
    data = {"group": source.pk, "action": "merge", f"merge{source.pk}-target": target.pk}
    asked = client.post(url, data)
    assert "1 meting van “5B” gaat naar “Groep 5B”" in asked.content.decode()
    assert Group.objects.filter(pk=source.pk).exists()  # not yet
    client.post(url, {**data, "confirm": "1"})
    assert not Group.objects.filter(pk=source.pk).exists()
    assert Measurement.objects.filter(group=target).count() == 2


def test_merging_is_refused_on_a_clash_and_nothing_changes(world):
    client = world.client_for("coordinator")
    target = world.measurement.group
    source = GroupFactory(school=world.school, level=target.level, name="5B")
    MeasurementFactory(indicator=world.indicator, group=source, measured_on=date(2025, 11, 3))
    MeasurementFactory(
        indicator=world.indicator, group=source, measured_on=world.measurement.measured_on
    )
    url = reverse("dataplan:groups", args=[world.school.slug])
    data = {"group": source.pk, "action": "merge", f"merge{source.pk}-target": target.pk}
    refused = client.post(url, {**data, "confirm": "1"})
    assert refused.status_code == 200
    assert "Er is niets samengevoegd" in refused.content.decode()
    assert "Leesresultaten" in refused.content.decode()
    assert Group.objects.filter(pk=source.pk).exists()
    assert Measurement.objects.filter(group=source).count() == 2
    assert Measurement.objects.filter(group=target).count() == 1


def test_teachers_cannot_rename_or_merge(world):
    client = world.client_for("teacher")
    response = client.get(reverse("dataplan:groups", args=[world.school.slug]))
    assert response.status_code in (403, 404)
