"""The rules of a cycle: phases in order, a Check that evaluates everything, an Act that decides."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kwaliteitskaarten.models import Afspraak
from pdca import services
from pdca.models import Action, Cycle, Phase

from ..helpers.audit import events_of
from .helpers import _messages, _through_check, _through_do, services_cycle

Kind = Phase.Kind


@pytest.fixture(autouse=True)
def _english():
    """The refusals below are asserted in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def cycle(world):
    return services_cycle(world)


def test_a_new_cycle_has_four_phases_in_order_with_school_year_dates(cycle):
    phases = list(cycle.phases.all())
    assert [p.kind for p in phases] == ["plan", "do", "check", "act"]
    dates = [p.due_on for p in phases]
    assert dates == sorted(dates)
    assert events_of(cycle).get().verb == "cycle_created"


def test_default_dates_move_to_next_school_year_late_in_the_year():
    early = services.default_due_dates(date(2026, 9, 1))
    assert early[Kind.ACT] == date(2027, 6, 30)
    late = services.default_due_dates(date(2027, 3, 1))
    assert late[Kind.DO] == date(2028, 3, 31)
    assert late[Kind.PLAN] < late[Kind.DO]


def test_a_due_date_before_the_previous_phase_is_refused_and_nothing_saved(world):
    with pytest.raises(ValidationError, match="The Check cannot be due before the Do") as error:
        services.cycle_create(
            school=world.school,
            user=world.users["coordinator"],
            title="Rekenen",
            owner=world.users["teacher"],
            due_dates={Kind.CHECK: date(2027, 1, 1), Kind.DO: date(2027, 3, 1)},
        )
    assert "due_check" in error.value.message_dict
    assert "cannot be due before" in error.value.message_dict["due_check"][0]
    assert not Cycle.objects.exists()


def test_owner_must_belong_to_the_school(world):
    with pytest.raises(
        ValidationError, match="Choose someone who is a member of this school"
    ) as error:
        services.cycle_create(
            school=world.school,
            user=world.users["coordinator"],
            title="Rekenen",
            owner=world.users["outsider"],
        )
    assert "owner" in error.value.message_dict
    assert not Cycle.objects.exists()


def test_phases_cannot_be_completed_out_of_order(cycle, world):
    with pytest.raises(ValidationError, match="Complete the Plan before the Check") as error:
        services.phase_complete(cycle=cycle, kind=Kind.CHECK, user=world.users["coordinator"])
    assert "Complete the Plan before the Check" in _messages(error)
    assert not cycle.phases.filter(completed_at__isnull=False).exists()


def test_plan_needs_a_checkable_goal(world):
    bare = services.cycle_create(
        school=world.school, user=world.users["leader"], title="Leeg", owner=world.users["leader"]
    )
    with pytest.raises(ValidationError, match="Describe the goal") as error:
        services.phase_complete(cycle=bare, kind=Kind.PLAN, user=world.users["leader"])
    text = _messages(error)
    assert "how much" in text and "by when" in text and "success criterion" in text


def test_completion_records_who_and_when(cycle, world):
    user = world.users["coordinator"]
    phase = services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=user)
    assert phase.completed_by == user and phase.completed_at is not None
    assert events_of(cycle, verb="phase_completed", actor=user, data__phase="plan").exists()


def test_do_is_not_complete_while_actions_are_open(cycle, world):
    user = world.users["coordinator"]
    services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=user)
    services.action_add(
        cycle=cycle, user=user, description="Lezen", owner=user, due_on=date(2027, 1, 1)
    )
    with pytest.raises(ValidationError, match="still open") as error:
        services.phase_complete(cycle=cycle, kind=Kind.DO, user=user)
    assert "still open" in _messages(error)


