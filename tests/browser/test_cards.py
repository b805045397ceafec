"""Quality cards in a real browser: a coordinator writes a card and a leader adopts it, a teacher
records an agreement check and a private reflection that the leader never gets to see, and a
leader reads what changed between two adopted versions."""

import re
from datetime import timedelta

import pytest
from django.utils import dateformat, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import ngettext
from playwright.sync_api import expect

from kwaliteitskaarten import services
from kwaliteitskaarten.models import AgreementCheck, CardVersion, Kwaliteitskaart, Reflection
from tests.factories import (
    PASSWORD,
)

from .helpers import CARDS, adopted_card, tr

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_console_errors")]


def log_in_with_form(page, email, password=PASSWORD):
    page.goto("/inloggen/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/s/regenboog/$"))


def log_out(page):
    page.locator("header").get_by_role("button", name=tr("Log out")).click()
    expect(page).to_have_url(re.compile(r"/inloggen/$"))


def nav_link(page, text):
    return page.locator("nav.main-nav").get_by_role("link", name=tr(text), exact=True)


def label(text):
    """A label's exact text, with or without Django's colon."""
    return re.compile(rf"^\s*{re.escape(text)}:?\s*$")


def field(page, verbose_name):
    """A form field by its Dutch label (Django capitalises the model field's verbose name)."""
    return page.get_by_label(capfirst(tr(verbose_name)))


def test_a_coordinator_writes_a_card_and_a_leader_adopts_it(page, school):
    why = "Lezen opent de wereld; we willen dat kinderen nieuwsgierig blijven naar verhalen."
    core = "Elke ochtend lezen alle groepen een kwartier stil in een zelfgekozen boek."
    autonomy = "Hoe je het leesmoment afsluit, kies je zelf."

    # The coordinator makes the card and writes its draft.
    log_in_with_form(page, "carla@regenboog.example")
    nav_link(page, "Quality cards").click()
    expect(page).to_have_url(re.compile(rf"{CARDS}$"))
    page.get_by_role("link", name=tr("New card"), exact=True).click()
    field(page, "theme").fill("Lezen")
    field(page, "owner").select_option(label="Carla Jansen")
    field(page, "involved team or working group").select_option(label="Bovenbouw")
    page.get_by_role("button", name=tr("Make the card")).click()

    card = Kwaliteitskaart.objects.get(school=school, title="Lezen")
    expect(page).to_have_url(re.compile(rf"{CARDS}{card.pk}/concept/$"))
    expect(page.locator(".messages")).to_contain_text(
        tr("The card has been made. Write its content next.")
    )
    expect(page.locator("main .attention")).to_have_count(0)  # the vision is adopted
    field(page, "why: the values behind it").fill(why)
    page.get_by_label("Nieuwsgierigheid", exact=True).check()
    field(page, "what good looks like here (shared core)").fill(core)
    field(page, "room for own accents").fill(autonomy)
    page.get_by_role("button", name=tr("Save draft")).click()

    expect(page).to_have_url(re.compile(rf"{CARDS}{card.pk}/$"))
    expect(page.locator(".messages")).to_contain_text(tr("The draft has been saved."))
    expect(page.locator("main .lead .badge")).to_have_text(tr("concept"))
    expect(page.get_by_role("link", name=tr("Adopt this draft"))).to_have_count(0)
    log_out(page)

    # The leader opens the card from the list and adopts the draft.
    log_in_with_form(page, "lars@regenboog.example")
    nav_link(page, "Quality cards").click()
    page.locator("main table").get_by_role("link", name="Lezen", exact=True).click()
    expect(page).to_have_url(re.compile(rf"{CARDS}{card.pk}/$"))
    page.get_by_role("link", name=tr("Adopt this draft")).click()
    expect(page).to_have_url(re.compile(rf"{CARDS}{card.pk}/vaststellen/$"))
    today = timezone.localdate()
    # The field comes filled in with today (tested below); type it anyway, as people do.
    page.get_by_label(tr("Adopted on")).fill(today.isoformat())
    page.get_by_role("button", name=tr("Adopt"), exact=True).click()

    expect(page).to_have_url(re.compile(rf"{CARDS}{card.pk}/$"))
    expect(page.locator(".messages")).to_contain_text(tr("The card has been adopted."))
    expect(page.locator("main .lead .badge.ok")).to_have_text(tr("adopted"))
    with translation.override("nl"):
        shown_date = dateformat.format(today, "j F Y")
    expect(page.locator("main .lead")).to_contain_text(shown_date)
    expect(page.locator("main .lead")).to_contain_text("Lars de Vries")
    expect(page.locator("main .card-part.core")).to_contain_text(core)
    expect(page.get_by_role("list", name=tr("Core values"))).to_have_text("Nieuwsgierigheid")
    expect(page.get_by_role("link", name=tr("Adopt this draft"))).to_have_count(0)

    version = CardVersion.objects.get(card=card)
    assert version.status == CardVersion.Status.ADOPTED
    assert version.adopted_on == today
    assert version.adopted_by == school.people["leader"]
    assert [v.name for v in version.core_values.all()] == ["Nieuwsgierigheid"]


