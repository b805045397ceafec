"""An improvement cycle in a real browser: a coordinator starts one from a dataplan indicator
that asks for action and walks it from Plan through Do and Check to an Act that anchors the
result (borgen) in a new agreement on a quality card, which sends the card to review."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from kwaliteit.models import CoreValue, Role
from kwaliteitskaarten import services as card_services
from kwaliteitskaarten.models import Afspraak
from pdca.models import Cycle
from tests.factories import (
    GroupFactory,
    IndicatorFactory,
    MeasurementFactory,
    MembershipFactory,
    SchoolFactory,
    TeamFactory,
    UserFactory,
    VisionVersionFactory,
)

from .helpers import tr

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_console_errors")]

SLUG = "regenboog"
CYCLES = f"/s/{SLUG}/verbetertrajecten/"


@pytest.fixture
def school(transactional_db):
    """A school with a coordinator and a teacher, an adopted quality card "Lezen", and a reading
    indicator (norm 75%, target 85%) whose latest measurement, 62%, asks for action."""
    school = SchoolFactory(name="OBS De Regenboog", slug=SLUG)
    team = TeamFactory(school=school, name="Bovenbouw")
    people = {}
    for role, email, name in [
        (Role.COORDINATOR, "carla@regenboog.example", "Carla Jansen"),
        (Role.LEADER, "lars@regenboog.example", "Lars de Vries"),
        (Role.TEACHER, "tessa@regenboog.example", "Tessa Bakker"),
    ]:
        people[str(role)] = UserFactory(email=email, full_name=name)
        MembershipFactory(user=people[str(role)], school=school, role=role, teams=[team])
    coordinator, leader = people["coordinator"], people["leader"]
    vision = VisionVersionFactory(
        school=school,
        adopted=True,
        adopted_by=leader,
        created_by=coordinator,
        values=["Nieuwsgierigheid"],
    )
    card = card_services.card_create(
        school=school, title="Lezen", owner=coordinator, team=team, user=coordinator
    )
    card_services.card_draft_update(
        version=card.versions.get(),
        why="Lezen opent de wereld.",
        core="Elke ochtend lezen alle groepen een kwartier stil.",
        autonomy="Elke leerkracht kiest zelf de teksten.",
        how_we_see_it="",
        core_values=list(CoreValue.objects.filter(vision=vision)),
        indicators=[],
    )
    card_services.card_adopt(version=card.versions.get(), user=leader)
    indicator = IndicatorFactory(
        school=school,
        name="Leesresultaten",
        owner=coordinator,
        unit="%",
        norm=Decimal("75"),
        target=Decimal("85"),
    )
    MeasurementFactory(
        indicator=indicator,
        group=GroupFactory(school=school, name="Groep 5"),
        measured_on=timezone.localdate() - timedelta(days=10),
        value=Decimal("62"),
    )
    school.people, school.team, school.card, school.indicator = people, team, card, indicator
    return school


def field(page, text):
    """A form control by its label's exact text, with or without Django's colon."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(text)}:?\s*$"))


def capfirst_tr(verbose_name):
    """A model field's label: Django capitalises the (translated) verbose name."""
    return capfirst(tr(verbose_name))


def button(page, text):
    return page.get_by_role("button", name=text, exact=True)


def link(page, text):
    return page.get_by_role("link", name=text, exact=True)


def phase(kind):
    """A phase's label as the pages show it ("Plan", "Do", ...)."""
    return tr(kind)


def messages(page):
    return page.locator(".messages")


def shown(day, format_="DATE_FORMAT"):
    with translation.override("nl"):
        return formats.date_format(day, format_)


