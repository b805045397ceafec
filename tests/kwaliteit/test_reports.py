"""The annual report's pages: start a school year's report, write per chapter, adopt, read."""

import hashlib
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from kwaliteit import hooks
from kwaliteit.models import AnnualReport, AuditEvent, Document
from kwaliteit.services_reports import narrative_update, report_adopt, report_start

from ..helpers.reports import SINCE, YEAR, fake_section, members_since

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(world):
    members_since(world.school, SINCE)
    return world.school


@pytest.fixture
def draft(world, school):
    return report_start(school=school, start_year=YEAR, user=world.users["coordinator"])


def adopted(world, report):
    return report_adopt(report=report, user=world.users["leader"])


def list_url(world):
    return reverse("kwaliteit:reports", args=[world.school.slug])


def page_url(report):
    return reverse("kwaliteit:report", args=[report.school.slug, report.pk])


# --- starting a report ----------------------------------------------------------------------


def test_a_coordinator_starts_the_report_of_a_school_year_and_lands_on_it(world, school):
    response = world.client_for("coordinator", language="en").post(list_url(world), {"year": YEAR})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == page_url(report)
    assert (report.start_year, report.status, report.number) == (YEAR, "draft", None)
    assert AuditEvent.objects.filter(verb="report_started", object_id=str(report.pk)).exists()
    again = world.client_for("coordinator", language="en").post(list_url(world), {"year": YEAR})
    assert again["Location"] == page_url(report), "the open draft, not a second one"
    assert AnnualReport.objects.count() == 1


@pytest.mark.parametrize(
    ("year", "message"),
    [(2027, "The school year 2027-2028 has not started yet."), (2023, "2023-2024")],
)
def test_a_future_year_or_one_before_the_school_worked_here_is_refused(
    world, school, year, message
):
    response = world.client_for("coordinator", language="en").post(list_url(world), {"year": year})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_the_year_form_offers_the_years_the_school_worked_here(world, school):
    page = world.client_for("coordinator", language="en").get(list_url(world)).content.decode()
    for year in ("2024-2025", "2025-2026", "2026-2027"):
        assert f">{year}</option>" in page
    assert ">2023-2024</option>" not in page and ">2027-2028</option>" not in page


@pytest.mark.parametrize("persona", ["leader", "teacher", "viewer", "board_member"])
def test_only_the_coordinator_starts_a_report(world, school, persona):
    response = world.client_for(persona, language="en").post(list_url(world), {"year": YEAR})
    assert response.status_code == 403
    assert not AnnualReport.objects.exists()


def test_the_list_shows_drafts_only_to_those_who_see_drafts(world, draft):
    assert (
        "Annual report 2025-2026"
        in world.client_for("board_member", language="en").get(list_url(world)).text
    )
    teacher_page = world.client_for("teacher", language="en").get(list_url(world)).content.decode()
    assert "Annual report 2025-2026" not in teacher_page
    assert "No annual report yet." in teacher_page


# --- reading -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "draft_status", "adopted_status"),
    [
        ("coordinator", 200, 200),
        ("leader", 200, 200),
        ("board_member", 200, 200),
        ("teacher", 404, 200),
        ("viewer", 404, 200),
        ("outsider", 404, 404),
    ],
)
def test_who_reads_a_draft_and_an_adopted_report(
    world, draft, persona, draft_status, adopted_status
):
    client = world.client_for(persona, language="en")
    assert client.get(page_url(draft)).status_code == draft_status
    report = adopted(world, draft)
    assert client.get(page_url(report)).status_code == adopted_status
    pdf = client.get(reverse("kwaliteit:report-pdf", args=[world.school.slug, report.pk]))
    assert pdf.status_code == adopted_status


def test_another_schools_report_is_not_found(world, draft):
    other = reverse("kwaliteit:report", args=[world.other_school.slug, draft.pk])
    assert world.client_for("outsider", language="en").get(other).status_code == 404


def test_a_drafts_pdf_does_not_exist(world, draft):
    url = reverse("kwaliteit:report-pdf", args=[world.school.slug, draft.pk])
    assert world.client_for("coordinator", language="en").get(url).status_code == 404


# --- writing a chapter's narrative ---------------------------------------------------------


