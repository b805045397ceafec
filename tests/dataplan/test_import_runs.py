"""An import's reading, checking and saving are runs (Jobs) that the page polls through the one
polling fragment; the import itself only says where it stands."""

import os

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dataplan import imports
from dataplan.models import DataImport, Measurement
from kwaliteit.models import Job

from ..factories import JobFactory

GOOD = (
    "Indicator;Groep;Datum;Waarde\n"
    "Leesresultaten;Groep 5B;01-10-2025;72,5\n"
    "Leesresultaten;Groep 6;01-10-2025;81\n"
)


def upload(client, school, text=GOOD):
    data = SimpleUploadedFile("runs.csv", text.encode(), content_type="text/csv")
    url = reverse("dataplan:import-upload", args=[school.slug])
    return client.post(url, {"file": data, "school_year": "2025"})


def check(client, location):
    form = client.get(location).context["form"]
    return client.post(location, {name: form[name].initial for name in form.fields})


def big_import(world, kind=imports.CHECK, status=Job.Status.PENDING):
    """An import of many rows whose run of `kind` waits for the worker."""
    client = world.client_for("coordinator")
    location = upload(client, world.school)["Location"]
    data_import = DataImport.objects.get(original_name="runs.csv")
    job = JobFactory(
        school=world.school,
        created_by=world.users["coordinator"],
        kind=kind,
        status=status,
        file=None,
        content_type_id=data_import.job.content_type_id,
        object_id=str(data_import.id),
    )
    DataImport.objects.filter(pk=data_import.pk).update(job=job, row_count=imports.INLINE_ROWS + 1)
    return location, job


def test_a_small_import_reads_checks_and_saves_within_the_request_as_runs(world):
    client = world.client_for("coordinator")
    location = upload(client, world.school)["Location"]
    data_import = DataImport.objects.select_related("job").get(original_name="runs.csv")
    assert (data_import.job.kind, data_import.job.status) == (imports.READ, "done")
    assert data_import.status == "uploaded" and data_import.preview["headers"]

    check(client, location)
    data_import.refresh_from_db()
    assert (data_import.job.kind, data_import.job.status) == (imports.CHECK, "done")
    assert data_import.status == "valid"

    client.post(reverse("dataplan:import-confirm", args=[world.school.slug, data_import.id]))
    data_import.refresh_from_db()
    assert (data_import.job.kind, data_import.job.status) == (imports.COMMIT, "done")
    assert data_import.status == "done"
    assert Measurement.objects.filter(data_import=data_import).count() == 2
    runs = Job.objects.filter(object_id=str(data_import.id)).values_list("kind", flat=True)
    assert sorted(runs) == sorted([imports.READ, imports.CHECK, imports.COMMIT])


def test_the_import_page_and_the_job_page_poll_with_the_same_fragment(world):
    location, job = big_import(world)
    job_url = reverse("kwaliteit:job", args=[world.school.slug, job.id])
    poll = f'<div id="job-status"\n  hx-get="{job_url}" hx-trigger="every 1s"'

    import_page = world.client_for("coordinator").get(location)
    document_job = JobFactory(
        school=world.school, created_by=world.users["coordinator"], status="pending", file=None
    )
    job_page = world.client_for("coordinator").get(
        reverse("kwaliteit:job", args=[world.school.slug, document_job.id])
    )
    for response in (import_page, job_page):
        assert "kwaliteit/_job_status.html" in [t.name for t in response.templates]
    assert poll in import_page.content.decode()
    assert "Checking every row…" not in import_page.content.decode()  # waiting, not running yet
    fragment = world.client_for("coordinator").get(job_url, HTTP_HX_REQUEST="true")
    assert [t.name for t in fragment.templates] == ["kwaliteit/_job_status.html"]
    assert fragment.content.decode().startswith(poll)


def test_a_running_check_says_what_it_does_and_hides_the_mapping(world):
    location, _job = big_import(world, status=Job.Status.RUNNING)
    page = world.client_for("coordinator").get(location, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "<progress" in html
    assert page.context["editable"] is False


def test_a_finished_check_sends_the_page_that_waits_back_to_the_import(world):
    location, job = big_import(world, status=Job.Status.DONE)
    job_url = reverse("kwaliteit:job", args=[world.school.slug, job.id])
    client = world.client_for("coordinator")
    polled = client.get(job_url, HTTP_HX_REQUEST="true")
    assert polled.status_code == 286
    assert polled["HX-Redirect"] == location
    assert client.get(job_url)["Location"] == location  # the job page itself leads there too


def test_colleagues_who_may_import_follow_the_run_others_do_not(world):
    _location, job = big_import(world)
    url = reverse("kwaliteit:job", args=[world.school.slug, job.id])
    assert world.client_for("leader").get(url).status_code == 200
    assert world.client_for("teacher").get(url).status_code == 404
    assert world.client_for("viewer").get(url).status_code == 404
    other = reverse("kwaliteit:job", args=[world.other_school.slug, job.id])
    assert world.client_for("outsider").get(other).status_code == 404


def test_a_second_confirm_while_saving_runs_is_refused(world):
    client = world.client_for("coordinator")
    location = upload(client, world.school)["Location"]
    check(client, location)
    data_import = DataImport.objects.get(original_name="runs.csv")
    first = imports.import_request_commit(data_import=data_import, user=world.users["coordinator"])
    assert first is not None and first.kind == imports.COMMIT
    again = imports.import_request_commit(data_import=data_import, user=world.users["leader"])
    assert again is None
    assert Job.objects.filter(kind=imports.COMMIT).count() == 1


def test_a_check_that_breaks_fails_the_run_and_the_import_says_so(world):
    client = world.client_for("coordinator")
    location = upload(client, world.school)["Location"]
    data_import = DataImport.objects.get(original_name="runs.csv")
    os.remove(data_import.file.path)  # the stored upload is lost
    check(client, location)
    data_import.refresh_from_db()
    assert data_import.job.status == "failed"
    assert data_import.status == "failed"
    assert not Measurement.objects.filter(data_import=data_import).exists()
    page = client.get(location).content.decode()
    assert data_import.problems[0]["message"] in page
