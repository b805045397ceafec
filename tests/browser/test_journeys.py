"""What a person sees in a real browser: logging in, switching language, writing, adopting and
downloading the vision, and moving through a page with the keyboard."""

import io
import re

import pytest
from django.utils import dateformat, timezone, translation
from playwright.sync_api import expect
from pypdf import PdfReader

from kwaliteit import tasks
from kwaliteit.models import Job, Role, User, VisionVersion
from tests.factories import PASSWORD, MembershipFactory, SchoolFactory, TeamFactory, UserFactory

from .helpers import tr

pytestmark = pytest.mark.browser


@pytest.fixture
def school(transactional_db):
    school = SchoolFactory(name="OBS De Regenboog", slug="regenboog")
    team = TeamFactory(school=school, name="Bovenbouw")
    people = {}
    for role, email, name in [
        (Role.COORDINATOR, "carla@regenboog.example", "Carla Jansen"),
        (Role.LEADER, "lars@regenboog.example", "Lars de Vries"),
    ]:
        people[str(role)] = UserFactory(email=email, full_name=name)
        MembershipFactory(user=people[str(role)], school=school, role=role, teams=[team])
    school.people = people
    return school


def log_in_with_form(page, email, password=PASSWORD):
    page.goto("/inloggen/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()


def html_lang(page):
    return page.locator("html").get_attribute("lang")


def test_log_in_with_a_wrong_and_then_the_right_password(page, school):
    coordinator = school.people["coordinator"]

    log_in_with_form(page, coordinator.email, password="not-the-password")

    alert = page.locator("main [role=alert]")
    expect(alert).to_have_text(
        tr("This e-mail address and password do not match. Try again."), use_inner_text=True
    )
    expect(page).to_have_url(re.compile(r"/inloggen/$"))
    expect(page.locator("input[name=username]")).to_have_value(coordinator.email)

    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/s/regenboog/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("OBS De Regenboog")
    expect(page.locator("header")).to_contain_text("Carla Jansen")
    expect(page.locator("main [role=alert]")).to_have_count(0)


def test_switch_language_with_the_header_buttons(page, school):
    page.goto("/inloggen/")
    assert html_lang(page) == "nl"
    # Django's own catalogue: the password field label.
    expect(page.locator("label[for=id_password]")).to_have_text(re.compile(r"^Wachtwoord:?$"))
    expect(page.locator("form.language button[value=nl]")).to_have_attribute("aria-current", "true")

    page.locator("form.language button[value=en]").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/inloggen/$"))
    expect(page.locator("label[for=id_password]")).to_have_text(re.compile(r"^Password:?$"))
    expect(page.locator("form.language button[value=en]")).to_have_attribute("aria-current", "true")

    # The choice survives logging in; the navigation is in English.
    log_in_with_form(page, school.people["leader"].email)
    expect(page).to_have_url(re.compile(r"/s/regenboog/$"))
    assert html_lang(page) == "en"
    vision_link = page.locator("nav.main-nav a[href='/s/regenboog/visie/']")
    expect(vision_link).to_have_text("Vision")

    page.locator("form.language button[value=nl]").click()

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page).to_have_url(re.compile(r"/s/regenboog/$"))
    expect(vision_link).to_have_text(tr("Vision", "nl"))
    expect(page.locator("form.language button[value=nl]")).to_have_attribute("aria-current", "true")
    # A signed-in person keeps the choice in their profile.
    assert User.objects.get(pk=school.people["leader"].pk).language == "nl"


