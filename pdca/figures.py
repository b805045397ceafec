"""The cycles' figures per school (`hooks.school_figures`): the PDCA funnel, the decision mix,
Checks and Acts on time (with their trend per month), what is overdue now and the longest stay
in one phase.

Four providers, one query each, whatever the number of schools or cycles: the funnel (cycles per
phase, closed cycles per decision), the longest stay in one phase, Checks and Acts on time (per
month, summed for the period) and the overdue Checks and Acts. The drill-downs (`pdca.drilldown`)
list the cycles by the same rules.

What is counted:
- **a cycle's phase** is taken at the *reference day*: the period's last day, or today when the
  period runs on. An open cycle is one that existed then and was not closed; its phase is the
  first one not completed by then. A **closed** cycle is one closed within the period.
- **on time**: a Check (Act) due in the period that was completed on or before its due day.
  Counted are those whose outcome is known: completed, or past their due day. A Check due later
  this year and not done yet is not late, and not yet on time either.
- **overdue now**: a Check (Act) of an open cycle past its due day and not completed, today,
  whatever the period.
- cycles have a team (`Cycle.team`): with `team_id` only that team's cycles count.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.db.models import Case, Count, F, IntegerField, Max, Min, OuterRef, Q, Subquery, When
from django.db.models import Value as Literal
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwaliteit import clock
from kwaliteit.figures import COUNT, DAYS, HIGHER, LOWER, PERCENT, FigureType, Value, percent

from .models import Cycle, Phase

Kind = Phase.Kind
Decision = Cycle.Decision
GROUP = _("Improvement cycles")

PHASE_KEYS = {kind: f"pdca.cycles_{kind}" for kind in Phase.ORDER}
CLOSED = "pdca.cycles_closed"
DECISION_KEYS = {decision: f"pdca.decisions_{decision}" for decision in Decision.values}
LONGEST = "pdca.longest_in_phase_days"
ON_TIME_KEYS = {Kind.CHECK: "pdca.checks_on_time", Kind.ACT: "pdca.acts_on_time"}
OVERDUE_KEYS = {Kind.CHECK: "pdca.checks_overdue", Kind.ACT: "pdca.acts_overdue"}
JUDGED = (Kind.CHECK, Kind.ACT)

FUNNEL_TYPES = [
    FigureType(
        PHASE_KEYS[Kind.PLAN],
        _("Cycles in Plan"),
        COUNT,
        group=GROUP,
        help=_("Open cycles whose current phase is Plan at the end of the period (or today)."),
    ),
    FigureType(
        PHASE_KEYS[Kind.DO],
        _("Cycles in Do"),
        COUNT,
        group=GROUP,
        help=_("Open cycles whose current phase is Do at the end of the period (or today)."),
    ),
    FigureType(
        PHASE_KEYS[Kind.CHECK],
        _("Cycles in Check"),
        COUNT,
        group=GROUP,
        help=_("Open cycles whose current phase is Check at the end of the period (or today)."),
    ),
    FigureType(
        PHASE_KEYS[Kind.ACT],
        _("Cycles in Act"),
        COUNT,
        group=GROUP,
        help=_("Open cycles whose current phase is Act at the end of the period (or today)."),
    ),
    FigureType(
        CLOSED,
        _("Cycles closed"),
        COUNT,
        better=HIGHER,
        group=GROUP,
        help=_("Cycles closed in the period, whatever the decision."),
    ),
    FigureType(
        DECISION_KEYS[Decision.ANCHOR],
        _("Decided: anchor"),
        COUNT,
        group=GROUP,
        help=_("Cycles closed in the period whose result was anchored (borgen)."),
    ),
    FigureType(
        DECISION_KEYS[Decision.ADJUST],
        _("Decided: adjust"),
        COUNT,
        group=GROUP,
        help=_("Cycles closed in the period and continued in a follow-up cycle (bijstellen)."),
    ),
    FigureType(
        DECISION_KEYS[Decision.STOP],
        _("Decided: stop"),
        COUNT,
        group=GROUP,
        help=_("Cycles closed in the period and stopped (stoppen)."),
    ),
]
LONGEST_TYPES = [
    FigureType(
        LONGEST,
        _("Longest in one phase"),
        DAYS,
        better=LOWER,
        group=GROUP,
        help=_("The most days an open cycle has been in its current phase."),
    ),
]
ON_TIME_TYPES = [
    FigureType(
        ON_TIME_KEYS[Kind.CHECK],
        _("Checks completed on time"),
        PERCENT,
        better=HIGHER,
        group=GROUP,
        help=_(
            "Of the Checks due in the period that were completed or are past their due date: "
            "the share completed on or before the due date."
        ),
    ),
    FigureType(
        ON_TIME_KEYS[Kind.ACT],
        _("Acts completed on time"),
        PERCENT,
        better=HIGHER,
        group=GROUP,
        help=_(
            "Of the Acts due in the period that were completed or are past their due date: "
            "the share completed on or before the due date."
        ),
    ),
]
OVERDUE_TYPES = [
    FigureType(
        OVERDUE_KEYS[Kind.CHECK],
        _("Overdue Checks"),
        COUNT,
        better=LOWER,
        group=GROUP,
        help=_("Checks of open cycles past their due date and not completed, today."),
    ),
    FigureType(
        OVERDUE_KEYS[Kind.ACT],
        _("Overdue Acts"),
        COUNT,
        better=LOWER,
        group=GROUP,
        help=_("Acts of open cycles past their due date and not completed, today."),
    ),
]


# --- what is counted (shared with the drill-downs) --------------------------------------------


def reference_day(period, today=None):
    """The day a cycle's phase is taken at: the period's last day, or today while it runs."""
    return min(period.end, today or clock.today())


def day_start(day):
    """The first moment of a local day, as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _moments(period, today):
    """The first moment of the period and the first moment after its reference day."""
    return day_start(period.start), day_start(reference_day(period, today) + timedelta(days=1))


