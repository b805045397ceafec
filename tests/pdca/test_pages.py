"""Improvement cycles through the pages: start, plan, do, check, act, reopen."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from kwaliteitskaarten.models import Afspraak, CardVersion
from pdca import services
from pdca.models import Cycle, Phase

from ..audit_helpers import events_of
from ..factories import MeasurementFactory
from .helpers import complete_do, complete_plan, make_cycle, to_act

TODAY = timezone.localdate()


def url(world, name, *args):
    return reverse(f"pdca:{name}", args=[world.school.slug, *args])


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def follow(client, path, data=None):
    return client.post(path, data or {}, follow=True)


# --- starting a cycle -------------------------------------------------------------------------


def test_starting_from_a_breaching_indicator_fills_in_value_norm_and_criterion(world, en):
    indicator = world.indicator  # norm 75, target 85
    MeasurementFactory(
        indicator=indicator, group=world.measurement.group, measured_on=TODAY, value=Decimal("62")
    )
    plan = en("coordinator").get(reverse("dataplan:plan", args=[world.school.slug]))
    start_url = url(world, "new") + f"?indicator={indicator.pk}"
    assert start_url in plan.content.decode()  # offered where the indicator asks for action

    response = en("coordinator").get(start_url)
    form = response.context["form"]
    assert "62" in form.initial["reason"] and "75" in form.initial["reason"]
    assert form.initial["criterion_indicator"] == indicator.pk
    assert form.initial["criterion_target"] == Decimal("85")
    assert "62" in response.content.decode()

    data = _new_cycle_data(world, form.initial)
    response = en("coordinator").post(start_url, data)
    cycle = Cycle.objects.get()
    assert response["Location"] == url(world, "cycle", cycle.pk)
    assert (cycle.origin, cycle.indicator) == ("indicator", indicator)
    assert "62" in cycle.origin_note and "75" in cycle.origin_note
    criterion = cycle.criteria.get()
    assert (criterion.indicator, criterion.target_value) == (indicator, Decimal("85"))


def _new_cycle_data(world, initial, **extra):
    data = {
        "title": initial.get("title", "Nieuw traject"),
        "goal_what": "Beter lezen",
        "goal_measure": "80%",
        "goal_date": "2026-06-30",
        "reason": initial.get("reason", ""),
        "owner": initial.get("owner", world.users["coordinator"].pk),
        "team": initial.get("team") or "",
        "cards": initial.get("cards", []),
        "criterion": initial.get("criterion", ""),
        "criterion_indicator": initial.get("criterion_indicator") or "",
        "criterion_target": initial.get("criterion_target") or "",
    }
    for kind in Phase.Kind.values:
        data[f"due_{kind}"] = initial[f"due_{kind}"].isoformat()
    data.update(extra)
    return data


def test_starting_from_a_card_links_the_card_team_and_owner(world, en):
    client = en("teacher")
    start_url = url(world, "new") + f"?card={world.card.pk}"
    form = client.get(start_url).context["form"]
    assert form.initial["cards"] == [world.card.pk]
    assert form.initial["team"] == world.team.pk
    assert form.initial["owner"] == world.card.owner_id
    assert world.card.title in form.initial["title"]
    client.post(start_url, _new_cycle_data(world, form.initial))
    cycle = Cycle.objects.get()
    assert cycle.origin == "card" and list(cycle.cards.all()) == [world.card]
    assert cycle.team == world.team and cycle.owner == world.users["teacher"]
    assert cycle.phases.count() == 4


def test_default_due_dates_follow_the_school_year_and_can_be_changed(world, en):
    form = en("coordinator").get(url(world, "new")).context["form"]
    defaults = services.default_due_dates(TODAY)
    assert {kind: form.initial[f"due_{kind}"] for kind in Phase.Kind.values} == defaults


def test_a_cycle_of_another_school_is_not_found(world, cycle):
    assert world.client_for("outsider").get(url(world, "cycle", cycle.pk)).status_code == 404
    other = world.client_for("coordinator")
    elsewhere = reverse("pdca:cycle", args=[world.other_school.slug, cycle.pk])
    assert other.get(elsewhere).status_code == 404


def test_an_owner_outside_the_school_is_refused(world, en):
    form = en("coordinator").get(url(world, "new")).context["form"]
    data = _new_cycle_data(world, form.initial, owner=world.users["outsider"].pk)
    response = en("coordinator").post(url(world, "new"), data)
    assert response.status_code == 200
    assert "member of this school" in str(response.context["form"].errors["owner"])
    assert not Cycle.objects.exists()


# --- plan -------------------------------------------------------------------------------------


def test_the_plan_is_edited_and_the_change_is_in_the_history(world, en, cycle):
    client = en("teacher")
    response = client.post(
        url(world, "plan", cycle.pk),
        {
            "title": "Lezen met plezier",
            "goal_what": "Meer leesplezier",
            "goal_measure": "Score 4 van 5",
            "goal_date": "2026-05-01",
            "reason": "Enquête",
            "owner": world.users["teacher"].pk,
            "team": world.team.pk,
            "cards": [world.card.pk],
        },
    )
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert (cycle.title, cycle.goal_measure) == ("Lezen met plezier", "Score 4 van 5")
    page = client.get(url(world, "cycle", cycle.pk)).content.decode()
    assert "changed the plan" in page and "Meer leesplezier" in page


def test_a_due_date_before_the_previous_phase_is_refused_and_nothing_saved(world, en, cycle):
    before = {p.kind: p.due_on for p in cycle.phases.all()}
    data = {f"due_{kind}": day.isoformat() for kind, day in before.items()}
    data["due_check"] = (before["do"] - timedelta(days=1)).isoformat()
    data["due_plan"] = (before["plan"] - timedelta(days=2)).isoformat()
    response = en("teacher").post(url(world, "schedule", cycle.pk), data)
    assert response.status_code == 200
    assert "cannot be due before the Do" in response.content.decode()
    assert {p.kind: p.due_on for p in cycle.phases.all()} == before


def test_the_schedule_sets_a_phase_owner(world, en, cycle):
    data = {f"due_{p.kind}": p.due_on.isoformat() for p in cycle.phases.all()}
    data["owner_check"] = world.users["leader"].pk
    assert en("teacher").post(url(world, "schedule", cycle.pk), data).status_code == 302
    assert cycle.phases.get(kind="check").owner == world.users["leader"]


def test_criteria_are_added_changed_and_removed(world, en, cycle):
    client = en("teacher")
    client.post(url(world, "criterion-add", cycle.pk), {"description": "Ouders merken het"})
    criterion = cycle.criteria.get(description="Ouders merken het")
    client.post(
        url(world, "criterion-edit", cycle.pk, criterion.pk),
        {"description": "Ouders merken het", "indicator": world.indicator.pk, "target_value": "4"},
    )
    criterion.refresh_from_db()
    assert (criterion.indicator, criterion.target_value) == (world.indicator, Decimal("4"))
    client.post(url(world, "criterion-delete", cycle.pk, criterion.pk), {"bevestigd": "ja"})
    assert not cycle.criteria.filter(pk=criterion.pk).exists()


def test_a_target_without_an_indicator_is_refused(world, en, cycle):
    response = en("teacher").post(
        url(world, "criterion-add", cycle.pk), {"description": "Beter", "target_value": "80"}
    )
    assert response.status_code == 200
    assert "needs an indicator" in response.content.decode()
    assert cycle.criteria.count() == 1


# --- completing phases ------------------------------------------------------------------------


def test_completing_out_of_order_is_refused(world, en, cycle):
    response = follow(en("teacher"), url(world, "phase-complete", cycle.pk, "do"))
    text = " ".join(messages_of(response))
    assert "Complete the Plan before the Do" in text
    assert not cycle.phases.get(kind="do").is_completed


def test_completing_the_plan_shows_who_and_when(world, en, cycle):
    response = follow(en("teacher"), url(world, "phase-complete", cycle.pk, "plan"))
    assert "The Plan has been completed." in messages_of(response)
    plan = cycle.phases.get(kind="plan")
    assert plan.completed_by == world.users["teacher"]
    page = response.content.decode()
    assert f"by {world.users['teacher'].full_name}" in page
    assert "Complete the Do" in page


def test_a_plan_without_criteria_cannot_be_completed(world, en):
    cycle = make_cycle(world, criteria=[])
    response = follow(en("teacher"), url(world, "phase-complete", cycle.pk, "plan"))
    assert "Add at least one success criterion." in messages_of(response)


def test_an_unknown_phase_is_not_found(world, en, cycle):
    assert en("teacher").post(url(world, "phase-complete", cycle.pk, "later")).status_code == 404


# --- do ---------------------------------------------------------------------------------------


def test_actions_and_progress_notes(world, en, cycle):
    client = en("teacher")
    due = (TODAY + timedelta(days=10)).isoformat()
    client.post(
        url(world, "action-add", cycle.pk),
        {"description": "Leesmaatjes", "owner": world.users["leader"].pk, "due_on": due},
    )
    action = cycle.actions.get()
    assert (action.owner, action.status) == (world.users["leader"], "planned")
    client.post(url(world, "note-add", cycle.pk), {"text": "Goede start"})
    page = client.get(url(world, "cycle", cycle.pk)).content.decode()
    assert "Leesmaatjes" in page and "Goede start" in page


def test_an_action_cannot_go_to_someone_outside_the_school(world, en, cycle):
    client = en("teacher")
    form = client.get(url(world, "action-add", cycle.pk)).context["form"]
    assert world.users["outsider"] not in form.fields["owner"].queryset
    response = client.post(
        url(world, "action-add", cycle.pk),
        {"description": "X", "owner": world.users["outsider"].pk, "due_on": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert "member of this school" in str(response.context["form"].errors)
    assert not cycle.actions.exists()


def test_the_owner_of_an_action_updates_its_status_but_not_someone_elses(world, en):
    cycle = make_cycle(world, owner=world.users["leader"])
    mine = services.action_add(
        cycle=cycle,
        user=world.users["leader"],
        description="Mijn actie",
        owner=world.users["teacher"],
        due_on=TODAY,
    )
    theirs = services.action_add(
        cycle=cycle,
        user=world.users["leader"],
        description="Andere actie",
        owner=world.users["coordinator"],
        due_on=TODAY,
    )
    client = en("teacher")
    response = client.post(
        url(world, "action-edit", cycle.pk, mine.pk),
        {"status": "done", "description": "Iets anders", "due_on": "2030-01-01"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.description, mine.due_on) == ("done", "Mijn actie", TODAY)
    edit_other = url(world, "action-edit", cycle.pk, theirs.pk)
    assert client.post(edit_other, {"status": "done"}).status_code == 403
    assert client.get(edit_other).status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == "planned"
    # Not their cycle: they may not add actions, notes or complete phases.
    assert client.post(url(world, "note-add", cycle.pk), {"text": "x"}).status_code == 403
    assert client.post(url(world, "phase-complete", cycle.pk, "plan")).status_code == 403


def test_a_teacher_works_on_a_cycle_where_they_own_a_phase(world, en):
    cycle = make_cycle(world, owner=world.users["leader"])
    services.phases_schedule(
        cycle=cycle, user=world.users["leader"], due_dates={}, owners={"do": world.users["teacher"]}
    )
    response = en("teacher").post(url(world, "note-add", cycle.pk), {"text": "Mijn fase"})
    assert response.status_code == 302
    assert cycle.notes.get().text == "Mijn fase"


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
    assert job.object_id == cycle.pk
    assert response["Location"] == reverse("kwaliteit:job", args=[world.school.slug, job.id])


def test_the_card_page_offers_to_start_a_cycle_to_staff_only(world, en):
    path = reverse("kwaliteitskaarten:card", args=[world.school.slug, world.card.pk])
    link = url(world, "new") + f"?card={world.card.pk}"
    assert link in en("teacher").get(path).content.decode()
    assert link not in en("viewer").get(path).content.decode()
