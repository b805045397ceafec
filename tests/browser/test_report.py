"""The annual report's journey: a coordinator writes a chapter's reflection, a leader adopts
the report, and its frozen PDF downloads."""

import hashlib
import re

import pytest
from playwright.sync_api import expect

from kwaliteit.models import AnnualReport

from .helpers import tr

pytestmark = pytest.mark.browser

TEXT = "Wij zijn <b>trots</b> op dit jaar."


def test_a_coordinator_writes_a_leader_adopts_and_the_pdf_downloads(page, log_in_as, school):
    log_in_as(school.people["coordinator"])
    page.goto("/s/regenboog/jaarverslag/")
    page.get_by_role("button", name=tr("Start or continue the report")).click()
    expect(page).to_have_url(re.compile(r"/s/regenboog/jaarverslag/\d+/$"))
    chapter = tr("Vision and core values")
    expect(page.get_by_role("heading", name=f"1. {chapter}")).to_be_visible()

    vision = page.get_by_role("region", name=chapter)  # every chapter has its own text
    vision.get_by_role("textbox").fill(TEXT)
    vision.get_by_role("button", name=tr("Save the text")).click()
    saved = tr("The text of “%(title)s” has been saved.") % {"title": chapter}
    expect(page.get_by_role("status")).to_have_text(saved)  # saved in place, with htmx
    assert AnnualReport.objects.get().narratives == {"vision": TEXT}

    page.context.clear_cookies()
    log_in_as(school.people["leader"])
    page.reload()
    expect(page.get_by_text(TEXT)).to_be_visible()  # the markup typed in is shown as text
    page.get_by_role("button", name=tr("Adopt the report")).click()
    report = AnnualReport.objects.get()
    adopted = tr("The annual report %(year)s has been adopted as version %(number)s.") % {
        "year": report.year_label,
        "number": 1,
    }
    expect(page.get_by_text(adopted)).to_be_visible()
    expect(page.locator("code.checksum")).to_have_text(report.document.checksum)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=tr("Download the PDF")).click()
    with open(download_info.value.path(), "rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == report.document.checksum

    # On a phone the adopted report, its checksum included, does not scroll sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("code.checksum")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
