"""The cycles behind each figure of `pdca.figures`, for one school (`hooks.figure_objects`,
keyed by the figure's key): the drill-down page lists them and exports them.

Each provider uses the figure's own queryset, so the list has exactly the objects the figure
counted; one query for the rows (and one to read the person's access). Everyone in the school
and its board may see the cycles (`cycles.view`); anyone else gets an empty list.
"""

from functools import partial, update_wrapper

from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kwaliteit import clock
from kwaliteit.figures import Row, Rows
from kwaliteit.selectors import school_access

from . import figures
from .dated import cycle_urls
from .models import Cycle, Phase

Kind = Phase.Kind


def _may_see(user, school):
    try:
        return school_access(user=user, slug=school.slug).can("cycles.view")
    except Http404:
        return False


def _phase_label(kind):
    return str(Kind(kind).label) if kind in Kind.values else ""


def _decision_label(decision):
    return str(Cycle.Decision(decision).label) if decision in Cycle.Decision.values else ""


CYCLE_FIELDS = ("pk", "title", "state", "since", "current_due", "owner__full_name", "team__name")


def _open_cycles(*, school, period, team_id, user, kind=None):
    """Open cycles on the reference day (in one phase, or all), longest in their phase first."""
    columns = (_("Phase"), _("Owner"), _("Team"), _("In this phase since"), _("Days in phase"),
               _("Due"), _("Days overdue"))  # fmt: skip
    if not _may_see(user, school):
        return Rows(columns, [])
    cycle_url = cycle_urls()  # reversed once, not once per row
    today = clock.today()
    ref = figures.reference_day(period, today)
    cycles = figures.cycles_in_period(
        school_ids=[school.pk], period=period, team_id=team_id, today=today
    )
    states = [kind] if kind else Kind.values
    rows = []
    for row in cycles.filter(state__in=states).order_by("since", "pk").values(*CYCLE_FIELDS):
        due = row["current_due"]
        late = (ref - due).days if due and due < ref else 0
        since = timezone.localdate(row["since"])
        rows.append(
            Row(
                title=row["title"],
                url=cycle_url(school.slug, row["pk"]),
                cells=(
                    _phase_label(row["state"]),
                    row["owner__full_name"],
                    row["team__name"] or "",
                    since,
                    (ref - since).days,
                    due,
                    late,
                ),  # fmt: skip
                date=due,
            )
        )
    return Rows(columns, rows)


def _closed_cycles(*, school, period, team_id, user, decision=None):
    """Cycles closed in the period (with one decision, or any), the last closed first."""
    columns = (_("Decision"), _("Owner"), _("Team"), _("Closed on"), _("Explanation"))
    if not _may_see(user, school):
        return Rows(columns, [])
    cycle_url = cycle_urls()  # reversed once, not once per row
    cycles = figures.cycles_in_period(school_ids=[school.pk], period=period, team_id=team_id)
    states = [decision] if decision else Cycle.Decision.values
    rows = [
        Row(
            title=row["title"],
            url=cycle_url(school.slug, row["pk"]),
            cells=(
                _decision_label(row["state"]),
                row["owner__full_name"],
                row["team__name"] or "",
                timezone.localdate(row["closed_at"]),
                row["decision_note"],
            ),  # fmt: skip
            date=timezone.localdate(row["closed_at"]),
        )
        for row in cycles.filter(state__in=states)
        .order_by("-closed_at", "pk")
        .values(
            "pk", "title", "state", "closed_at", "decision_note", "owner__full_name", "team__name"
        )  # fmt: skip
    ]
    return Rows(columns, rows)


PHASE_FIELDS = ("cycle_id", "cycle__title", "kind", "due_on", "completed_on", "on_time",
                "responsible", "cycle__team__name")  # fmt: skip


def _responsible():
    return Coalesce(F("owner__full_name"), F("cycle__owner__full_name"))


def _on_time(*, school, period, team_id, user, kind):
    """The Checks (Acts) behind the on-time share: late ones first, the latest of them first."""
    columns = (_("Phase"), _("On time"), _("Responsible"), _("Team"), _("Due"), _("Completed on"),
               _("Days late"))  # fmt: skip
    if not _may_see(user, school):
        return Rows(columns, [])
    cycle_url = cycle_urls()  # reversed once, not once per row
    today = clock.today()
    phases = figures.judged_phases(
        school_ids=[school.pk], period=period, team_id=team_id, today=today
    ).filter(kind=kind)
    found = list(phases.annotate(responsible=_responsible()).values(*PHASE_FIELDS))
    for row in found:
        row["late"] = max(((row["completed_on"] or today) - row["due_on"]).days, 0)
    found.sort(key=lambda row: (row["on_time"], -row["late"], row["due_on"], row["cycle__title"]))
    rows = []
    for row in found:
        done, due, late = row["completed_on"], row["due_on"], row["late"]
        rows.append(
            Row(
                title=row["cycle__title"],
                url=cycle_url(school.slug, row["cycle_id"]),
                cells=(
                    _phase_label(row["kind"]),
                    _("yes") if row["on_time"] else _("no"),
                    row["responsible"],
                    row["cycle__team__name"] or "",
                    due,
                    done or "",
                    late,
                ),  # fmt: skip
                date=due,
            )
        )
    return Rows(columns, rows)


def _overdue(*, school, period, team_id, user, kind):
    """The Checks (Acts) overdue today, the longest overdue first."""
    columns = (_("Phase"), _("Responsible"), _("Team"), _("Due"), _("Days overdue"))
    if not _may_see(user, school):
        return Rows(columns, [])
    cycle_url = cycle_urls()  # reversed once, not once per row
    today = clock.today()
    phases = figures.overdue_phases(school_ids=[school.pk], team_id=team_id, today=today)
    found = (
        phases.filter(kind=kind)
        .annotate(responsible=_responsible())
        .order_by("due_on", "pk")
        .values("cycle_id", "cycle__title", "kind", "due_on", "responsible", "cycle__team__name")
    )
    rows = [
        Row(
            title=row["cycle__title"],
            url=cycle_url(school.slug, row["cycle_id"]),
            cells=(
                _phase_label(row["kind"]),
                row["responsible"],
                row["cycle__team__name"] or "",
                row["due_on"],
                (today - row["due_on"]).days,
            ),  # fmt: skip
            date=row["due_on"],
        )
        for row in found
    ]
    return Rows(columns, rows)


def _keyed(func, key, **fixed):
    """func with some arguments fixed, named after the figure it drills into (for the log)."""
    provider = update_wrapper(partial(func, **fixed), func)
    provider.__qualname__ = f"{func.__qualname__}[{key}]"
    return provider


PROVIDERS = {
    **{key: _keyed(_open_cycles, key, kind=kind) for kind, key in figures.PHASE_KEYS.items()},
    figures.CLOSED: _closed_cycles,
    **{
        key: _keyed(_closed_cycles, key, decision=decision)
        for decision, key in figures.DECISION_KEYS.items()
    },
    figures.LONGEST: _open_cycles,
    **{key: _keyed(_on_time, key, kind=kind) for kind, key in figures.ON_TIME_KEYS.items()},
    **{key: _keyed(_overdue, key, kind=kind) for kind, key in figures.OVERDUE_KEYS.items()},
}