def _for_team(queryset, team_id, path="team_id"):
    return queryset.filter(**{path: team_id}) if team_id else queryset


def cycles_in_period(*, school_ids, period, team_id=None, today=None):
    """The cycles the funnel counts: open on the reference day or closed within the period,
    annotated with `state` (the current phase's kind, or the decision of a closed one), `since`
    (when the current phase began: the last phase completion, else the start) and
    `current_due` (the current phase's due date: due dates never go back in time).

    One join of the cycles with their phases, grouped per cycle: no subquery per cycle."""
    start, ref_end = _moments(period, today)
    cycles = Cycle.objects.filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=start),
        school_id__in=list(school_ids),
        created_at__lt=ref_end,
    )
    open_then = Q(phases__completed_at__isnull=True) | Q(phases__completed_at__gte=ref_end)
    done_then = Q(phases__completed_at__lt=ref_end)
    return (
        _for_team(cycles, team_id)
        .annotate(
            first_open=Min("phases__position", filter=open_then),
            last_done=Max("phases__completed_at", filter=done_then),
            current_due=Min("phases__due_on", filter=open_then),
        )
        .annotate(
            state=Case(
                When(closed_at__lt=ref_end, then=F("decision")),
                *[
                    When(first_open=position, then=Literal(kind))
                    for position, kind in enumerate(Phase.ORDER)
                ],
                default=Literal(""),
            ),
            since=Coalesce(F("last_done"), F("created_at")),
        )
    )


def judged_phases(*, school_ids, period, team_id=None, today=None):
    """Checks and Acts due in the period whose outcome is known (completed, or past due), with
    `on_time` (1 or 0) and `month` (of the due date)."""
    today = today or clock.today()
    phases = Phase.objects.filter(
        Q(completed_at__isnull=False) | Q(due_on__lt=today),
        cycle__school_id__in=list(school_ids),
        kind__in=JUDGED,
        due_on__range=(period.start, period.end),
    )
    return _for_team(phases, team_id, "cycle__team_id").annotate(
        completed_on=TruncDate("completed_at"),
        on_time=Case(
            When(completed_at__isnull=False, completed_on__lte=F("due_on"), then=1),
            default=0,
            output_field=IntegerField(),
        ),
        month=TruncMonth("due_on"),
    )


def overdue_phases(*, school_ids, team_id=None, today=None):
    """Checks and Acts of open cycles that are past their due date and not completed, today."""
    today = today or clock.today()
    phases = Phase.objects.filter(
        cycle__school_id__in=list(school_ids),
        kind__in=JUDGED,
        completed_at__isnull=True,
        cycle__closed_at__isnull=True,
        due_on__lt=today,
    )
    return _for_team(phases, team_id, "cycle__team_id")


def days_between(since, day):
    """Whole days from a moment (its local day) to a day."""
    return (day - timezone.localdate(since)).days


# --- the providers ----------------------------------------------------------------------------