def test_a_coordinator_walks_one_cycle_from_plan_to_borgen(page, school, log_in_as):
    today = timezone.localdate()
    indicator, card = school.indicator, school.card
    goal_what = "Leerlingen van groep 5 lezen beter begrijpend."
    goal_measure = "85% van groep 5 haalt de norm op de volgende toets."
    goal_date = today + timedelta(days=200)
    criterion = tr("%(indicator)s reaches %(target)s") % {
        "indicator": "Leesresultaten",
        "target": "85 %",
    }
    action = "Elke dag twintig minuten stillezen in groep 5"
    note = "De eerste weken lopen goed; groep 5 vraagt zelf om meer boeken."
    evidence = "De toets van maart: 86% van groep 5 haalt de norm."
    conclusion = "Het stillezen werkt; we willen het vasthouden."
    agreement = "Groep 5 leest elke ochtend twintig minuten stil."
    first_check = today + timedelta(days=60)

    log_in_as(school.people["coordinator"])
    page.goto(f"/s/{SLUG}/")

    # The dataplan: the reading indicator asks for action; open it and start a cycle from it.
    page.locator("nav.main-nav").get_by_role("link", name=tr("Dataplan"), exact=True).click()
    page.locator("main table").get_by_role("link", name="Leesresultaten", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/dataplan/indicatoren/{indicator.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Leesresultaten")
    link(page, tr("Start an improvement cycle")).click()

    # The new cycle is prefilled from the indicator: where it stood and what the norm is.
    expect(page).to_have_url(re.compile(rf"{CYCLES}nieuw/\?indicator={indicator.pk}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("New improvement cycle"))
    # It names the group below the norm with its value and date, not a mean.
    starting_point = tr("%(indicator)s, below the norm: %(groups)s; norm %(norm)s") % {
        "indicator": "Leesresultaten",
        "groups": f"Groep 5: 62 % ({shown(today - timedelta(days=10), 'SHORT_DATE_FORMAT')})",
        "norm": "≥ 75 %",
    }
    notice = page.locator("main .notice[role=status]")
    expect(notice).to_contain_text(
        tr("Started from the indicator “%(name)s”, which asks for action.")
        % {"name": "Leesresultaten"}
    )
    expect(notice).to_contain_text(starting_point)
    expect(field(page, capfirst_tr("title"))).to_have_value(
        tr("Improve: %(indicator)s") % {"indicator": "Leesresultaten"}
    )
    expect(field(page, capfirst_tr("reason"))).to_have_value(starting_point)
    expect(field(page, tr("First success criterion"))).to_have_value(criterion)

    # The goal: what, how much, by when; the team and the card it is about.
    field(page, capfirst_tr("goal: what")).fill(goal_what)
    field(page, capfirst_tr("goal: by when")).fill(goal_date.isoformat())
    field(page, capfirst_tr("team")).select_option(label="Bovenbouw")
    page.get_by_label("Lezen", exact=True).check()
    goal_measure_field = field(page, capfirst_tr("goal: how much"))
    goal_measure_field.fill(goal_measure)
    goal_measure_field.press("Enter")  # submits the form, as a keyboard user would

    expect(messages(page)).to_contain_text(
        tr("The cycle has been started. Complete its plan next.")
    )
    cycle = Cycle.objects.get(school=school)
    expect(page).to_have_url(re.compile(rf"{CYCLES}{cycle.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        tr("Improve: %(indicator)s") % {"indicator": "Leesresultaten"}
    )
    plan = page.locator("section[aria-labelledby=plan-heading]")
    expect(plan).to_contain_text(goal_what)
    expect(plan).to_contain_text(goal_measure)
    expect(plan).to_contain_text(shown(goal_date))
    expect(plan.get_by_role("row").filter(has_text=criterion)).to_have_count(1)
    expect(page.locator("main dl.facts")).to_contain_text(starting_point)
    current = page.locator("ol.phases li[aria-current=step]")
    expect(current.locator(".phase-name")).to_have_text(f"1. {phase('Plan')}")

    # Plan: an action (due last week, so it is overdue from the start), then complete the Plan.
    link(page, tr("Add an action")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("New action"))
    field(page, capfirst_tr("owner")).select_option(label="Tessa Bakker")
    field(page, capfirst_tr("due date")).fill((today - timedelta(days=7)).isoformat())
    description = field(page, capfirst_tr("action"))
    description.fill(action)
    description.press("Enter")
    expect(messages(page)).to_contain_text(tr("The action has been added."))
    do = page.locator("section[aria-labelledby=do-heading]")
    action_row = do.get_by_role("row").filter(has_text=action)
    expect(action_row).to_contain_text("Tessa Bakker")
    overdue = tr("overdue since %(date)s") % {
        "date": shown(today - timedelta(days=7), "MONTH_DAY_FORMAT")
    }
    expect(action_row.locator(".badge.action")).to_have_text(overdue)

    button(page, tr("Complete the %(phase)s") % {"phase": phase("Plan")}).click()
    expect(messages(page)).to_contain_text(
        tr("The %(phase)s has been completed.") % {"phase": phase("Plan")}
    )
    expect(current.locator(".phase-name")).to_have_text(f"2. {phase('Do')}")
    expect(link(page, tr("Edit the plan"))).to_have_count(0)

    # Do: the action is done, a progress note, then complete the Do.
    link(page, f"{tr('Update')} {action}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("Action"))
    field(page, capfirst_tr("status")).select_option(label=tr("done"))
    button(page, tr("Save the action")).click()
    expect(messages(page)).to_contain_text(tr("The action has been saved."))
    expect(action_row).to_contain_text(tr("done"))
    expect(action_row.locator(".badge.action")).to_have_count(0)  # done is no longer overdue

    field(page, tr("Progress note")).fill(note)
    button(page, tr("Save the note")).click()
    expect(messages(page)).to_contain_text(tr("The progress note has been saved."))
    expect(page.locator("ul.notes")).to_contain_text(note)

    button(page, tr("Complete the %(phase)s") % {"phase": phase("Do")}).click()
    expect(messages(page)).to_contain_text(
        tr("The %(phase)s has been completed.") % {"phase": phase("Do")}
    )
    expect(current.locator(".phase-name")).to_have_text(f"3. {phase('Check')}")

    # Check: completing it before anything is evaluated is refused, with the reasons.
    link(page, tr("Evaluate and conclude")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("Check"))
    criterion_card = page.locator("section.card").filter(
        has=page.get_by_role("heading", name=criterion, exact=True)
    )
    expect(criterion_card).to_contain_text(tr("not evaluated yet"))
    # The 62% that started the cycle predates it: the Check only counts what came after.
    expect(criterion_card.locator("table.readings")).to_contain_text(
        tr("No measurements in this period yet.")
    )
    button(page, tr("Complete the Check")).click()

    expect(page).to_have_url(re.compile(rf"{CYCLES}{cycle.pk}/#check$"))
    refusal = messages(page)
    expect(refusal.locator(".error")).to_have_text(
        [
            tr("The %(phase)s has not been completed.") % {"phase": phase("Check")},
            tr("Evaluate every success criterion: %(count)s still without evaluation.")
            % {"count": 1},
            tr("Write the conclusion of the Check."),
        ]
    )
    expect(current.locator(".phase-name")).to_have_text(f"3. {phase('Check')}")

    # Evaluate the criterion (met, with evidence), write the conclusion, complete the Check.
    link(page, tr("Evaluate and conclude")).click()
    link(page, f"{tr('Evaluate')} {criterion}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(criterion)
    page.get_by_label(tr("met"), exact=True).check()
    field(page, capfirst_tr("what we saw")).fill(evidence)
    button(page, tr("Save the evaluation")).click()
    expect(messages(page)).to_contain_text(tr("The evaluation has been saved."))
    # back on the Check page it came from, at this criterion (focused)
    heading = page.get_by_role("heading", name=criterion, exact=True)
    expect(heading).to_be_focused()
    expect(page.locator("section.card").filter(has=heading)).to_contain_text(evidence)
    check = page.locator("section[aria-labelledby=check-heading]")

    expect(page.get_by_text(tr("Every criterion has been evaluated."))).to_be_visible()
    field(page, tr("Conclusion of the Check")).fill(conclusion)
    button(page, tr("Save the conclusion")).click()
    expect(messages(page)).to_contain_text(tr("The conclusion has been saved."))
    expect(check).to_contain_text(conclusion)

    button(page, tr("Complete the %(phase)s") % {"phase": phase("Check")}).click()
    expect(messages(page)).to_contain_text(
        tr("The %(phase)s has been completed.") % {"phase": phase("Check")}
    )
    expect(current.locator(".phase-name")).to_have_text(f"4. {phase('Act')}")

    # Act: anchor (borgen) the result in a new agreement on the card.
    act = page.locator("section[aria-labelledby=act-heading]")
    act.get_by_role("link", name=tr("Decide: anchor, adjust or stop"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        tr("Act: what do we do with the result?")
    )
    expect(page.locator("section[aria-labelledby=check-summary]")).to_contain_text(conclusion)
    page.get_by_label(tr("anchor (borgen)"), exact=True).check()
    page.get_by_label(tr("a new agreement on a quality card"), exact=True).check()
    expect(field(page, tr("Quality card"))).to_have_value(str(card.pk))  # the cycle's card
    field(page, tr("Text of the agreement")).fill(agreement)
    field(page, tr("Owner of the agreement")).select_option(label="Tessa Bakker")
    field(page, tr("First follow-up")).fill(first_check.isoformat())
    button(page, tr("Record the decision and close the cycle")).click()

    # Closed, with the decision; the history lists the steps.
    expect(messages(page)).to_contain_text(
        tr("The decision has been recorded; the cycle is closed.")
    )
    expect(page).to_have_url(re.compile(rf"{CYCLES}{cycle.pk}/#act$"))
    anchor = tr("anchor (borgen)")
    lead = page.locator("main .lead")
    expect(lead.locator(".badge")).to_have_text(tr("closed"))
    expect(lead).to_contain_text(
        tr("decision: %(decision)s, on %(date)s") % {"decision": anchor, "date": shown(today)}
    )
    expect(page.locator("ol.phases li[aria-current=step]")).to_have_count(0)
    expect(page.locator("ol.phases li.done")).to_have_count(4)
    expect(act.locator("dl")).to_contain_text(anchor)
    expect(act.get_by_role("link", name=agreement, exact=True)).to_be_visible()
    expect(link(page, tr("Add an action"))).to_have_count(0)

    history = page.locator("table.history tbody tr td:last-child")

    def completed(kind):
        return tr("completed the %(phase)s") % {"phase": phase(kind)}

    expect(history).to_contain_text(
        [  # newest first
            f"{tr('decided: %(decision)s') % {'decision': anchor}} ({phase('Act')})",
            f"{tr('anchored the result')} ({phase('Act')}): "
            + tr("New agreement on “%(card)s”: %(text)s") % {"card": "Lezen", "text": agreement},
            completed("Check"),
            f"{tr('evaluated a success criterion')} ({phase('Check')}): {criterion}: " + tr("met"),
            completed("Do"),
            f"{tr('wrote a progress note')}: {note}",
            f"{tr('changed an action')} ({phase('Do')}): {action} ({tr('done')})",
            completed("Plan"),
            f"{tr('added an action')} ({phase('Do')}): {action}",
            f"{tr('started the cycle')} ({phase('Plan')}): " + tr("started from an indicator"),
        ]
    )

    # The list shows the cycle as closed with its decision.
    page.get_by_role("link", name=f"← {tr('Improvement cycles')}", exact=True).click()
    row = page.locator("#cycle-results").get_by_role("row").filter(has_text=cycle.title)
    expect(row).to_contain_text(tr("closed (%(decision)s)") % {"decision": anchor})

    # The card's page shows the new agreement, its owner and first follow-up.
    page.goto(f"{CYCLES}{cycle.pk}/")
    act.get_by_role("link", name=agreement, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/kaarten/{card.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lezen")
    agreement_row = page.locator("section[aria-labelledby=agreements-heading]").get_by_role(
        "row", name=re.compile(re.escape(agreement))
    )
    expect(agreement_row).to_contain_text("Tessa Bakker")
    expect(agreement_row).to_contain_text(shown(first_check))
    # Borgen did not change the adopted card behind the leader's back: the agreement waits for
    # the next adoption, and the card is under review saying why, with a link to the cycle.
    expect(agreement_row.locator(".badge")).to_contain_text(
        tr("new since version %(number)s: waits for the next adoption") % {"number": 1}
    )
    expect(page.locator("main .lead .badge")).to_have_text(tr("under review"))
    why = page.locator("section.review-why")
    expect(why.get_by_role("heading", level=2)).to_have_text(
        tr("Why version %(number)s is being made") % {"number": 2}
    )
    expect(why).to_contain_text(
        tr("Requested change:") + " " + tr("new agreement: %(text)s") % {"text": agreement}
    )
    reason = tr("Anchoring of improvement cycle “%(title)s”") % {"title": cycle.title}
    why.get_by_role("link", name=reason, exact=True).click()
    expect(page).to_have_url(re.compile(rf"{CYCLES}{cycle.pk}/$"))

    cycle.refresh_from_db()
    assert cycle.is_closed and cycle.decision == Cycle.Decision.ANCHOR
    saved = Afspraak.objects.get(card=card, text=agreement)
    assert cycle.anchored_agreement == saved
    assert (saved.owner, saved.next_check_on) == (school.people["teacher"], first_check)