def test_write_adopt_and_download_the_vision(page, school, monkeypatch):
    # Hold the PDF job in the queue until the job page is open, so that the page is seen
    # waiting and htmx's polling, not the first page load, brings the download link.
    queued = []
    monkeypatch.setattr(
        type(tasks.run_job._get_current_object()),
        "delay",
        lambda self, job_id: queued.append(job_id),
    )

    # The coordinator writes the draft.
    log_in_with_form(page, "carla@regenboog.example")
    page.locator("nav.main-nav").get_by_role("link", name=tr("Vision"), exact=True).click()
    expect(page.locator("main .attention")).to_have_text(
        tr("The school has no adopted vision yet.")
    )
    page.get_by_role("button", name=tr("Write the vision")).click()
    page.locator("[name=title]").fill("Leren met hoofd, hart en handen")
    page.locator("[name=statement]").fill("Ieder kind ontdekt wat het kan, samen met anderen.")
    page.locator("[name=values-0-name]").fill("Nieuwsgierigheid")
    page.locator("[name=values-0-description]").fill("We stellen vragen en zoeken uit.")
    page.locator("[name=values-1-name]").fill("Vertrouwen")
    page.get_by_role("button", name=tr("Save draft")).click()

    expect(page.locator(".messages")).to_contain_text(tr("The draft has been saved."))
    expect(page.locator("[name=values-1-name]")).to_have_value("Vertrouwen")
    page.locator("header").get_by_role("button", name=tr("Log out")).click()
    expect(page).to_have_url(re.compile(r"/inloggen/$"))

    # The leader adopts it with a date.
    log_in_with_form(page, "lars@regenboog.example")
    page.goto("/s/regenboog/visie/")
    page.get_by_role("link", name=tr("Adopt this draft")).click()
    today = timezone.localdate()
    page.locator("input[name=adopted_on]").fill(today.isoformat())
    page.get_by_role("button", name=tr("Adopt"), exact=True).click()

    expect(page).to_have_url(re.compile(r"/s/regenboog/visie/$"))
    expect(page.locator(".messages")).to_contain_text(tr("The vision has been adopted."))
    with translation.override("nl"):
        shown_date = dateformat.format(today, "j F Y")
    status = page.locator("main .status.adopted")
    expect(status).to_contain_text(shown_date)
    expect(status).to_contain_text("Lars de Vries")
    expect(page.locator("main .vision-title")).to_have_text("Leren met hoofd, hart en handen")
    expect(page.locator("main dl.values dt")).to_have_text(["Nieuwsgierigheid", "Vertrouwen"])
    assert VisionVersion.objects.get(school=school).status == VisionVersion.Status.ADOPTED

    # The PDF: the job page waits, polls, and offers the file once it is made.
    polls = []
    page.on(
        "request",
        lambda request: (
            polls.append(request.url) if request.headers.get("hx-request") == "true" else None
        ),
    )
    page.get_by_role("button", name=tr("Download as PDF")).click()
    expect(page).to_have_url(re.compile(r"/s/regenboog/bestanden/[0-9a-f-]{36}/$"))
    status = page.locator("#job-status")
    expect(status.locator("progress")).to_be_visible()
    expect(status).to_contain_text(tr("Waiting for its turn…"))
    assert len(queued) == 1

    # Once the poll finds the file made, the download starts without a second click.
    with page.expect_download() as download_info:
        tasks.run_job.apply(args=[queued[0]])  # eager: the "worker" makes the file now
        job = Job.objects.get(id=queued[0])
        assert job.status == Job.Status.DONE, job.error
    assert polls, "the poll found the file made"
    download = download_info.value
    link = status.get_by_role("link", name=re.compile(re.escape(job.filename)))
    expect(link).to_be_visible()  # and the link stays, should the browser have held it back
    expect(status).to_contain_text(tr("Your file is ready."))
    assert download.suggested_filename == job.filename
    assert job.filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF")
    text = " ".join(
        " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages).split()
    )
    assert "Leren met hoofd, hart en handen" in text
    assert "Nieuwsgierigheid" in text
    assert "OBS De Regenboog" in text


def test_the_skip_link_comes_first_and_shows_when_focused(page, school, log_in_as):
    log_in_as(school.people["coordinator"])
    page.goto("/s/regenboog/visie/")
    skip = page.locator("a.skip-link")
    expect(skip).to_have_text(tr("Skip to content"))
    assert skip.bounding_box()["x"] < 0, "the skip link hides off-screen until it has focus"

    page.keyboard.press("Tab")

    expect(skip).to_be_focused()
    box = skip.bounding_box()
    viewport = page.viewport_size
    assert 0 <= box["x"] < viewport["width"] and 0 <= box["y"] < viewport["height"]
    assert box["width"] > 20 and box["height"] > 10

    page.keyboard.press("Enter")

    expect(page.locator("main#main")).to_be_focused()
    expect(page).to_have_url(re.compile(r"#main$"))
