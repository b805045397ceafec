"""Reads of the improvement cycles, always scoped to one school.

Query counts do not grow with the data: the current phase and whether a cycle is overdue are
computed in SQL (subqueries on the phases), never per row in Python.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from dataplan.models import Indicator, Measurement
from kwaliteit.models import Team, User
from kwaliteitskaarten.models import Afspraak, Kwaliteitskaart

from .models import Action, Cycle, Phase, ProgressNote, SuccessCriterion

CLOSED = "closed"
NOTES_LIMIT = 50


def _open_phases():
    return Phase.objects.filter(cycle=OuterRef("pk"), completed_at__isnull=True)


def with_status(cycles):
    """Annotate the current phase (the first one not completed), its due date and its owner.

    A cycle is overdue when its current phase is: due dates never go back in time, so the first
    open phase is the one that has been due longest.
    """
    current = _open_phases().order_by("position")
    return cycles.annotate(
        current_kind=Subquery(current.values("kind")[:1]),
        current_due=Subquery(current.values("due_on")[:1]),
    )


def _overdue(today):
    return Exists(_open_phases().filter(due_on__lt=today))


def cycles_list(*, school, phase="", owner=None, team=None, card=None, overdue=False):
    """The school's cycles, newest first, filtered; the current phase annotated."""
    cycles = (
        Cycle.objects.filter(school=school).select_related("owner", "team").order_by("-created_at")
    )
    if phase == CLOSED:
        cycles = cycles.filter(closed_at__isnull=False)
    elif phase in Phase.Kind.values:
        first_open = _open_phases().order_by("position").values("kind")[:1]
        cycles = (
            cycles.filter(closed_at__isnull=True)
            .alias(kind_now=Subquery(first_open))
            .filter(kind_now=phase)
        )
    if owner is not None:
        cycles = cycles.filter(owner=owner)
    if team is not None:
        cycles = cycles.filter(team=team)
    if card is not None:
        cycles = cycles.filter(
            Exists(Cycle.cards.through.objects.filter(cycle=OuterRef("pk"), kwaliteitskaart=card))
        )
    if overdue:
        cycles = cycles.filter(_overdue(timezone.localdate()))
    return with_status(cycles)


def my_cycles(*, school, user):
    """Cycles this person owns or owns a phase of: open ones first, then the closed ones."""
    owns_phase = Exists(Phase.objects.filter(cycle=OuterRef("pk"), owner=user))
    cycles = (
        Cycle.objects.filter(school=school)
        .filter(Q(owner=user) | owns_phase)
        .select_related("owner", "team")
        .order_by(F("closed_at").asc(nulls_first=True), "-created_at")
    )
    return with_status(cycles)


def my_actions(*, school, user):
    """Open actions assigned to this person, the first due first, with their cycle."""
    return (
        Action.objects.filter(cycle__school=school, owner=user, status__in=Action.OPEN)
        .select_related("cycle")
        .order_by("due_on", "pk")
    )


def cycle_get(*, school, pk, user=None) -> Cycle:
    """One cycle of the school (404 otherwise), with whether `user` owns one of its phases and
    whether it has a follow-up cycle."""
    cycles = Cycle.objects.filter(school=school, pk=pk).select_related(
        "owner",
        "team",
        "predecessor",
        "indicator",
        "anchored_card",
        "anchored_agreement",
        "created_by",
    )
    cycles = cycles.annotate(
        has_successor=Exists(Cycle.objects.filter(predecessor=OuterRef("pk"))),
        owns_phase=Exists(
            Phase.objects.filter(cycle=OuterRef("pk"), owner_id=getattr(user, "pk", None))
        ),
    )
    cycle = cycles.first()
    if cycle is None:
        raise Http404
    return cycle


def phases_for(*, cycle):
    phases = list(
        Phase.objects.filter(cycle=cycle)
        .select_related("owner", "completed_by")
        .order_by("position")
    )
    for phase in phases:
        phase.cycle = cycle  # responsible_id reads the cycle's owner: no extra query
    return phases


def mark_phases(phases, *, cycle, today):
    """Set on each phase: whether it is the current one, still to come (and from when: the due
    date of the phase before it), and whether it is overdue."""
    current = None if cycle.is_closed else next((p for p in phases if not p.is_completed), None)
    previous = None
    for phase in phases:
        phase.is_current = phase is current
        phase.is_future = not (cycle.is_closed or phase.is_completed or phase.is_current)
        phase.starts_on = previous.due_on if previous else cycle.created_at.date()
        phase.overdue = phase.is_overdue(today)
        previous = phase
    return current


def criteria_for(*, cycle):
    return SuccessCriterion.objects.filter(cycle=cycle).select_related("indicator", "evaluated_by")


