"""Real exports through the pages: headers, school year, good rows only, encoding, hostile files."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dataplan.models import DataImport, Measurement

from ..helpers.pages import get
from .helpers import BAD, GOOD, map_columns, upload


def _upload_bytes(client, school, data, name, **fields):
    return client.post(
        reverse("dataplan:import-upload", args=[school.slug]),
        {"file": SimpleUploadedFile(name, data), **fields},
    )


def _confirm(client, school, data_import, **data):
    return client.post(reverse("dataplan:import-confirm", args=[school.slug, data_import.id]), data)


def test_good_rows_are_imported_when_the_user_chooses_and_skipped_rows_download(world):
    client = world.client_for("coordinator")
    response = upload(client, world.school, BAD)
    map_columns(client, response)
    data_import = DataImport.objects.get(original_name="metingen.csv", row_count=3)
    assert data_import.status == "invalid"
    page = client.get(response["Location"]).content.decode()
    assert "Importeer de 1 goede rij en sla de 2 met problemen over" in page
    assert '<span class="skipped-rows">3, 4</span>' in page
    # The default stays all or nothing: an ordinary confirm saves nothing.
    _confirm(client, world.school, data_import)
    assert not Measurement.objects.filter(data_import=data_import).exists()
    _confirm(client, world.school, data_import, skip_problem_rows="1")
    data_import.refresh_from_db()
    assert data_import.status == "done", data_import.problems
    saved = Measurement.objects.filter(data_import=data_import)
    assert list(saved.values_list("group__name", "value")) == [("Groep 5B", Decimal("72.5"))]
    done = client.get(response["Location"]).content.decode()
    assert "2 rijen met problemen zijn overgeslagen." in done
    download = get(
        client, reverse("dataplan:import-skipped", args=[world.school.slug, data_import.id])
    )
    text = download.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert download["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [
        ["Indicator", "Groep", "Datum", "Waarde", "Toelichting"],
        ["Leesresultaten", "Groep 6", "01-10-2025", "veel", "nieuwe methode"],
        ["Leesresultaten", "Groep 7", "15-03-2027", "66,0", ""],
    ]


def test_skipped_rows_csv_neutralises_formulas(world):
    client = world.client_for("coordinator")
    text = GOOD.replace(";nieuwe methode", ';+HYPERLINK("http://x")')
    response = upload(client, world.school, text)
    map_columns(client, response)
    data_import = DataImport.objects.get(row_count=3)
    assert data_import.summary["skipped_rows"] == [3]
    _confirm(client, world.school, data_import, skip_problem_rows="1")
    download = get(
        client, reverse("dataplan:import-skipped", args=[world.school.slug, data_import.id])
    )
    assert "'+HYPERLINK" in download.content.decode()


def test_skip_is_refused_when_the_problems_changed_meanwhile(world):
    client = world.client_for("coordinator")
    response = upload(client, world.school, BAD)
    map_columns(client, response)
    data_import = DataImport.objects.get(row_count=3)
    # Someone enters another value for the good row by hand before the user confirms.
    Measurement.objects.filter(group__name="Groep 5B").update(
        measured_on="2025-10-01", value=Decimal("50")
    )
    _confirm(client, world.school, data_import, skip_problem_rows="1")
    data_import.refresh_from_db()
    assert data_import.status == "invalid"
    assert not Measurement.objects.filter(data_import=data_import).exists()


def test_import_is_not_offered_when_every_row_is_already_present(world):
    client = world.client_for("coordinator")
    first = upload(client, world.school, GOOD)
    map_columns(client, first)
    _confirm(client, world.school, DataImport.objects.get(row_count=3))
    again = upload(client, world.school, GOOD)
    map_columns(client, again)
    second = DataImport.objects.get(row_count=3, status="valid")
    page = client.get(again["Location"]).content.decode()
    assert "Er is niets nieuws te importeren" in page
    assert reverse("dataplan:import-confirm", args=[world.school.slug, second.id]) not in page
    _confirm(client, world.school, second)
    second.refresh_from_db()
    assert second.status == "valid"


def test_import_of_only_bad_rows_offers_no_skip(world):
    client = world.client_for("coordinator")
    text = "Indicator;Groep;Datum;Waarde\nLeesresultaten;Groep 6;01-10-2025;veel\n"
    response = upload(client, world.school, text)
    map_columns(client, response)
    data_import = DataImport.objects.exclude(pk=world.data_import.pk).get(row_count=1)
    assert data_import.status == "invalid"
    assert not data_import.summary["skippable"]
    page = client.get(response["Location"]).content.decode()
    assert "skip_problem_rows" not in page
    _confirm(client, world.school, data_import, skip_problem_rows="1")
    data_import.refresh_from_db()
    assert data_import.status == "invalid"


def test_example_file_is_dutch_excel_and_imports_as_it_is(world):
    client = world.client_for("coordinator")
    upload_page = client.get(reverse("dataplan:import-upload", args=[world.school.slug]))
    example_url = reverse("dataplan:import-example", args=[world.school.slug])
    assert example_url in upload_page.content.decode()
    response = get(client, example_url)
    assert response["Content-Disposition"].startswith("attachment")
    data = response.content
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Indicator", "Groep", "Datum", "Waarde", "Toelichting"]
    assert all("," in row[3] for row in rows[1:])  # decimal comma
    assert all(len(row[2].split("-")[2]) == 4 for row in rows[1:])  # d-m-Y
    uploaded = _upload_bytes(client, world.school, data, "voorbeeld.csv")
    map_columns(client, uploaded)
    data_import = DataImport.objects.get(original_name="voorbeeld.csv")
    assert data_import.status == "valid", data_import.problems
    _confirm(client, world.school, data_import)
    data_import.refresh_from_db()
    assert data_import.status == "done"
    assert Measurement.objects.filter(data_import=data_import).count() == len(rows) - 1


def test_school_year_follows_the_dates_and_can_be_changed_without_uploading_again(world):
    client = world.client_for("coordinator")
    text = "Klas;Peildatum;Gemiddelde;Opmerking\nGroep 6;01-10-2024;81;\nGroep 7;15-03-2025;66,0;\n"
    response = _upload_bytes(
        client,
        world.school,
        text.encode(),
        "cito.csv",
        indicator=str(world.indicator.pk),
    )
    data_import = DataImport.objects.get(original_name="cito.csv")
    assert data_import.school_year == 2024
    page = client.get(response["Location"])
    assert "Alle datums in het bestand vallen in schooljaar 2024-2025." in page.content.decode()
    form = page.context["form"]
    data = {name: form[name].initial for name in form.fields}
    assert data == {
        "school_year": 2024,
        "col0": "group",
        "col1": "date",
        "col2": "value",
        "col3": "note",
    }
    client.post(response["Location"], data)
    data_import.refresh_from_db()
    assert data_import.status == "valid", data_import.problems
    client.post(response["Location"], {**data, "school_year": 2025})
    data_import.refresh_from_db()
    assert data_import.school_year == 2025
    assert data_import.status == "invalid"  # the dates lie outside 2025-2026
    # The message's Dutch wording comes with the catalogue; the date and the year are in it.
    message = data_import.problems[0]["message"]
    assert "1 oktober 2024" in message and "2025-2026" in message


def test_stray_byte_keeps_utf8_and_the_encoding_can_be_changed_on_the_preview(world):
    client = world.client_for("coordinator")
    data = GOOD.replace("Groep 6", "Groep één").encode("utf-8").replace(b"nieuwe", b"nieuw\xe9")
    response = _upload_bytes(client, world.school, data, "metingen.csv", school_year="2025")
    page = client.get(response["Location"]).content.decode()
    assert "Gelezen als UTF-8." in page
    assert "1 regel bevatte tekens die niet te lezen waren" in page
    assert "Groep één" in page
    data_import = DataImport.objects.get(original_name="metingen.csv", row_count=3)
    client.post(response["Location"], {"encoding": "cp1252", "read_again": "1"})
    data_import.refresh_from_db()
    assert data_import.encoding == "cp1252"
    page = client.get(response["Location"]).content.decode()
    assert "Gelezen als Windows-1252." in page
    assert "Groep Ã©Ã©n" in page


def _wide_xlsx(cells):
    from .helpers import _xlsx_with_one_wide_row

    return _xlsx_with_one_wide_row(cells)


def _bomb():
    from .helpers import _zip_bomb

    return _zip_bomb(300)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("breed.csv", lambda: (";".join(["x"] * 100_000) + "\n1\n").encode(), "100.000 kolommen"),
        ("breder.csv", lambda: ("a;" * 1_000_000 + "\n1\n").encode(), "hoogstens 200"),
        ("rij.xlsx", lambda: _wide_xlsx(1_000_000), "uitgepakt te groot"),
        ("bom.xlsx", _bomb, "uitgepakt te groot"),
        (
            "cel.csv",
            lambda: b"Indicator;Datum;Waarde\nLeesresultaten;01-10-2025;" + b"9" * 3_000_000,
            "langer dan 100.000 tekens",
        ),
    ],
    ids=["100k-columns", "1M-columns", "xlsx-million-cells", "xlsx-zip-bomb", "huge-cell"],
)
def test_hostile_files_get_a_clear_message_and_nothing_is_saved(
    world, name, make, message, django_capture_on_commit_callbacks
):
    client = world.client_for("coordinator")
    measurements = Measurement.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload_bytes(client, world.school, make(), name, school_year="2025")
    if response.status_code == 200:  # refused before the file was stored
        assert message in " ".join(response.context["form"].errors["file"])
        assert not DataImport.objects.filter(original_name=name).exists()
    else:  # refused while reading, in the background
        page = client.get(response["Location"])
        assert message in page.content.decode()
        data_import = DataImport.objects.get(original_name=name)
        assert data_import.status == "failed"
        assert data_import.preview == {}
    assert Measurement.objects.count() == measurements
    assert client.get(reverse("dataplan:plan", args=[world.school.slug])).status_code == 200
