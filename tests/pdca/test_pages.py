"""Improvement cycles through the pages: start, plan, complete phases and do (check and act are in
test_pages_check_act.py)."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse

from pdca import services
from pdca.models import Cycle, Phase

from ..factories import MeasurementFactory
from .helpers import (
    TODAY,
    follow,
    make_cycle,
    messages_of,
    new_cycle_data,
    url,
)

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

    data = new_cycle_data(world, form.initial)
    response = en("coordinator").post(start_url, data)
    cycle = Cycle.objects.get()
    assert response["Location"] == url(world, "cycle", cycle.pk)
    assert (cycle.origin, cycle.indicator) == ("indicator", indicator)
    assert "62" in cycle.origin_note and "75" in cycle.origin_note
    criterion = cycle.criteria.get()
    assert (criterion.indicator, criterion.target_value) == (indicator, Decimal("85"))


def test_starting_from_a_card_links_the_card_team_and_owner(world, en):
    client = en("teacher")
    start_url = url(world, "new") + f"?card={world.card.pk}"
    form = client.get(start_url).context["form"]
    assert form.initial["cards"] == [world.card.pk]
    assert form.initial["team"] == world.team.pk
    assert form.initial["owner"] == world.card.owner_id
    assert world.card.title in form.initial["title"]
    client.post(start_url, new_cycle_data(world, form.initial))
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
    data = new_cycle_data(world, form.initial, owner=world.users["outsider"].pk)
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