def funnel_figures(*, school_ids, period, team_id=None, today=None):
    """Cycles per phase and closed, and the decisions: one pass over the phases, grouped per
    school. Phases complete in order (reopening one reopens the later ones), so the cycles in
    phase K are those whose phase K is open less those whose phase K-1 still is."""
    start, ref_end = _moments(period, today)
    phases = Phase.objects.filter(
        Q(cycle__closed_at__isnull=True) | Q(cycle__closed_at__gte=start),
        cycle__school_id__in=list(school_ids),
        cycle__created_at__lt=ref_end,
    )
    open_then = (Q(completed_at__isnull=True) | Q(completed_at__gte=ref_end)) & (
        Q(cycle__closed_at__isnull=True) | Q(cycle__closed_at__gte=ref_end)
    )
    closed_as = Q(kind=Kind.ACT, cycle__closed_at__lt=ref_end)  # every cycle has one Act
    counts = {
        **{kind: Count("pk", filter=Q(kind=kind) & open_then) for kind in Phase.ORDER},
        **{decision: Count("pk", filter=closed_as & Q(cycle__decision=decision))
           for decision in Decision.values},
    }  # fmt: skip
    rows = _for_team(phases, team_id, "cycle__team_id").order_by().values("cycle__school_id")
    found = {row["cycle__school_id"]: row for row in rows.annotate(**counts)}
    for school_id in school_ids:
        row = found.get(school_id, {})
        before = 0
        for kind, key in PHASE_KEYS.items():
            yield Value(school_id, key, row.get(kind, 0) - before)
            before = row.get(kind, 0)
        yield Value(school_id, CLOSED, sum(row.get(decision, 0) for decision in DECISION_KEYS))
        for decision, key in DECISION_KEYS.items():
            yield Value(school_id, key, row.get(decision, 0))


def open_cycles_by_time_in_phase(*, school_ids, period, team_id=None, today=None):
    """The cycles open on the reference day, longest in their current phase first, with `since`
    (the last phase completion, else the start), `current_kind` and `current_due`. Subqueries
    per cycle, but only `since` is needed to sort: the others are read for the rows kept."""
    _start, ref_end = _moments(period, today)
    phases = Phase.objects.filter(cycle=OuterRef("pk"))
    done = phases.filter(completed_at__lt=ref_end).order_by("-completed_at")
    current = phases.filter(Q(completed_at__isnull=True) | Q(completed_at__gte=ref_end)).order_by(
        "position"
    )
    cycles = Cycle.objects.filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=ref_end),
        school_id__in=list(school_ids),
        created_at__lt=ref_end,
    )
    return (
        _for_team(cycles, team_id)
        .annotate(
            since=Coalesce(Subquery(done.values("completed_at")[:1]), F("created_at")),
            current_kind=Subquery(current.values("kind")[:1]),
            current_due=Subquery(current.values("due_on")[:1]),
        )
        .order_by("since", "pk")
    )


def longest_figures(*, school_ids, period, team_id=None, today=None):
    """The most days an open cycle has been in its current phase, per school."""
    rows = (
        open_cycles_by_time_in_phase(
            school_ids=school_ids, period=period, team_id=team_id, today=today
        )
        .order_by()
        .values_list("school_id")
        .annotate(oldest=Min("since"))
    )
    ref = reference_day(period, today)
    oldest = {school_id: days_between(since, ref) for school_id, since in rows}
    for school_id in school_ids:
        yield Value(school_id, LONGEST, oldest.get(school_id))


def on_time_figures(*, school_ids, period, team_id=None, today=None):
    """The share of Checks and of Acts completed on time: the period's and each month's."""
    rows = (
        judged_phases(school_ids=school_ids, period=period, team_id=team_id, today=today)
        .order_by()
        .values("cycle__school_id", "kind", "month", "on_time")
        .annotate(count=Count("pk"))
    )
    parts = defaultdict(lambda: [0, 0])  # (school, kind, month) -> [on time, judged]
    for row in rows:
        part = parts[row["cycle__school_id"], row["kind"], row["month"]]
        part[0] += row["count"] if row["on_time"] else 0
        part[1] += row["count"]
    months = period.months()
    for school_id in school_ids:
        for kind, key in ON_TIME_KEYS.items():
            on_time = sum(parts.get((school_id, kind, month), (0, 0))[0] for month in months)
            judged = sum(parts.get((school_id, kind, month), (0, 0))[1] for month in months)
            yield Value(school_id, key, percent(on_time, judged), on_time, judged)
            for month in months:
                part = parts.get((school_id, kind, month), (0, 0))
                yield Value(school_id, key, percent(*part), part[0], part[1], month=month)


def overdue_figures(*, school_ids, period, team_id=None, today=None):
    """How many Checks and Acts are overdue today (the period does not change it)."""
    rows = (
        overdue_phases(school_ids=school_ids, team_id=team_id, today=today)
        .order_by()
        .values_list("cycle__school_id", "kind")
        .annotate(count=Count("pk"))
    )
    counts = {(school_id, kind): count for school_id, kind, count in rows}
    for school_id in school_ids:
        for kind, key in OVERDUE_KEYS.items():
            yield Value(school_id, key, counts.get((school_id, kind), 0))


def for_school(*, school_id, period, team_id=None, today=None):
    """{key: Value} and {key: [monthly Values]} of one school, from the three providers (the
    dashboard section and the report chapter read them so)."""
    totals, trend = {}, defaultdict(list)
    for provider in (funnel_figures, longest_figures, on_time_figures, overdue_figures):
        for value in provider(school_ids=[school_id], period=period, team_id=team_id, today=today):
            if value.month is None:
                totals[value.key] = value
            else:
                trend[value.key].append(value)
    return totals, trend
