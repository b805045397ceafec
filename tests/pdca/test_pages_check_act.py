"""The pages of a cycle, second half: Check, Act, reopening a phase and the report."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse

from kwaliteitskaarten.models import Afspraak, CardVersion
from pdca.models import Cycle

from ..factories import MeasurementFactory
from ..helpers.audit import events_of
from .helpers import (
    TODAY,
    complete_do,
    complete_plan,
    follow,
    messages_of,
    to_act,
    url,
)

# --- check ------------------------------------------------------------------------------------


def test_measurements_in_the_period_are_shown_next_to_the_criterion(world, en, cycle):
    MeasurementFactory(indicator=world.indicator, measured_on=TODAY, value=Decimal("83.5"))
    MeasurementFactory(
        indicator=world.indicator, measured_on=TODAY - timedelta(days=400), value=Decimal("11")
    )
    complete_plan(cycle, world.users["teacher"])
    complete_do(cycle, world.users["teacher"])
    criterion = cycle.criteria.get()
    page = en("teacher").get(url(world, "evaluate", cycle.pk, criterion.pk)).content.decode()
    assert "83.5" in page and "reached" in page
    assert ">11 " not in page  # before the cycle started
    check = en("teacher").get(url(world, "check", cycle.pk)).content.decode()
    assert "83.5" in check


def test_completing_the_check_without_evaluations_is_refused(world, en, cycle):
    complete_plan(cycle, world.users["teacher"])
    complete_do(cycle, world.users["teacher"])
    response = follow(en("teacher"), url(world, "phase-complete", cycle.pk, "check"))
    text = " ".join(messages_of(response))
    assert "Evaluate every success criterion: 1 still without evaluation." in text
    assert "Write the conclusion of the Check." in text
    assert not cycle.phases.get(kind="check").is_completed


def test_no_data_needs_a_reason(world, en, cycle):
    complete_plan(cycle, world.users["teacher"])
    complete_do(cycle, world.users["teacher"])
    criterion = cycle.criteria.get()
    path = url(world, "evaluate", cycle.pk, criterion.pk)
    response = en("teacher").post(path, {"result": "no_data", "evidence": ""})
    assert response.status_code == 200
    assert "Explain why there is no data" in response.content.decode()
    criterion.refresh_from_db()
    assert criterion.result == ""
    response = en("teacher").post(
        path, {"result": "no_data", "evidence": "", "no_data_reason": "Toets uitgevallen"}
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert (criterion.result, criterion.no_data_reason) == ("no_data", "Toets uitgevallen")


def test_evaluating_before_the_do_is_refused(world, en, cycle):
    criterion = cycle.criteria.get()
    path = url(world, "evaluate", cycle.pk, criterion.pk)
    response = en("teacher").post(path, {"result": "met", "evidence": "Ja"})
    assert response.status_code == 200
    assert "Complete the Do before evaluating" in response.content.decode()
    criterion.refresh_from_db()
    assert criterion.result == ""


def test_the_check_is_completed_with_evaluations_and_a_conclusion(world, en, cycle):
    teacher = world.users["teacher"]
    complete_plan(cycle, teacher)
    complete_do(cycle, teacher)
    client = en("teacher")
    criterion = cycle.criteria.get()
    client.post(
        url(world, "evaluate", cycle.pk, criterion.pk), {"result": "partly", "evidence": "78%"}
    )
    client.post(url(world, "check", cycle.pk), {"conclusion": "Op de goede weg."})
    response = follow(client, url(world, "phase-complete", cycle.pk, "check"))
    assert "The Check has been completed." in messages_of(response)
    assert "partly met" in response.content.decode()


# --- act --------------------------------------------------------------------------------------


def test_an_act_without_a_decision_is_refused(world, en, cycle):
    cycle = to_act(cycle, world.users["teacher"])
    response = en("teacher").post(url(world, "act", cycle.pk), {"note": "Tja"})
    assert response.status_code == 200
    assert "Choose a decision" in response.content.decode()
    cycle.refresh_from_db()
    assert not cycle.is_closed


def test_the_act_cannot_come_before_the_check(world, en, cycle):
    response = en("teacher").post(
        url(world, "act", cycle.pk), {"decision": "stop", "note": "Klaar"}
    )
    assert response.status_code == 200
    assert "Complete the Plan before the Act" in response.content.decode()
    cycle.refresh_from_db()
    assert not cycle.is_closed


def test_anchoring_in_a_new_agreement_puts_it_on_the_card(world, en, cycle):
    cycle = to_act(cycle, world.users["teacher"])
    response = en("teacher").post(
        url(world, "act", cycle.pk),
        {
            "decision": "anchor",
            "note": "Het werkt",
            "how": "new_agreement",
            "card": world.card.pk,
            "text": "Elke dag twintig minuten stillezen",
            "owner": world.users["teacher"].pk,
            "check_interval_months": "3",
            "first_check_on": (TODAY + timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    cycle.refresh_from_db()
    agreement = Afspraak.objects.get(text="Elke dag twintig minuten stillezen")
    assert agreement.card == world.card
    assert (cycle.anchored_agreement, cycle.decision, cycle.is_closed) == (
        agreement,
        "anchor",
        True,
    )
    page = en("viewer").get(url(world, "cycle", cycle.pk)).content.decode()
    assert "Elke dag twintig minuten stillezen" in page


def test_anchoring_without_choosing_the_card_or_agreement_saves_nothing(world, en, cycle):
    cycle = to_act(cycle, world.users["teacher"])
    client = en("teacher")
    response = client.post(
        url(world, "act", cycle.pk),
        {
            "decision": "anchor",
            "how": "new_agreement",
            "text": "Iets",
            "first_check_on": "2026-09-01",
        },
    )
    assert "Choose the card that gets the new agreement." in response.content.decode()
    response = client.post(
        url(world, "act", cycle.pk), {"decision": "anchor", "how": "change_agreement", "text": "X"}
    )
    assert "Choose the agreement to change." in response.content.decode()
    response = client.post(url(world, "act", cycle.pk), {"decision": "anchor"})
    assert "Choose how the result is anchored" in response.content.decode()
    cycle.refresh_from_db()
    assert not cycle.is_closed
    assert Afspraak.objects.count() == 1


def test_changing_an_agreement_anchors_it(world, en, cycle):
    cycle = to_act(cycle, world.users["teacher"])
    en("teacher").post(
        url(world, "act", cycle.pk),
        {
            "decision": "anchor",
            "how": "change_agreement",
            "agreement": world.agreement.pk,
            "text": "Elke les een exit-ticket, ook digitaal",
        },
    )
    world.agreement.refresh_from_db()
    assert world.agreement.text == "Elke les een exit-ticket, ook digitaal"
    cycle.refresh_from_db()
    assert cycle.anchored_agreement == world.agreement


def test_changing_the_card_sends_it_to_review_with_the_reason(world, en, cycle):
    cycle = to_act(cycle, world.users["teacher"])
    en("teacher").post(
        url(world, "act", cycle.pk),
        {
            "decision": "anchor",
            "how": "change_card",
            "card": world.card.pk,
            "change": "Stillezen hoort in de kern",
        },
    )
    draft = world.card.versions.get(status=CardVersion.Status.DRAFT)
    assert "Stillezen hoort in de kern" in draft.review_reason
    cycle.refresh_from_db()
    assert (cycle.anchored_card, cycle.is_closed) == (world.card, True)


def test_adjusting_starts_a_linked_follow_up_shown_on_both_pages(world, en, cycle):
    cycle = to_act(cycle, world.users["teacher"])
    client = en("teacher")
    response = client.post(url(world, "act", cycle.pk), {"decision": "adjust", "note": "Scherper"})
    follow_up = Cycle.objects.get(predecessor=cycle)
    assert response["Location"] == url(world, "cycle", follow_up.pk)
    page = client.get(response["Location"])
    assert any("follow-up cycle continues it" in m for m in messages_of(page))
    for path in (url(world, "cycle", cycle.pk), url(world, "cycle", follow_up.pk)):
        html = client.get(path).content.decode()
        assert "Chain of cycles" in html
        assert cycle.title in html and follow_up.title in html
    assert follow_up.criteria.count() == cycle.criteria.count()


def test_stopping_needs_a_reason(world, en, cycle):
    cycle = to_act(cycle, world.users["teacher"])
    response = en("teacher").post(url(world, "act", cycle.pk), {"decision": "stop", "note": ""})
    assert "Give the reason for stopping." in response.content.decode()
    cycle.refresh_from_db()
    assert not cycle.is_closed
    en("teacher").post(url(world, "act", cycle.pk), {"decision": "stop", "note": "Geen tijd"})
    cycle.refresh_from_db()
    assert (cycle.decision, cycle.decision_note, cycle.is_closed) == ("stop", "Geen tijd", True)


# --- reopening --------------------------------------------------------------------------------


def test_reopening_needs_a_reason_and_is_in_the_history(world, en, cycle):
    complete_plan(cycle, world.users["teacher"])
    client = en("teacher")
    path = url(world, "phase-reopen", cycle.pk, "plan")
    response = client.post(path, {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert cycle.phases.get(kind="plan").is_completed
    response = client.post(path, {"reason": "Doel te vaag"})
    assert response.status_code == 302
    assert not cycle.phases.get(kind="plan").is_completed
    event = events_of(cycle).get(verb="phase_reopened")
    assert event.data["text"] == "Doel te vaag"
    page = client.get(url(world, "cycle", cycle.pk)).content.decode()
    assert "reopened the Plan" in page and "Doel te vaag" in page


# --- pdf --------------------------------------------------------------------------------------


def test_the_cycle_report_is_made_in_the_background(world, cycle):
    from kwaliteit.models import Job

    response = world.client_for("viewer").post(url(world, "pdf", cycle.pk))
    job = Job.objects.get(kind="cycle_pdf")
    assert (job.content_type.model, job.object_id) == ("cycle", str(cycle.pk))
    assert response["Location"] == reverse("kwaliteit:job", args=[world.school.slug, job.id])


def test_the_card_page_offers_to_start_a_cycle_to_staff_only(world, en):
    path = reverse("kwaliteitskaarten:card", args=[world.school.slug, world.card.pk])
    link = url(world, "new") + f"?card={world.card.pk}"
    assert link in en("teacher").get(path).content.decode()
    assert link not in en("viewer").get(path).content.decode()