def post_text(client, report, text, chapter="vision"):
    anchor = f"hoofdstuk-{chapter}"
    return client.post(page_url(report), {f"{anchor}-chapter": chapter, f"{anchor}-text": text})


def test_the_coordinator_writes_a_chapters_narrative_and_markup_stays_text(world, draft):
    client = world.client_for("coordinator", language="en")
    response = post_text(client, draft, "Wij <b>groeiden</b> <script>alert(1)</script>")
    assert response.status_code == 302 and response["Location"].endswith("#hoofdstuk-vision")
    draft.refresh_from_db()
    assert draft.narratives == {"vision": "Wij <b>groeiden</b> <script>alert(1)</script>"}
    assert AuditEvent.objects.filter(verb="report_narrative_updated").count() == 1
    board_page = (
        world.client_for("board_member", language="en").get(page_url(draft)).content.decode()
    )
    assert "Wij &lt;b&gt;groeiden&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;" in board_page
    assert "<script>alert(1)" not in board_page


def test_the_narrative_saves_inline_with_htmx(world, draft):
    client = world.client_for("coordinator", language="en")
    response = client.post(
        page_url(draft),
        {
            "hoofdstuk-vision-chapter": "vision",
            "hoofdstuk-vision-text": "Goed jaar",
        },
        HTTP_HX_REQUEST="true",
    )
    fragment = response.content.decode()
    assert response.status_code == 200 and "<html" not in fragment
    assert "The text of “Vision and core values” has been saved." in fragment
    assert "Goed jaar</textarea>" in fragment
    assert "Our reflection on “Vision and core values”</label>" in fragment, "says which chapter"


def test_too_long_a_narrative_is_refused_and_nothing_is_saved(world, draft):
    response = post_text(world.client_for("coordinator", language="en"), draft, "x" * 5001)
    assert response.status_code == 200
    assert "Not saved" in response.content.decode()
    draft.refresh_from_db()
    assert draft.narratives == {}


def test_an_unknown_chapter_is_not_found(world, draft):
    response = post_text(
        world.client_for("coordinator", language="en"), draft, "Tekst", chapter="bestaat-niet"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["leader", "teacher", "viewer", "board_member"])
def test_only_the_coordinator_writes(world, draft, persona):
    response = post_text(world.client_for(persona, language="en"), draft, "Tekst")
    assert response.status_code in {403, 404}
    draft.refresh_from_db()
    assert draft.narratives == {}


def test_the_board_reads_the_draft_without_forms(world, draft):
    page = world.client_for("board_member", language="en").get(page_url(draft)).content.decode()
    assert "<textarea" not in page and "Adopt the report" not in page


# --- adopting -------------------------------------------------------------------------------


def adopt_post(client, report, seen):
    url = reverse("kwaliteit:report-adopt", args=[report.school.slug, report.pk])
    return client.post(url, {"seen": seen.isoformat()})


def test_a_leader_adopts_the_report_as_a_numbered_kept_pdf_with_its_checksum(world, draft):
    page = world.client_for("leader", language="en").get(page_url(draft)).content.decode()
    assert "Adopt the report" in page
    response = adopt_post(world.client_for("leader", language="en"), draft, draft.updated_at)
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert (report.status, report.number, report.adopted_by) == (
        "adopted",
        1,
        world.users["leader"],
    )
    document = report.document
    assert document.expires_at is None, "kept without expiry"
    with document.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == document.checksum
    assert document.filename == "obs-de-regenboog-annual-report-2025-2026-version-1.pdf"
    shown = world.client_for("teacher", language="en").get(page_url(report)).content.decode()
    assert document.checksum in shown
    assert "Version 1, adopted on" in shown
    assert AuditEvent.objects.filter(verb="report_adopted").count() == 1


def test_a_draft_changed_after_the_leader_opened_it_is_not_adopted(world, draft):
    seen = draft.updated_at
    narrative_update(report=draft, key="vision", text="Later", user=world.users["coordinator"])
    client = world.client_for("leader", language="en")
    response = adopt_post(client, draft, seen)
    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "The draft was changed while you were reading it." in follow
    draft.refresh_from_db()
    assert draft.is_draft and draft.document is None
    assert not Document.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator", "teacher", "viewer", "board_member"])
def test_only_a_leader_adopts(world, draft, persona):
    response = adopt_post(world.client_for(persona, language="en"), draft, draft.updated_at)
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.is_draft


