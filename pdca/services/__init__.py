"""Writes of the improvement cycles: pdca.services.<thing>_<verb>, keyword-only."""

from .act import (
    ANCHOR_CHANGE_AGREEMENT,
    ANCHOR_CHANGE_CARD,
    ANCHOR_NEW_AGREEMENT,
    act_decide,
    cycle_follow_up,
)
from .cycles import (
    criterion_add,
    criterion_delete,
    criterion_update,
    cycle_create,
    default_due_dates,
    phase_complete,
    phase_reopen,
    phases_schedule,
    plan_update,
)
from .work import (
    action_add,
    action_update,
    check_conclusion_save,
    criterion_evaluate,
    note_add,
)

__all__ = [
    "ANCHOR_CHANGE_AGREEMENT",
    "ANCHOR_CHANGE_CARD",
    "ANCHOR_NEW_AGREEMENT",
    "act_decide",
    "action_add",
    "action_update",
    "check_conclusion_save",
    "criterion_add",
    "criterion_delete",
    "criterion_evaluate",
    "criterion_update",
    "cycle_create",
    "cycle_follow_up",
    "default_due_dates",
    "note_add",
    "phase_complete",
    "phase_reopen",
    "phases_schedule",
    "plan_update",
]
