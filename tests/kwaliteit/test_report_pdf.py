"""The adopted report's PDF: title page, contents, chapters in order with their charts, the
narratives as typed (markup is text), a chapter without data that says so, PDF/UA tags."""

import hashlib
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from kwaliteit import hooks, report_vision
from kwaliteit.services_reports import narrative_update, report_adopt, report_start

from ..helpers.reports import (
    SINCE,
    YEAR,
    adopt_vision,
    fake_section,
    members_since,
    pdf_reader,
    pdf_text,
)

pytestmark = pytest.mark.django_db

MARKUP = 'Wij <b>groeiden</b> & <script>alert("x")</script>'


@pytest.fixture
def draft(world):
    members_since(world.school, SINCE)
    return report_start(school=world.school, start_year=YEAR, user=world.users["coordinator"])


def adopt(world, report):
    with translation.override("en"):
        return report_adopt(report=report, user=world.users["leader"])


def stored(report):
    with report.document.file.open("rb") as handle:
        return handle.read()


def test_the_pdf_has_a_title_page_contents_and_the_chapters_in_order_with_charts(world, draft):
    adopt_vision(world, date(2024, 9, 10), ["Samen", "Vertrouwen"])
    sections = (
        report_vision.vision_section,
        fake_section("pdca", 40, title="Verbetercycli"),
        fake_section("cards", 20, title="Kwaliteitskaarten"),
    )
    with hooks.report_sections.override(*sections):
        narrative_update(report=draft, key="pdca", text=MARKUP, user=world.users["coordinator"])
        report = adopt(world, draft)
    text = pdf_text(stored(report))
    assert "Annual quality report 2025-2026" in text
    assert "Version 1, adopted on" in text
    assert "Contents" in text
    body = text[text.index("1. Vision and core values", text.index("Contents") + 60) :]
    positions = [
        body.index(title)
        for title in ("1. Vision and core values", "2. Kwaliteitskaarten", "3. Verbetercycli")
    ]
    assert positions == sorted(positions)
    assert text.count("Grafiek pdca") >= 1 and text.count("Grafiek cards") >= 1
    assert "Gehaald" in text and "Niet gehaald" in text, "the charts' figures as a table"
    assert MARKUP in text.replace("\n", " "), "the narrative as typed, markup as text"


def test_a_year_without_data_gives_a_pdf_that_says_so_per_chapter(world, draft):
    sections = (
        report_vision.vision_section,
        fake_section("dataplan", 30, title="Dataplan", empty="Dit schooljaar is niets gemeten."),
        fake_section("pdca", 40, title="Verbetercycli", empty="Geen verbetercycli dit jaar."),
    )
    with hooks.report_sections.override(*sections):
        report = adopt(world, draft)
    text = pdf_text(stored(report)).replace("\n", " ")
    assert "No vision had been adopted by the end of this school year." in text
    assert "Dit schooljaar is niets gemeten." in text
    assert "Geen verbetercycli dit jaar." in text
    assert "Grafiek" not in text


def test_the_pdf_is_tagged_with_language_and_title_and_its_checksum_is_its_sha256(world, draft):
    with hooks.report_sections.override(report_vision.vision_section):
        report = adopt(world, draft)
    content = stored(report)
    assert hashlib.sha256(content).hexdigest() == report.document.checksum
    assert report.document.expires_at is None
    reader = pdf_reader(content)
    root = reader.trailer["/Root"]
    assert str(root["/Lang"]) == "en"
    assert "/StructTreeRoot" in root, "tagged for assistive technology"
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Annual quality report 2025-2026 · OBS De Regenboog"
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp, "declares PDF/UA"


def test_the_download_is_the_stored_file(world, draft):
    with hooks.report_sections.override(report_vision.vision_section):
        report = adopt(world, draft)
    url = reverse("kwaliteit:report-pdf", args=[world.school.slug, report.pk])
    response = world.client_for("viewer").get(url)
    content = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert hashlib.sha256(content).hexdigest() == report.document.checksum


def test_a_damaged_stored_pdf_is_not_served(world, draft):
    with hooks.report_sections.override(report_vision.vision_section):
        report = adopt(world, draft)
    with report.document.file.open("wb") as handle:
        handle.write(b"%PDF-1.7 changed afterwards")
    url = reverse("kwaliteit:report-pdf", args=[world.school.slug, report.pk])
    assert world.client_for("viewer").get(url).status_code == 404
