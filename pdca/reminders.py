"""What cycles ask of people: phases and actions that are due soon or overdue, and escalations."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kwaliteit import reminders
from kwaliteit.models import Role
from kwaliteit.reminders import Due, Kind, deadline_kind, escalates

from .models import Action, Phase

LABELS = {
    "pdca.plan": _("Plan phase"),
    "pdca.do": _("Do phase"),
    "pdca.check": _("Check phase"),
    "pdca.act": _("Act phase"),
    "pdca.action": _("cycle action"),
}


def _cycle_url(slug, cycle_id):
    return reverse("pdca:cycle", args=[slug, cycle_id])


def phase_dues(*, today, schools):
    """Open phases of open cycles: the phase owner (or cycle owner) is reminded; a phase
    still overdue after the school's limit goes to the coordinators, and Act also to leaders."""
    rows = list(
        Phase.objects.filter(
            completed_at__isnull=True,
            cycle__school_id__in=list(schools),
            cycle__closed_at__isnull=True,
            due_on__lte=reminders.horizon(today, schools),
        )
        .order_by()
        .values_list(
            "id",
            "kind",
            "due_on",
            "owner_id",
            "cycle_id",
            "cycle__owner_id",
            "cycle__title",
            "cycle__school_id",
            "cycle__school__slug",
        )
    )
    overdue_schools = {row[7] for row in rows if row[2] < today}
    staff = reminders.school_staff(school_ids=overdue_schools, roles=reminders.ESCALATION_ROLES)
    for phase_id, kind, due_on, owner_id, cycle_id, cycle_owner_id, title, school_id, slug in rows:
        rules = schools[school_id]
        when = deadline_kind(due_on, today, rules)
        if when is None:
            continue
        item_type = f"pdca.{kind}"
        url = _cycle_url(slug, cycle_id)
        responsible = owner_id or cycle_owner_id
        yield Due(school_id, responsible, item_type, phase_id, when, due_on, title, url)
        if when == Kind.OVERDUE and escalates(due_on, today, rules):
            people = set(staff.get((school_id, Role.COORDINATOR), ()))
            if kind == Phase.Kind.ACT:
                people.update(staff.get((school_id, Role.LEADER), ()))
            for person in people - {responsible}:
                yield Due(
                    school_id, person, item_type, phase_id, Kind.ESCALATION, due_on, title, url
                )


def action_dues(*, today, schools):
    """Open actions of open cycles, to the action's owner."""
    rows = (
        Action.objects.filter(
            status__in=Action.OPEN,
            cycle__school_id__in=list(schools),
            cycle__closed_at__isnull=True,
            due_on__lte=reminders.horizon(today, schools),
        )
        .order_by()
        .values_list(
            "id",
            "due_on",
            "owner_id",
            "description",
            "cycle_id",
            "cycle__school_id",
            "cycle__school__slug",
        )
    )
    for action_id, due_on, owner_id, description, cycle_id, school_id, slug in rows:
        when = deadline_kind(due_on, today, schools[school_id])
        if when is not None:
            url = _cycle_url(slug, cycle_id)
            yield Due(school_id, owner_id, "pdca.action", action_id, when, due_on, description, url)


reminders.register(phase_dues, labels={k: v for k, v in LABELS.items() if k != "pdca.action"})
reminders.register(action_dues, labels={"pdca.action": LABELS["pdca.action"]})