def criterion_get(*, cycle, pk) -> SuccessCriterion:
    criterion = criteria_for(cycle=cycle).filter(pk=pk).first()
    if criterion is None:
        raise Http404
    criterion.cycle = cycle
    return criterion


def actions_for(*, cycle):
    return Action.objects.filter(cycle=cycle).select_related("owner").order_by("due_on", "pk")


def action_get(*, cycle, pk) -> Action:
    action = actions_for(cycle=cycle).filter(pk=pk).first()
    if action is None:
        raise Http404
    action.cycle = cycle
    return action


def notes_for(*, cycle, limit=NOTES_LIMIT):
    return ProgressNote.objects.filter(cycle=cycle).select_related("author")[:limit]


def measurements_for(*, criteria, since, until):
    """indicator id → its measurements from `since` to `until`, newest first (one query)."""
    ids = {criterion.indicator_id for criterion in criteria if criterion.indicator_id}
    result = defaultdict(list)
    if not ids:
        return result
    rows = (
        Measurement.objects.filter(indicator_id__in=ids, measured_on__range=(since, until))
        .select_related("group")
        .order_by("-measured_on", "group__name", "pk")
    )
    for measurement in rows:
        result[measurement.indicator_id].append(measurement)
    return result


@dataclass(frozen=True)
class Reading:
    """One measurement shown next to a criterion, and whether it reaches the target."""

    measurement: Measurement
    reaches_target: bool | None


def with_measurements(criteria, *, cycle, today):
    """Give each criterion `.readings`: its indicator's measurements since the cycle started."""
    criteria = list(criteria)
    since = timezone.localtime(cycle.created_at).date()
    found = measurements_for(criteria=criteria, since=since, until=today)
    for criterion in criteria:
        indicator, target = criterion.indicator, criterion.target_value
        criterion.readings = [
            Reading(
                m,
                None
                if target is None
                else (m.value >= target if indicator.higher_is_better else m.value <= target),
            )
            for m in found.get(criterion.indicator_id, [])
        ]
        criterion.since = since
    return criteria


@dataclass(frozen=True)
class ChainLink:
    pk: int
    title: str
    closed: bool
    decision: str
    decision_label: str
    is_current: bool


def chain_for(*, cycle):
    """The cycle's predecessors and successors, oldest first; one query at most.

    Only cycles that take part in some chain are read (a handful), and the chain is walked in
    Python, so its length does not change the number of queries.
    """
    if cycle.predecessor_id is None and not getattr(cycle, "has_successor", True):
        return []
    chained = Cycle.objects.filter(school_id=cycle.school_id).filter(
        Q(predecessor__isnull=False)
        | Q(pk__in=Cycle.objects.filter(predecessor__isnull=False).values("predecessor_id"))
    )
    rows = {
        pk: (predecessor_id, title, closed_at, decision)
        for pk, predecessor_id, title, closed_at, decision in chained.values_list(
            "pk", "predecessor_id", "title", "closed_at", "decision"
        )
    }
    successor_of = {row[0]: pk for pk, row in rows.items() if row[0] is not None}
    first = cycle.pk
    seen = {first}
    while rows.get(first, (None,))[0] in rows and rows[first][0] not in seen:
        first = rows[first][0]
        seen.add(first)
    chain, pk, seen = [], first, set()
    while pk is not None and pk in rows and pk not in seen:
        seen.add(pk)
        _, title, closed_at, decision = rows[pk]
        label = Cycle.Decision(decision).label if decision else ""
        chain.append(ChainLink(pk, title, closed_at is not None, decision, label, pk == cycle.pk))
        pk = successor_of.get(pk)
    return chain if len(chain) > 1 else []


# --- choices for the forms --------------------------------------------------------------------


def members(*, school):
    """Active members of the school: who may own a cycle, a phase or an action."""
    return User.objects.filter(memberships__school=school, memberships__is_active=True).order_by(
        "full_name", "pk"
    )


def teams(*, school):
    return Team.objects.filter(school=school).order_by("name")


def cards(*, school):
    return Kwaliteitskaart.objects.filter(school=school, archived_on=None).order_by("title")


def indicators(*, school):
    return Indicator.objects.filter(school=school).order_by("-is_active", "name")


def agreements(*, school):
    return (
        Afspraak.objects.filter(card__school=school, card__archived_on=None, is_active=True)
        .select_related("card")
        .order_by("card__title", "position", "pk")
    )


def card_get(*, school, pk):
    return Kwaliteitskaart.objects.filter(school=school, pk=pk).select_related("team").first()


def indicator_get(*, school, pk):
    return Indicator.objects.filter(school=school, pk=pk).select_related("school").first()