def test_a_teacher_records_a_check_and_a_private_reflection(page, school, log_in_as):
    teacher = school.people["teacher"]
    card = adopted_card(
        school, title="Lezen", core="Elke ochtend lezen alle groepen een kwartier stil."
    )
    agreement = services.agreement_add(
        card=card,
        text="Ik lees elke ochtend zelf zichtbaar mee.",
        owner=teacher,
        check_interval_months=3,
        first_check_on=timezone.localdate() - timedelta(days=7),
    )
    reflection = "Mijn groep 7 komt pas na tien minuten echt tot lezen; geheim: ik ook."

    log_in_as(teacher)
    page.goto("/s/regenboog/")
    nav_link(page, "My quality").click()
    expect(page).to_have_url(re.compile(rf"{CARDS}mijn/$"))
    with translation.override("nl"):
        waiting = ngettext(
            "One of your agreements is waiting for its check.",
            "%(counter)s of your agreements are waiting for their check.",
            1,
        )
    expect(page.locator("main .notice")).to_have_text(waiting)
    mine = page.get_by_role("region", name=tr("Your agreements"))
    item = mine.locator("article", has_text=agreement.text)
    expect(item).to_contain_text(tr("check overdue"))
    expect(item).to_contain_text(tr("not checked yet"))

    # The check: partly kept, with a note.
    item.get_by_text(tr("Record a check"), exact=True).click()
    item.get_by_label(tr("partly kept"), exact=True).check()
    item.get_by_label(tr("Note"), exact=True).fill("Op maandag lukt het nog niet.")
    item.get_by_role("button", name=tr("Save check")).click()

    expect(page).to_have_url(re.compile(rf"{CARDS}mijn/#agreement-{agreement.pk}$"))
    expect(page.locator(".messages")).to_contain_text(tr("The check has been recorded."))
    item = page.get_by_role("region", name=tr("Your agreements")).locator(
        "article", has_text=agreement.text
    )
    expect(item.locator(".badge.missed")).to_have_text(tr("partly kept"))
    assert tr("partly kept") == "deels nagekomen"
    expect(item).not_to_contain_text(tr("check overdue"))
    expect(page.locator("main .notice")).to_have_count(0)
    check = AgreementCheck.objects.get(agreement=agreement)
    assert (check.result, check.note, check.recorded_by) == (
        AgreementCheck.Result.PARTLY,
        "Op maandag lukt het nog niet.",
        teacher,
    )

    # The reflection: only for the teacher.
    form = page.get_by_role("region", name=tr("Reflect"))
    form.get_by_label(label(tr("Card"))).select_option(label="Lezen")
    form.get_by_label(capfirst(tr("reflection"))).fill(reflection)
    form.get_by_label(tr("only me"), exact=True).check()
    form.get_by_role("button", name=tr("Save reflection")).click()

    expect(page).to_have_url(re.compile(rf"{CARDS}mijn/#reflect$"))
    expect(page.locator(".messages")).to_contain_text(tr("Your reflection has been saved."))
    mine = page.get_by_role("region", name=tr("Your reflections"))
    expect(mine.locator("article")).to_have_count(1)
    expect(mine.locator("article")).to_contain_text(reflection)
    expect(mine.locator("article")).to_contain_text(tr("only you"))
    saved = Reflection.objects.get(author=teacher)
    assert (saved.card, saved.visibility) == (card, Reflection.Visibility.PRIVATE)

    # The leader of the same school and team sees it nowhere.
    log_out(page)
    log_in_as(school.people["leader"])
    page.goto(f"{CARDS}{card.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lezen")
    expect(page.locator("main")).to_contain_text(agreement.text)
    assert reflection not in page.content()
    nav_link(page, "My quality").click()
    expect(page).to_have_url(re.compile(rf"{CARDS}mijn/$"))
    expect(page.get_by_role("region", name=tr("Your reflections"))).to_contain_text(
        tr("You have not written a reflection yet.")
    )
    expect(page.get_by_role("region", name=tr("From your team"))).to_contain_text(
        tr("No shared reflections from your team yet.")
    )
    assert reflection not in page.content()


