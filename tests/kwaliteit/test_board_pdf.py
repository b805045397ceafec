"""The board report PDF: asked for on the board page, made by the job mechanism, read back."""

import io
import re
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from kwaliteit import clock, hooks, services_jobs
from kwaliteit.figures import COUNT, HIGHER, PERCENT, FigureType, Value
from kwaliteit.models import Job, School

from ..factories import SchoolFactory

TODAY = datetime(2026, 3, 15, 10)
TYPES = [
    FigureType("test.checks", "Checks on time", PERCENT, better=HIGHER, group="Cycles"),
    FigureType("test.open", "Open cycles", COUNT, group="Cycles"),
]
# {slug: (numerator, denominator, open cycles)}
NOW = {"regenboog": (8, 10, 5), "noord": (1, 4, 3)}


def fake_figures(*, school_ids, period, team_id=None):
    slugs = dict(School.objects.filter(id__in=school_ids).values_list("id", "slug"))
    for school_id, slug in slugs.items():
        if slug in NOW and TODAY.date() in period:
            numerator, denominator, open_cycles = NOW[slug]
            yield Value(school_id, "test.checks", 100 * numerator // denominator, *NOW[slug][:2])
            yield Value(school_id, "test.open", open_cycles)


fake_figures.figure_types = TYPES


def tr(message):
    with translation.override("nl"):
        return translation.gettext(message)


@pytest.fixture
def board(world):
    SchoolFactory(board=world.board, name="<b>Noord</b>", slug="noord")
    with hooks.school_figures.override(fake_figures), clock.at(TODAY):
        yield world


def ask_for_report(world, django_capture_on_commit_callbacks, query="?periode=dit-jaar"):
    client = world.client_for("board_member")
    address = reverse("board", args=[world.board.slug]) + query
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(address, {"formaat": "pdf"})
    return client, response


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_board_report_is_made_in_the_background_and_reads_like_the_page(
    board, django_capture_on_commit_callbacks
):
    client, response = ask_for_report(board, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.error
    # the job page lives in one of the board's schools, where a board member reads
    assert response.status_code == 302
    assert response["Location"] == reverse("kwaliteit:job", args=[job.school.slug, job.id])
    assert job.school.board_id == board.board.id
    page = client.get(response["Location"])
    assert page.status_code == 200
    back = reverse("board", args=[board.board.slug]) + "?periode=dit-jaar"
    assert f'href="{back}"' in page.content.decode()
    download = client.get(reverse("kwaliteit:job-download", args=[job.school.slug, job.id]))
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    assert "<b>Noord</b>" in text  # escaped: the name as typed, not bold markup
    assert "OBS De Regenboog" in text and "Stichting Lerend Land" in text
    assert "01-08-2025" in text and "31-07-2026" in text
    # counted by hand: (8 + 1) / (10 + 4) = 64%; open cycles 5 + 3 = 8; medians 52,5% and 4
    total = re.search(rf"{tr('Board total')}\s+(\S+)", text)
    assert total and total.group(1) == "64%"
    assert re.search(rf"{tr('Board median')}\s+52,5%\s+4", text), text
    # a chart per group with its text alternative: on paper the table is printed open, without
    # the "show the table" line a page needs
    assert tr("The figures as a table") not in text
    assert re.search(r"OBS De Regenboog\s+80%\s+Checks on time", text), text


def test_a_person_who_left_the_board_gets_no_report(board, django_capture_on_commit_callbacks):
    from kwaliteit.models import Job as JobModel

    client = board.client_for("board_member")
    address = reverse("board", args=[board.board.slug])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(address, {"formaat": "pdf"})
    board.board.members.remove(board.users["board_member"])
    for callback in callbacks:
        callback()
    job = JobModel.objects.get()
    assert job.status == JobModel.Status.FAILED
    assert job.document is None


def test_only_members_of_the_board_may_ask_for_its_report(board):
    address = reverse("board", args=[board.board.slug])
    for persona in ("coordinator", "outsider"):
        assert board.client_for(persona).post(address, {"formaat": "pdf"}).status_code == 404
    assert not Job.objects.exists()


def test_the_job_names_the_board_and_the_chosen_period(board, django_capture_on_commit_callbacks):
    query = "?periode=eigen&van=01-09-2025&tot=31-12-2025"
    ask_for_report(board, django_capture_on_commit_callbacks, query)
    job = Job.objects.get()
    text = pdf_text(services_jobs.document_read(document=job.document))
    assert "01-09-2025" in text and "31-12-2025" in text
