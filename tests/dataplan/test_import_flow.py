"""Import through the pages: upload → mapping → report → confirm; all rows or none."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dataplan import imports
from dataplan.models import DataImport, Group, Measurement

from ..helpers.pages import get
from .helpers import BAD, GOOD, map_columns, upload


def test_dutch_csv_with_bad_rows_reports_every_problem_and_saves_nothing(world):
    client = world.client_for("coordinator")
    response = upload(client, world.school, BAD)
    assert response.status_code == 302
    map_columns(client, response)
    data_import = DataImport.objects.get(original_name="metingen.csv", row_count=3)
    assert data_import.status == "invalid"
    problems = {(p["row"], p["column"]) for p in data_import.problems}
    assert (3, "Waarde") in problems  # "veel" is not a number
    assert (4, "Datum") in problems  # outside school year 2025-2026
    page = client.get(response["Location"]).content.decode()
    assert "“veel” is geen getal." in page
    assert Measurement.objects.count() == 1  # only the fixture's
    confirm = reverse("dataplan:import-confirm", args=[world.school.slug, data_import.id])
    client.post(confirm)
    assert Measurement.objects.count() == 1


def test_fixed_file_imports_all_rows_and_again_reports_duplicates(world):
    client = world.client_for("coordinator")
    response = upload(client, world.school, GOOD)
    map_columns(client, response)
    data_import = DataImport.objects.get(row_count=3, status="valid")
    assert data_import.summary["new_groups"] == [["class", "Groep 6"], ["class", "Groep 7"]]
    client.post(reverse("dataplan:import-confirm", args=[world.school.slug, data_import.id]))
    data_import.refresh_from_db()
    assert data_import.status == "done"
    values = dict(
        Measurement.objects.filter(data_import=data_import).values_list("group__name", "value")
    )
    assert values == {
        "Groep 5B": Decimal("72.5"),
        "Groep 6": Decimal("81"),
        "Groep 7": Decimal("66"),
    }
    assert Measurement.objects.get(group__name="Groep 6").note == "nieuwe methode"
    assert Group.objects.filter(school=world.school, name="Groep 6").count() == 1

    again = upload(client, world.school, GOOD)
    map_columns(client, again)
    second = DataImport.objects.exclude(pk=data_import.pk).get(row_count=3)
    assert second.summary["already_present"] == 3
    client.post(reverse("dataplan:import-confirm", args=[world.school.slug, second.id]))
    assert Measurement.objects.count() == 4  # nothing doubled


def test_windows_1252_file_from_old_excel(world):
    client = world.client_for("coordinator")
    text = GOOD.replace("\ufeff", "").replace("nieuwe methode", "café-methode, één groep")
    response = upload(client, world.school, text, encoding="cp1252")
    map_columns(client, response)
    data_import = DataImport.objects.get(row_count=3)
    assert data_import.status == "valid", data_import.problems


def test_not_a_csv_file_is_refused_at_upload(world):
    client = world.client_for("coordinator")
    data = SimpleUploadedFile(
        "rapport.pdf", b"%PDF-1.7\x00\x01binary", content_type="application/pdf"
    )
    response = client.post(
        reverse("dataplan:import-upload", args=[world.school.slug]),
        {"file": data, "school_year": "2025"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not DataImport.objects.filter(original_name="rapport.pdf").exists()


def test_commit_saves_nothing_when_the_data_changed_meanwhile(world):
    client = world.client_for("coordinator")
    response = upload(client, world.school, GOOD)
    map_columns(client, response)
    data_import = DataImport.objects.get(row_count=3, status="valid")
    # someone enters a different value by hand before the import is confirmed
    Measurement.objects.filter(group__name="Groep 5B").update(
        measured_on="2025-10-01", value=Decimal("50")
    )
    assert imports.import_request_commit(data_import=data_import)
    imports.import_commit(import_id=data_import.id)
    data_import.refresh_from_db()
    assert data_import.status == "invalid"
    assert not Measurement.objects.filter(data_import=data_import).exists()


def test_large_file_is_validated_in_the_background_with_progress(
    world, settings, django_capture_on_commit_callbacks
):
    days = [date(2025, 9, 1) + timedelta(days=n) for n in range(300)]
    rows = "".join(
        f"Leesresultaten;Klas {i % 40};{days[i // 40]:%d-%m-%Y};{50 + i % 50}\n"
        for i in range(imports.INLINE_ROWS + 10)
    )
    client = world.client_for("coordinator")
    response = upload(client, world.school, "Indicator;Groep;Datum;Waarde\n" + rows)
    with django_capture_on_commit_callbacks() as queued:
        map_columns(client, response)
    data_import = DataImport.objects.get(row_count=imports.INLINE_ROWS + 10)
    # Queued for the worker, not checked in the request: its check is a waiting job.
    assert data_import.status == "uploaded"
    assert (data_import.job.kind, data_import.job.status) == ("dataplan.import_check", "pending")
    page = client.get(response["Location"]).content.decode()
    # The page polls the job, with the same fragment as the job page.
    job_url = reverse("kwaliteit:job", args=[world.school.slug, data_import.job.id])
    assert f'hx-get="{job_url}" hx-trigger="every 1s"' in page and "<progress" in page
    fragment = client.get(job_url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.strip().startswith('<div id="job-status"')
    for callback in queued:
        callback()  # the worker picks it up
    data_import.refresh_from_db()
    assert data_import.status == "valid", data_import.problems[:3]
    assert data_import.job.status == "done"
    done = client.get(job_url, HTTP_HX_REQUEST="true")
    assert done.status_code == 286  # polling stops …
    assert done["HX-Redirect"] == response["Location"]  # … and the page reloads with the report


def test_exports_are_dutch_csv_and_xlsx_with_formula_protection(world):
    world.measurement.note = '=HYPERLINK("http://x")'
    world.measurement.save()
    client = world.client_for("viewer")
    response = get(client, reverse("dataplan:export", args=[world.school.slug, "csv"]))
    text = response.content_bytes.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][0] == "Leesresultaten"
    assert rows[1][3] == world.measurement.measured_on.strftime("%d-%m-%Y")
    assert rows[1][4] == "80"
    assert rows[1][6].startswith("'=")  # never a live formula in Excel
    xlsx = client.get(
        reverse("dataplan:indicator-export", args=[world.school.slug, world.indicator.pk, "xlsx"])
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][4] == 80
    assert values[1][6] == '=HYPERLINK("http://x")'
    assert sheet.cell(row=2, column=7).data_type == "s"  # text, never a live formula


def test_dataplan_pdf_lists_the_indicators(world, django_capture_on_commit_callbacks):
    from pypdf import PdfReader

    client = world.client_for("teacher")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dataplan:pdf", args=[world.school.slug]))
    job = client.get(response["Location"]).context["job"]
    assert job.status == "done"
    with job.file.open("rb") as handle:
        text = "\n".join(page.extract_text() for page in PdfReader(handle).pages)
    assert "Leesresultaten" in text
    assert world.indicator.question in text
