"""Documents: stored outputs with their size, checksum and retention; downloads only for the
person who asked, within their school."""

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kwaliteit import services_jobs
from kwaliteit.models import Document, Job

from .factories import DocumentFactory, JobFactory

PDF = b"%PDF-1.7 a small report"


def store(world, *, keep=False, user="teacher", about=None):
    return services_jobs.document_store(
        school=world.school,
        user=world.users[user],
        filename="jaarverslag 2025.pdf",
        content=PDF,
        mime_type="application/pdf",
        about=about,
        keep=keep,
    )


def download_url(world, document):
    return reverse("kwaliteit:document", args=[world.school.slug, document.id])


def test_a_stored_document_knows_its_size_checksum_filename_and_object(world, vision):
    document = store(world, about=vision["v2"])
    document.refresh_from_db()
    assert document.size == len(PDF)
    assert document.checksum == hashlib.sha256(PDF).hexdigest()
    assert document.filename == "jaarverslag 2025.pdf"
    assert document.mime_type == "application/pdf"
    assert (document.content_type.model, document.object_id) == (
        "visionversion",
        str(vision["v2"].pk),
    )
    with document.file.open("rb") as handle:
        assert handle.read() == PDF


def test_the_download_serves_the_stored_file_under_its_filename(world):
    document = store(world)
    response = world.client_for("teacher").get(download_url(world, document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="jaarverslag 2025.pdf"' in response["Content-Disposition"]
    assert "attachment" in response["Content-Disposition"]


def test_a_file_changed_on_disk_is_not_served(world):
    document = store(world)
    with open(document.file.path, "wb") as handle:
        handle.write(b"%PDF-1.7 something else")
    response = world.client_for("teacher").get(download_url(world, document))
    assert response.status_code == 404


def test_a_personal_download_expires_after_the_usual_days_and_a_kept_one_never(world, settings):
    settings.GENERATED_FILE_DAYS = 7
    before = timezone.now()
    personal = store(world)
    assert before + timedelta(days=7) <= personal.expires_at <= timezone.now() + timedelta(days=7)
    assert store(world, keep=True).expires_at is None


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("teacher", 200),  # the person who asked
        ("leader", 404),  # another person of the same school
        ("outsider", 404),  # a person of another school
        (None, 302),  # anonymous: to the login page
    ],
)
def test_only_the_person_who_asked_downloads_a_document(world, client, persona, expected):
    document = store(world)
    browser = world.client_for(persona) if persona else client
    response = browser.get(download_url(world, document))
    assert response.status_code == expected
    if persona is None:
        assert response["Location"].startswith(reverse("login"))


def test_an_expired_document_is_gone(world):
    document = store(world)
    Document.objects.filter(pk=document.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    response = world.client_for("teacher", language="en").get(download_url(world, document))
    assert response.status_code == 410
    assert "no longer kept" in response.content.decode()


def test_a_job_whose_document_expired_offers_no_download(world):
    job = JobFactory(school=world.school, created_by=world.users["teacher"])
    Document.objects.filter(pk=job.document_id).update(expires_at=timezone.now())
    url = reverse("kwaliteit:job-download", args=[world.school.slug, job.id])
    assert world.client_for("teacher").get(url).status_code == 410


def test_cleanup_removes_expired_documents_and_old_jobs_but_never_kept_documents(world):
    now = timezone.now()
    expired = store(world)
    Document.objects.filter(pk=expired.pk).update(expires_at=now - timedelta(days=1))
    kept = store(world, keep=True)
    Document.objects.filter(pk=kept.pk).update(created_at=now - timedelta(days=3650))
    fresh = store(world)
    old_job = JobFactory(school=world.school, created_by=world.users["teacher"])
    Job.objects.filter(pk=old_job.pk).update(created_at=now - timedelta(days=30))
    # A finished job that made a kept document (a frozen version): the job goes, the file stays.
    frozen_job = JobFactory(school=world.school, created_by=world.users["teacher"], document=kept)
    Job.objects.filter(pk=frozen_job.pk).update(created_at=now - timedelta(days=30))
    paths = {"expired": expired.file.path, "kept": kept.file.path, "job": old_job.file.path}

    services_jobs.generated_files_cleanup(older_than=now - timedelta(days=7))

    assert set(Document.objects.values_list("pk", flat=True)) == {kept.pk, fresh.pk}
    assert not Job.objects.filter(pk__in=[old_job.pk, frozen_job.pk]).exists()
    import os

    assert not os.path.exists(paths["expired"]) and not os.path.exists(paths["job"])
    assert os.path.exists(paths["kept"])


def test_a_vision_pdf_job_refers_to_the_version_and_stores_a_document(
    world, vision, django_capture_on_commit_callbacks
):
    client = world.client_for("teacher")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("kwaliteit:vision-pdf", args=[world.school.slug, 2]))
    job = Job.objects.select_related("document", "content_type").get()
    assert (job.content_type.model, job.object_id) == ("visionversion", str(vision["v2"].pk))
    document = job.document
    assert document.created_by == world.users["teacher"]
    assert document.school == world.school
    assert (document.content_type_id, document.object_id) == (job.content_type_id, job.object_id)
    assert document.expires_at is not None
    with document.file.open("rb") as handle:
        content = handle.read()
    assert hashlib.sha256(content).hexdigest() == document.checksum
    assert document.size == len(content) and document.filename.endswith(".pdf")


def test_a_document_kept_by_its_kind_has_no_expiry(world, vision):
    from kwaliteit import hooks
    from kwaliteit import jobs as job_kinds

    kind = job_kinds.get("vision_pdf")
    frozen = job_kinds.JobKind("vision_pdf", kind.label, kind.render, expires=False)
    with hooks.job_kinds.override(vision_pdf=frozen):
        job = services_jobs.job_create(
            school=world.school,
            user=world.users["leader"],
            kind="vision_pdf",
            about=vision["v2"],
            start=False,
        )
        services_jobs.job_run(job_id=job.id)
    job.refresh_from_db()
    assert job.status == "done" and job.document.expires_at is None


def test_a_factory_document_matches_its_checksum(world):
    document = DocumentFactory(school=world.school, created_by=world.users["teacher"])
    assert services_jobs.document_read(document=document).startswith(b"%PDF")
