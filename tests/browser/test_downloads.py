"""Asking for a PDF: one click, and the file arrives; the job page leads back."""

import re

import pytest
from playwright.sync_api import expect

from kwaliteit.models import Role
from tests.factories import MembershipFactory, SchoolFactory, UserFactory, VisionVersionFactory

from .helpers import tr

pytestmark = pytest.mark.browser


@pytest.fixture
def school(transactional_db):
    school = SchoolFactory(name="OBS De Regenboog", slug="regenboog")
    leader = UserFactory(email="lars@regenboog.example", full_name="Lars de Vries")
    MembershipFactory(user=leader, school=school, role=Role.LEADER)
    VisionVersionFactory(
        school=school,
        number=1,
        adopted=True,
        adopted_by=leader,
        created_by=leader,
        title="Leren met hoofd, hart en handen",
        values=["Samen"],
    )
    school.leader = leader
    return school


def test_one_click_on_pdf_downloads_the_file_and_the_job_page_leads_back(page, log_in_as, school):
    log_in_as(school.leader)
    page.goto("/s/regenboog/visie/")
    with page.expect_download() as download_info:
        page.get_by_role("button", name=tr("Download as PDF")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    expect(page).to_have_url(re.compile(r"/s/regenboog/bestanden/[0-9a-f-]{36}/$"))
    expect(page.locator("#job-status")).to_contain_text(tr("Your file is ready."))
    page.get_by_role("link", name=tr("Back to the vision")).click()
    expect(page).to_have_url(re.compile(r"/s/regenboog/visie/$"))
