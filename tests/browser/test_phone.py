"""A teacher on a phone (390×844) records a check with the keyboard only: first without a result
(the message appears next to the field, the note stays), then right, and sees it saved."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kwaliteitskaarten import services
from kwaliteitskaarten.models import AgreementCheck

from .helpers import CARDS, adopted_card, tr

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_console_errors")]

NOTE = "Op maandag lukt het nog niet."


def focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit=80):
    """Press Tab until `locator` has the focus, as a keyboard user walks the page."""
    for _ in range(limit):
        if focused(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def test_a_teacher_records_a_check_on_a_phone_with_the_keyboard_only(page, school, log_in_as):  # noqa: F811
    teacher = school.people["teacher"]
    card = adopted_card(school, title="Lezen", core="Elke ochtend lezen alle groepen stil.")
    agreement = services.agreement_add(
        card=card,
        text="Ik lees elke ochtend zelf zichtbaar mee.",
        owner=teacher,
        check_interval_months=3,
        first_check_on=timezone.localdate() - timedelta(days=7),
    )
    page.set_viewport_size({"width": 390, "height": 844})
    log_in_as(teacher)
    page.goto(f"{CARDS}mijn/")
    item = page.get_by_role("region", name=tr("Your agreements")).locator(
        "article", has_text=agreement.text
    )

    # Open the form, type a note, and send it without choosing a result.
    summary = item.get_by_text(tr("Record a check"), exact=True)
    tab_to(page, summary)
    page.keyboard.press("Enter")
    note = item.get_by_label(tr("Note"), exact=True)
    tab_to(page, note)
    page.keyboard.type(NOTE)
    save = item.get_by_role("button", name=tr("Save check"))
    tab_to(page, save)
    page.keyboard.press("Enter")

    # Still on Mijn kwaliteit: the message next to the result, the note kept, the focus there.
    expect(page).to_have_url(re.compile(rf"{CARDS}mijn/$"))
    item = page.get_by_role("region", name=tr("Your agreements")).locator(
        "article", has_text=agreement.text
    )
    results = item.get_by_role("group", name=re.compile(re.escape(agreement.text)))
    expect(results.locator(".error")).to_have_text(tr("Choose whether the agreement was kept."))
    expect(item.get_by_label(tr("Note"), exact=True)).to_have_value(NOTE)
    kept = item.get_by_label(tr("kept"), exact=True)
    expect(kept).to_be_focused()
    expect(kept).to_be_in_viewport()
    assert not AgreementCheck.objects.exists()

    # Now right: Space chooses "kept", Enter on the button saves.
    page.keyboard.press("Space")
    expect(kept).to_be_checked()
    save = item.get_by_role("button", name=tr("Save check"))
    tab_to(page, save)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"{CARDS}mijn/#agreement-{agreement.pk}$"))
    expect(page.locator(".messages")).to_contain_text(tr("The check has been recorded."))
    item = page.locator(f"#agreement-{agreement.pk}")
    expect(item.locator(".badge.ok")).to_have_text(tr("kept"))
    expect(item).to_be_in_viewport()
    check = AgreementCheck.objects.get(agreement=agreement)
    assert (check.result, check.note) == (AgreementCheck.Result.KEPT, NOTE)
