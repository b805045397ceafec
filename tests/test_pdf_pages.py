"""The PDFs use their pages well, and the job page downloads a fresh file by itself and leads
back to where it was asked for."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kwaliteit import refs, services_jobs
from kwaliteit.models import Job

from .factories import IndicatorFactory, JobFactory, MeasurementFactory, VisionVersionFactory
from .pdca.helpers import make_cycle


def made(world, kind, about=None):
    content_type, object_id = refs.ref_of(about) if about is not None else (None, "")
    job = Job.objects.create(
        school=world.school,
        created_by=world.users["coordinator"],
        kind=kind,
        content_type=content_type,
        object_id=object_id,
    )
    services_jobs.job_run(job_id=job.id)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    with job.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def test_the_short_dataplan_puts_two_charts_on_a_page(world):
    for i in range(5):
        indicator = IndicatorFactory(school=world.school, name=f"Indicator {i}")
        for _ in range(3):
            MeasurementFactory(indicator=indicator, group=world.measurement.group)
    charts = world.school.indicators.filter(is_active=True).count()  # with world's own
    pages = len(made(world, "dataplan_pdf").pages)
    assert pages <= 1 + (charts + 1) // 2, "the table, then two charts a page"


WORDS = "Wij leren samen en geven elkaar feedback zodat ieder kind groeit. " * 40


@pytest.mark.parametrize(
    ("title", "values", "statement"),
    [
        (80, 1, 620),  # the large layout at its limits: a long statement ...
        (80, 6, 220),  # ... or as many values as it takes
        (150, 8, 300),  # a long title and many values: the normal layout
        (150, 8, 1400 - 150 - 8 * 80),  # the normal layout at its limit
        (150, 8, 2000 - 150 - 8 * 80),  # the compact one at its limit
    ],
)
def test_a_vision_at_each_layout_limit_prints_on_one_page(world, title, values, statement):
    version = VisionVersionFactory(
        school=world.school,
        number=1,
        adopted=True,
        title=("Samen groeien " * 20)[:title],
        statement=WORDS[:statement],
        values=[],
    )
    for i in range(values):
        version.core_values.create(
            position=i, name=(f"Kernwaarde {i} " * 3)[:20], description=WORDS[:60]
        )
    assert len(made(world, "vision_pdf", version).pages) == 1


def job_page(world, job, **headers):
    client = world.client_for("coordinator")
    return client.get(reverse("kwaliteit:job", args=[world.school.slug, job.id]), **headers)


def test_a_file_just_made_downloads_by_itself_and_the_page_leads_back(world):
    job = JobFactory(
        school=world.school, created_by=world.users["coordinator"], finished_at=timezone.now()
    )
    page = job_page(world, job).content.decode()
    download = reverse("kwaliteit:job-download", args=[world.school.slug, job.id])
    assert f'<meta http-equiv="refresh" content="0;url={download}">' in page
    assert f'href="{reverse("kwaliteit:vision", args=[world.school.slug])}"' in page


def test_coming_back_later_does_not_download_again(world):
    job = JobFactory(
        school=world.school,
        created_by=world.users["coordinator"],
        finished_at=timezone.now() - timedelta(minutes=5),
    )
    page = job_page(world, job).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert reverse("kwaliteit:job-download", args=[world.school.slug, job.id]) in page


def test_the_poll_that_finds_the_file_made_loads_the_page_anew(world):
    job = JobFactory(
        school=world.school, created_by=world.users["coordinator"], finished_at=timezone.now()
    )
    response = job_page(world, job, HTTP_HX_REQUEST="true")
    assert response.status_code == 286, "polling stops"
    assert response["HX-Redirect"] == reverse("kwaliteit:job", args=[world.school.slug, job.id])


@pytest.mark.parametrize(
    ("kind", "target"),
    [("dataplan_pdf", "dataplan:plan"), ("cycle_pdf", "pdca:cycle"), ("card_pdf", "card")],
)
def test_every_job_page_leads_back(world, kind, target):
    object_id = ""
    if kind == "cycle_pdf":
        object_id = make_cycle(world).pk
        url = reverse(target, args=[world.school.slug, object_id])
    elif kind == "card_pdf":
        object_id = world.card.versions.get().pk
        url = reverse("kwaliteitskaarten:card", args=[world.school.slug, world.card.pk])
    else:
        url = reverse(target, args=[world.school.slug])
    job = JobFactory(
        school=world.school,
        created_by=world.users["coordinator"],
        kind=kind,
        object_id=object_id,
        finished_at=timezone.now() - timedelta(hours=1),
    )
    assert f'href="{url}"' in job_page(world, job).content.decode()