def test_a_leader_sees_what_changed_between_two_versions(page, school, log_in_as):
    leader = school.people["leader"]
    old_core = "Elke les begint met een helder lesdoel op het bord."
    new_core = "Elke les begint met een helder en gedeeld lesdoel voor iedereen."
    today = timezone.localdate()
    card = adopted_card(
        school, title="Lesdoelen", core=old_core, adopted_on=today - timedelta(days=400)
    )
    draft = services.card_review_start(card=card, user=school.people["coordinator"])
    services.card_draft_update(
        version=draft,
        why=draft.why,
        core=new_core,
        autonomy=draft.autonomy,
        how_we_see_it="",
        core_values=list(draft.core_values.all()),
        indicators=[],
    )
    services.card_adopt(version=draft, user=leader, adopted_on=today)

    log_in_as(leader)
    page.goto(f"{CARDS}{card.pk}/")
    expect(page.locator("main .card-part.core")).to_contain_text(new_core)
    page.get_by_role("link", name=tr("All versions and what changed")).click()
    expect(page).to_have_url(re.compile(rf"{CARDS}{card.pk}/versies/$"))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    with translation.override("nl"):
        compare_link = translation.gettext("What changed in version %(number)s") % {"number": 2}
    page.get_by_role("link", name=compare_link).click()

    expect(page).to_have_url(re.compile(rf"{CARDS}{card.pk}/versies/2/verschil/$"))
    expect(page.locator("#with")).to_have_value("1")
    core = page.get_by_role("region", name=tr("What good looks like here"))
    old_side, new_side = core.locator(".card").nth(0), core.locator(".card").nth(1)
    # Old: "… lesdoel [op het bord.]"; new: "… helder [en gedeeld] lesdoel [voor iedereen.]"
    expect(old_side.locator("del")).to_have_count(1)
    expect(old_side.locator("del")).to_contain_text("op het bord.")
    expect(old_side.locator("ins")).to_have_count(0)
    expect(new_side.locator("ins")).to_have_count(2)
    expect(new_side.locator("ins").nth(0)).to_contain_text("en gedeeld")
    expect(new_side.locator("ins").nth(1)).to_contain_text("voor iedereen.")
    expect(new_side.locator("del")).to_have_count(0)
    expect(old_side.locator("p.diff")).to_contain_text("Elke les begint met een helder lesdoel")
    # An unchanged part is marked so and has no marks.
    why = page.get_by_role("region", name=tr("Why"))
    expect(why.locator("h2 .badge")).to_have_text(tr("unchanged"))
    expect(why.locator("ins, del")).to_have_count(0)


def test_the_adoption_date_comes_filled_in_with_today(page, school, log_in_as):
    card = services.card_create(
        school=school, title="Lezen", owner=None, team=None, user=school.people["leader"]
    )
    log_in_as(school.people["leader"])
    page.goto(f"{CARDS}{card.pk}/vaststellen/")
    expect(page.get_by_label(tr("Adopted on"))).to_have_value(
        timezone.localdate().isoformat(), timeout=2_000
    )
