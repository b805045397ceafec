"""Generated files: job → stored file → status page → download, and the PDF module's fences."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kwaliteit import hooks, pdf, refs, services_jobs
from kwaliteit import jobs as job_kinds
from kwaliteit.models import Job

from .factories import JobFactory


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def request_vision_pdf(client, school, number, capture):
    with capture(execute=True):
        response = client.post(reverse("kwaliteit:vision-pdf", args=[school.slug, number]))
    assert response.status_code == 302
    return response["Location"]


def test_vision_pdf_is_made_and_downloaded(world, vision, django_capture_on_commit_callbacks):
    client = world.client_for("teacher")
    job_url = request_vision_pdf(client, world.school, 2, django_capture_on_commit_callbacks)
    page = client.get(job_url).content.decode()
    job = Job.objects.get()
    assert job.status == "done"
    download = reverse("kwaliteit:job-download", args=[world.school.slug, job.id])
    assert download in page
    response = client.get(download)
    data = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(data)
    assert vision["v2"].title in text
    assert "Nieuwsgierigheid" in text
    assert world.school.name in text
    assert "1 / 1" in text  # page numbers: a one-page PDF for the staff room


def test_pdf_text_is_escaped(world, django_capture_on_commit_callbacks):
    from .factories import VisionVersionFactory

    VisionVersionFactory(
        school=world.school, number=1, adopted=True, title="<b>Vet</b> & <i>schuin</i>"
    )
    client = world.client_for("teacher")
    request_vision_pdf(client, world.school, 1, django_capture_on_commit_callbacks)
    with Job.objects.get().file.open("rb") as handle:
        assert "<b>Vet</b> & <i>schuin</i>" in pdf_text(handle.read())


def test_failed_job_shows_a_clear_message(world, vision, django_capture_on_commit_callbacks):
    def broken(job):
        raise RuntimeError("renderer crashed")

    client = world.client_for("teacher")
    with hooks.job_kinds.override(vision_pdf=job_kinds.JobKind("vision_pdf", "Visie", broken)):
        job_url = request_vision_pdf(client, world.school, 2, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == "failed"
    html = client.get(job_url).content.decode()
    assert job.error in html
    assert "renderer crashed" not in html
    assert (
        client.get(reverse("kwaliteit:job-download", args=[world.school.slug, job.id])).status_code
        == 404
    )


def test_pending_job_page_polls_and_htmx_gets_only_the_fragment(world):
    job = JobFactory(
        school=world.school, created_by=world.users["teacher"], status="pending", file=None
    )
    client = world.client_for("teacher")
    url = reverse("kwaliteit:job", args=[world.school.slug, job.id])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<html" in page
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.strip().startswith('<div id="job-status"')
    assert "<html" not in fragment


def test_someone_elses_job_is_not_found(world):
    job = JobFactory(school=world.school, created_by=world.users["teacher"])
    client = world.client_for("leader")
    for name in ("kwaliteit:job", "kwaliteit:job-download"):
        assert client.get(reverse(name, args=[world.school.slug, job.id])).status_code == 404


def vision_job(world, version, **fields):
    content_type, object_id = refs.ref_of(version)
    return Job.objects.create(
        school=world.school,
        created_by=world.users["teacher"],
        kind="vision_pdf",
        content_type=content_type,
        object_id=object_id,
        **fields,
    )


def test_job_runs_once_even_if_the_message_is_delivered_twice(world, vision):
    job = vision_job(world, vision["v2"])
    services_jobs.job_run(job_id=job.id)
    first = Job.objects.get(pk=job.pk).file.name
    services_jobs.job_run(job_id=job.id)
    assert Job.objects.get(pk=job.pk).file.name == first


def test_old_generated_files_are_cleaned_up(world):
    from datetime import timedelta

    from django.utils import timezone

    old = JobFactory(school=world.school, created_by=world.users["teacher"])
    path = old.file.path
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    fresh = JobFactory(school=world.school, created_by=world.users["teacher"])
    removed = services_jobs.generated_files_cleanup(older_than=timezone.now() - timedelta(days=7))
    assert removed == 1
    assert list(Job.objects.all()) == [fresh]
    import os

    assert not os.path.exists(path)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/logo.png",
        "http://127.0.0.1:8000/healthz/",
        "file:///etc/passwd",
        pdf.STATIC_PREFIX + "../../kwaliteit/settings.py",
        pdf.STATIC_PREFIX + "/etc/passwd",
        pdf.STATIC_PREFIX + "css/../../../../etc/passwd",
    ],
)
def test_pdf_fetcher_refuses_anything_but_our_static_files(url):
    with pytest.raises(ValueError, match="No static file|Refused to fetch"):
        pdf.StaticOnlyFetcher().fetch(url)


def test_pdf_fetcher_serves_our_stylesheet():
    response = pdf.StaticOnlyFetcher().fetch(pdf.STATIC_PREFIX + "css/pdf.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


def test_a_job_whose_worker_died_stops_polling_with_a_message(world):
    from datetime import timedelta

    from django.utils import timezone

    job = JobFactory(
        school=world.school, created_by=world.users["teacher"], status="running", file=None
    )
    two_hours_ago = timezone.now() - timedelta(hours=2)
    Job.objects.filter(pk=job.pk).update(created_at=two_hours_ago, started_at=two_hours_ago)
    client = world.client_for("teacher")
    html = client.get(reverse("kwaliteit:job", args=[world.school.slug, job.id])).content.decode()
    assert "hx-trigger" not in html
    assert 'role="alert"' in html


def test_a_job_left_running_by_a_dead_worker_is_made_again(world, vision, settings):
    from datetime import timedelta

    from django.utils import timezone

    job = vision_job(
        world,
        vision["v2"],
        status="running",
        started_at=timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60),
    )
    services_jobs.job_run(job_id=job.id)
    assert Job.objects.get(pk=job.pk).status == "done"


def test_polling_a_removed_file_stops(world):
    job = JobFactory(school=world.school, created_by=world.users["teacher"])
    url = reverse("kwaliteit:job", args=[world.school.slug, job.id])
    job.delete()
    response = world.client_for("teacher").get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 286  # htmx stops polling on 286
    assert 'role="alert"' in response.content.decode()


def test_polling_after_the_session_expired_sends_the_page_to_login(world, client):
    job = JobFactory(school=world.school, created_by=world.users["teacher"])
    url = reverse("kwaliteit:job", args=[world.school.slug, job.id])
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_the_longest_allowed_vision_still_prints_on_one_page(
    world, django_capture_on_commit_callbacks
):
    from .factories import VisionVersionFactory

    words = "Wij leren samen en geven elkaar feedback zodat ieder kind groeit. " * 40
    version = VisionVersionFactory(
        school=world.school,
        number=1,
        adopted=True,
        title=("Samen groeien " * 20)[:150],
        statement=words[:1500],
        values=[],
    )
    for i in range(8):
        version.core_values.create(position=i, name=f"Kernwaarde {i} " * 4, description=words[:250])
    request_vision_pdf(
        world.client_for("teacher"), world.school, 1, django_capture_on_commit_callbacks
    )
    with Job.objects.get().file.open("rb") as handle:
        assert len(PdfReader(handle).pages) == 1
