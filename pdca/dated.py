"""What cycles offer as dated items: their phases (Plan, Do, Check, Act) and their actions.

A phase waits for its owner (or else the cycle's owner); one still overdue after the school's
limit is told to the coordinators, and an Act phase also to the leaders. An action waits for its
owner. A closed cycle waits for nobody: its phases and actions count as done. Phases and actions
belong to their cycle's team (`team_ids`), when it has one.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kwaliteit.dated import DatedItem, ItemType, Stage, in_range
from kwaliteit.models import Role

from .models import Action, Phase

PHASE_TYPES = {
    "pdca.plan": ItemType(_("Plan phase"), "pdca.phase"),
    "pdca.do": ItemType(_("Do phase"), "pdca.phase"),
    "pdca.check": ItemType(_("Check phase"), "pdca.phase"),
    "pdca.act": ItemType(_("Act phase"), "pdca.phase"),
}
ACTION_TYPES = {"pdca.action": ItemType(_("cycle action"), "pdca.action")}

ESCALATE_TO = (Role.COORDINATOR,)
ESCALATE_ACT_TO = (Role.COORDINATOR, Role.LEADER)  # deciding in the Act step is the leaders' too


# A number no cycle has, reversed once per school and replaced by each cycle's id: reverse()
# costs about 0.1 ms, and a dispatch or a start page reads thousands of cycles.
_PLACEHOLDER = 987654321


def cycle_urls():
    """A cycle's URL, reversed once per school: every cycle's URL is that pattern."""
    patterns = {}

    def url(slug, cycle_id):
        if slug not in patterns:
            patterns[slug] = reverse("pdca:cycle", args=[slug, _PLACEHOLDER])
        return patterns[slug].replace(str(_PLACEHOLDER), str(cycle_id))

    return url


def phase_items(*, school_ids, start, end, open_only):
    """The phases of the schools' cycles due in the range; stage = the phase's kind."""
    phases = Phase.objects.filter(cycle__school_id__in=school_ids, **in_range("due_on", start, end))
    if open_only:
        phases = phases.filter(completed_at__isnull=True, cycle__closed_at__isnull=True)
    rows = phases.order_by().values_list(
        "id", "kind", "due_on", "owner_id", "cycle_id", "cycle__owner_id", "cycle__title",
        "cycle__school_id", "cycle__school__slug", "completed_at", "cycle__closed_at",
        "cycle__team_id",
    )  # fmt: skip
    cycle_url = cycle_urls()
    for (phase_id, kind, due_on, owner_id, cycle_id, cycle_owner_id, title, school_id, slug,
         completed_at, closed_at, team_id) in rows:  # fmt: skip
        responsible = owner_id or cycle_owner_id
        yield DatedItem(
            type=f"pdca.{kind}",
            id=phase_id,
            school_id=school_id,
            title=title,
            date=due_on,
            url=cycle_url(slug, cycle_id),
            waits_for=(responsible,) if responsible else (),
            stage=kind,  # the phase kinds are the stages' values
            done=completed_at is not None or closed_at is not None,
            escalate_to=ESCALATE_ACT_TO if kind == Phase.Kind.ACT else ESCALATE_TO,
            team_ids=(team_id,) if team_id else (),
        )


def action_items(*, school_ids, start, end, open_only):
    """The actions of the schools' cycles due in the range (stage Do)."""
    actions = Action.objects.filter(
        cycle__school_id__in=school_ids, **in_range("due_on", start, end)
    )
    if open_only:
        actions = actions.filter(status__in=Action.OPEN, cycle__closed_at__isnull=True)
    rows = actions.order_by().values_list(
        "id", "due_on", "owner_id", "description", "cycle_id", "cycle__school_id",
        "cycle__school__slug", "status", "cycle__closed_at", "cycle__team_id",
    )  # fmt: skip
    cycle_url = cycle_urls()
    for (action_id, due_on, owner_id, description, cycle_id, school_id, slug, status, closed,
         team_id) in rows:  # fmt: skip
        yield DatedItem(
            type="pdca.action",
            id=action_id,
            school_id=school_id,
            title=description,
            date=due_on,
            url=cycle_url(slug, cycle_id),
            waits_for=(owner_id,),
            stage=Stage.DO,
            done=status not in Action.OPEN or closed is not None,
            team_ids=(team_id,) if team_id else (),
        )
