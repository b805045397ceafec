"""Writes of the Do and the Check of a cycle: actions, progress notes, evaluations and the
conclusion. The same locks and order rules as pdca.services.cycles."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kwaliteit import audit, clock
from kwaliteit.reminders import resolve_for

from ..models import Action, Phase, ProgressNote, SuccessCriterion
from .cycles import _check_member, _check_open, _event, _locked, _phases

Kind = Phase.Kind


# --- Do ---------------------------------------------------------------------------------------


@transaction.atomic
def action_add(*, cycle, user, description, owner, due_on):
    cycle = _locked(cycle)
    _check_open(cycle)
    _check_member(cycle.school, owner, "owner")
    action = Action(cycle=cycle, description=description.strip(), owner=owner, due_on=due_on)
    action.full_clean(exclude=["cycle", "owner"])
    action.save()
    _event(cycle, user, "action_added", Kind.DO, action.description)
    return action


@transaction.atomic
def action_update(*, action, user, description, owner, due_on, status):
    cycle = _locked(action.cycle)
    _check_open(cycle)
    _check_member(cycle.school, owner, "owner")
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    before = audit.snapshot(action, ACTION_FIELDS)
    action.description, action.owner, action.due_on = description.strip(), owner, due_on
    if status != action.status:
        action.finished_on = clock.today() if status not in Action.OPEN else None
    action.status = status
    action.full_clean(exclude=["cycle", "owner"])
    action.save()
    resolve_for(item_type="pdca.action", item_ids=[action.pk])
    text = f"{action.description} ({action.get_status_display()})"
    changes = audit.changed(before, action, ACTION_FIELDS)
    data = {"phase": Kind.DO, "text": text, "changes_of": "pdca.action"}
    audit.record(actor=user, verb="action_changed", obj=cycle, changes=changes, data=data)
    return action


ACTION_FIELDS = ("description", "owner", "due_on", "status")


@transaction.atomic
def note_add(*, cycle, author, text):
    _check_open(cycle)
    note = ProgressNote(cycle=cycle, author=author, text=text.strip())
    note.full_clean(exclude=["cycle", "author"])
    note.save()
    _event(cycle, author, "note_added", "", note.text[:200])
    return note


# --- Check ------------------------------------------------------------------------------------


def _check_in_check(cycle):
    _check_open(cycle)
    phases = _phases(cycle)
    if not phases[Kind.DO].is_completed:
        raise ValidationError(_("Complete the Do before evaluating: phases go in order."))
    if phases[Kind.CHECK].is_completed:
        raise ValidationError(
            _("The Check has been completed. Reopen it, with a reason, to change it.")
        )


@transaction.atomic
def criterion_evaluate(*, criterion, user, result, evidence, no_data_reason=""):
    """Met, partly, not met; "no data" only with the reason why there is none."""
    cycle = _locked(criterion.cycle)
    _check_in_check(cycle)
    if result not in SuccessCriterion.Result.values:
        raise ValidationError({"result": _("Choose met, partly met, not met or no data.")})
    no_data_reason = (no_data_reason or "").strip()
    if result == SuccessCriterion.Result.NO_DATA and not no_data_reason:
        raise ValidationError(
            {"no_data_reason": _("Explain why there is no data for this criterion.")}
        )
    criterion.result = result
    criterion.evidence = evidence.strip()
    criterion.no_data_reason = no_data_reason if result == SuccessCriterion.Result.NO_DATA else ""
    criterion.evaluated_at, criterion.evaluated_by = clock.now(), user
    criterion.full_clean(exclude=["cycle", "indicator", "evaluated_by"])
    criterion.save()
    text = f"{criterion.description}: {criterion.get_result_display()}"
    _event(cycle, user, "criterion_evaluated", Kind.CHECK, text, result=result)
    return criterion


@transaction.atomic
def check_conclusion_save(*, cycle, user, conclusion):
    cycle = _locked(cycle)
    _check_in_check(cycle)
    cycle.check_conclusion = conclusion.strip()
    cycle.full_clean(exclude=["owner", "created_by", "predecessor"])
    cycle.save(update_fields=["check_conclusion"])
    _event(cycle, user, "conclusion_written", Kind.CHECK, cycle.check_conclusion[:300])
    return cycle