def test_an_adopted_report_is_frozen_and_a_new_draft_becomes_version_2(world, draft):
    report = adopted(world, draft)
    client = world.client_for("coordinator", language="en")
    response = post_text(client, report, "Nog iets")
    follow = client.get(response["Location"]).content.decode()
    assert "This report has been adopted and can no longer be changed." in follow
    with translation.override("en"), pytest.raises(ValidationError, match="no longer be changed"):
        narrative_update(report=report, key="vision", text="x", user=world.users["coordinator"])
    report.refresh_from_db()
    assert report.narratives == {}
    again = adopt_post(world.client_for("leader", language="en"), report, report.updated_at)
    assert AnnualReport.objects.get().number == 1 and again.status_code == 302
    second = report_start(school=world.school, start_year=YEAR, user=world.users["coordinator"])
    assert second.pk != report.pk and second.is_draft
    second = adopted(world, second)
    assert second.number == 2
    assert sorted(AnnualReport.objects.values_list("number", flat=True)) == [1, 2]


# --- chapters ------------------------------------------------------------------------------


def test_chapters_come_in_their_order_whoever_registered_first(world, draft):
    with hooks.report_sections.override(
        fake_section("pdca", 40, title="Verbetercycli"),
        fake_section("cards", 20, title="Kwaliteitskaarten"),
        fake_section("dataplan", 30, title="Dataplan", empty="Dit jaar is niets gemeten."),
    ):
        page = world.client_for("coordinator", language="en").get(page_url(draft)).content.decode()
    heads = [
        page.index(f"{n}. {t}</h2>")
        for n, t in [(1, "Kwaliteitskaarten"), (2, "Dataplan"), (3, "Verbetercycli")]
    ]
    assert heads == sorted(heads)
    assert "Dit jaar is niets gemeten." in page
    assert page.count('<figure class="chart"') == 2, "the empty chapter shows no chart"


def test_a_failing_chapter_leaves_the_others(world, draft):
    def broken(*, school, period):
        raise RuntimeError("boom")

    with hooks.report_sections.override(broken, fake_section("cards", 20, title="Kaarten")):
        response = world.client_for("coordinator", language="en").get(page_url(draft))
    assert response.status_code == 200 and "1. Kaarten" in response.content.decode()


def test_the_report_page_costs_the_same_queries_however_many_objects(
    world, draft, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..helpers.reports import adopt_vision

    client = world.client_for("coordinator", language="en")
    adopt_vision(world, date(2025, 9, 10), ["Samen"])
    client.get(page_url(draft))
    with CaptureQueriesContext(connection) as few:
        client.get(page_url(draft))
    adopt_vision(world, date(2025, 11, 10), ["Samen", "Groei", "Rust"])
    adopt_vision(world, date(2026, 2, 10), ["Groei", "Rust", "Moed", "Trots"])
    with CaptureQueriesContext(connection) as many:
        client.get(page_url(draft))
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_list_costs_the_same_queries_however_many_reports(world, draft):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client_for("leader", language="en")
    client.get(list_url(world))
    with CaptureQueriesContext(connection) as one:
        page = client.get(list_url(world)).content.decode()
    assert page.count("Annual report 2025-2026") == 1
    adopted(world, draft)
    report_start(school=world.school, start_year=YEAR, user=world.users["coordinator"])
    report_start(school=world.school, start_year=2024, user=world.users["coordinator"])
    with CaptureQueriesContext(connection) as three:
        page = client.get(list_url(world)).content.decode()
    assert page.count("Annual report 2025-2026") == 2 and "Annual report 2024-2025" in page
    assert len(three) == len(one)


def test_a_reference_to_a_report_says_what_it_is_to_whom_may_see_it(world, draft):
    from kwaliteit.refs import describe_one

    with translation.override("en"):
        assert not describe_one(draft, user=world.users["teacher"]).visible
        info = describe_one(draft, user=world.users["board_member"])
        assert (info.title, info.url, info.visible) == (
            "annual report 2025-2026, draft",
            page_url(draft),
            True,
        )
        report = adopted(world, draft)
        info = describe_one(report, user=world.users["teacher"])
        assert info.visible and info.title == "annual report 2025-2026, version 1"
