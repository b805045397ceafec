"""Every PDF kind says what it is: title, author (the school), subject, keywords and language,
also when a title holds characters that look like markup."""

import pytest
from pypdf import PdfReader

from kwaliteit import refs, services_jobs
from kwaliteit.models import CoreValue, Job, VisionVersion
from kwaliteitskaarten import services as card_services

from .pdca.helpers import make_cycle

MARKUP = '<b>Visie & "waarden"</b>'


def run_job(world, kind, about, language):
    content_type, object_id = refs.ref_of(about) if about is not None else (None, "")
    job = Job.objects.create(
        school=world.school,
        created_by=world.users["coordinator"],
        kind=kind,
        content_type=content_type,
        object_id=object_id,
        language=language,
    )
    services_jobs.job_run(job_id=job.id)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    with job.file.open("rb") as handle:
        reader = PdfReader(handle)
        return reader.metadata, str(reader.trailer["/Root"].get("/Lang"))


def vision_pdf(world, vision):
    VisionVersion.objects.filter(pk=vision["v2"].pk).update(title=MARKUP)
    return "vision_pdf", vision["v2"]


def dataplan_pdf(world, vision):
    return "dataplan_pdf", None


def card_pdf(world, vision):
    world.card.title = MARKUP
    world.card.save()
    draft = world.card.versions.get()
    draft.core = "Elke les eindigt met feedback."
    draft.save()
    draft.core_values.set(CoreValue.objects.filter(vision=vision["v2"])[:1])
    card_services.card_adopt(version=draft, user=world.users["leader"])
    return "card_pdf", draft


def cycle_pdf(world, vision):
    return "cycle_pdf", make_cycle(world, title=MARKUP)


KINDS = {
    "vision_pdf": (vision_pdf, MARKUP, "vision", "version 2"),
    "dataplan_pdf": (dataplan_pdf, "Dataplan", "dataplan", "The indicators of"),
    "card_pdf": (card_pdf, MARKUP, "quality card", "Quality card: " + MARKUP),
    "cycle_pdf": (cycle_pdf, MARKUP, "improvement cycle", "Improvement cycle (PDCA): " + MARKUP),
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_pdf_has_a_clean_title_author_subject_keywords_and_language(world, vision, kind):
    make, title, keyword, subject = KINDS[kind]
    _kind, about = make(world, vision)
    meta, language = run_job(world, kind, about, "en")
    assert meta.title == f"{title} · OBS De Regenboog", "the title as typed, nothing else"
    assert "</div>" not in meta.title and "&lt;" not in meta.title and "&amp;" not in meta.title
    assert meta.author == "OBS De Regenboog"
    assert subject in meta.subject and "&quot;" not in meta.subject
    assert keyword in meta["/Keywords"] and "OBS De Regenboog" in meta["/Keywords"]
    assert language == "en"


def test_a_dutch_pdf_says_it_is_dutch(world, vision):
    meta, language = run_job(world, "vision_pdf", vision["v2"], "nl")
    assert language == "nl"
    assert meta.subject == "De visie van OBS De Regenboog, versie 2"
    assert "visie" in meta["/Keywords"]