def test_an_action_for_someone_outside_the_school_is_refused(cycle, world):
    with pytest.raises(
        ValidationError, match="Choose someone who is a member of this school"
    ) as error:
        services.action_add(
            cycle=cycle,
            user=world.users["coordinator"],
            description="Lezen",
            owner=world.users["outsider"],
            due_on=date(2027, 1, 1),
        )
    assert "owner" in error.value.message_dict
    assert not Action.objects.exists()


def test_check_cannot_complete_without_evaluating_every_criterion(cycle, world):
    user = world.users["coordinator"]
    services.criterion_add(cycle=cycle, user=user, description="Ouders tevreden")
    _through_do(cycle, user)
    first = cycle.criteria.first()
    services.criterion_evaluate(criterion=first, user=user, result="partly", evidence="74%")
    services.check_conclusion_save(cycle=cycle, user=user, conclusion="Deels.")
    with pytest.raises(
        ValidationError, match="Evaluate every success criterion: 1 still without evaluation"
    ) as error:
        services.phase_complete(cycle=cycle, kind=Kind.CHECK, user=user)
    assert "1 still without evaluation" in _messages(error)
    assert not cycle.phases.get(kind=Kind.CHECK).is_completed


def test_no_data_needs_a_reason(cycle, world):
    user = world.users["coordinator"]
    _through_do(cycle, user)
    criterion = cycle.criteria.get()
    with pytest.raises(
        ValidationError, match="Explain why there is no data for this criterion"
    ) as error:
        services.criterion_evaluate(criterion=criterion, user=user, result="no_data", evidence="")
    assert "no_data_reason" in error.value.message_dict
    criterion.refresh_from_db()
    assert criterion.result == ""
    services.criterion_evaluate(
        criterion=criterion,
        user=user,
        result="no_data",
        evidence="",
        no_data_reason="Toets uitgesteld naar juni",
    )
    criterion.refresh_from_db()
    assert criterion.get_result_display() == "no data"


def test_evaluating_before_the_do_is_completed_is_refused(cycle, world):
    with pytest.raises(ValidationError, match="Complete the Do before evaluating"):
        services.criterion_evaluate(
            criterion=cycle.criteria.get(), user=world.users["leader"], result="met", evidence=""
        )


def test_the_plan_is_frozen_once_completed(cycle, world):
    user = world.users["coordinator"]
    services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=user)
    with pytest.raises(
        ValidationError, match="Reopen it, with a reason, to change the goal"
    ) as error:
        services.criterion_add(cycle=cycle, user=user, description="Nog iets")
    assert "Reopen it" in _messages(error)


def test_act_needs_a_decision_and_stop_needs_a_reason(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    with pytest.raises(ValidationError, match="Choose a decision: anchor, adjust or stop") as error:
        services.act_decide(cycle=cycle, user=user, decision="", note="")
    assert "decision" in error.value.message_dict
    with pytest.raises(ValidationError, match="Give the reason for stopping") as error:
        services.act_decide(cycle=cycle, user=user, decision="stop", note="  ")
    assert "note" in error.value.message_dict
    cycle.refresh_from_db()
    assert not cycle.is_closed


def test_act_cannot_be_decided_before_the_check(cycle, world):
    user = world.users["leader"]
    _through_do(cycle, user)
    with pytest.raises(ValidationError, match="Complete the Check before the Act") as error:
        services.act_decide(cycle=cycle, user=user, decision="stop", note="Geen tijd")
    assert "Complete the Check before the Act" in _messages(error)


def test_anchoring_without_a_card_or_agreement_is_refused(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    with pytest.raises(ValidationError, match="Choose how the result is anchored") as error:
        services.act_decide(cycle=cycle, user=user, decision="anchor", note="", anchor={})
    assert "how" in error.value.message_dict
    with pytest.raises(
        ValidationError, match="Choose the card that gets the new agreement"
    ) as error:
        services.act_decide(
            cycle=cycle, user=user, decision="anchor", note="", anchor={"how": "new_agreement"}
        )
    assert "card" in error.value.message_dict
    cycle.refresh_from_db()
    assert not cycle.is_closed and Afspraak.objects.count() == 1
