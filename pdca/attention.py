"""What the cycles add to the start pages (`hooks.attention_items`): indicators that ask for
action while nothing is done about them, and, for a leader, the Acts waiting for a decision.

- An indicator **asks for action** as the dataplan says (`dataplan.status`: a group's latest value
  on the wrong side of the norm). Something is done about it when a cycle is open on it (started
  from it, or a success criterion measured by it), or when, since its newest value that misses
  the norm, a decision was recorded on it or a cycle on it was closed.
- An **Act waits for a decision** once its cycle's Check is completed and until its Act is
  decided. The Act is a dated item too, but that one waits for the phase's owner; the leaders
  only hear of it when it is long overdue. So it is listed here for leaders, who decide.

Five queries at most, whatever the number of indicators and cycles.
"""

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dataplan import selectors as dataplan_selectors
from kwaliteit.attention import AttentionItem, Kind
from kwaliteit.models import Role

from .models import Cycle, Phase


def _handled(indicator_ids, *, school):
    """indicator id → (open cycle on it?, the last day a cycle on it was closed), one query."""
    rows = (
        Cycle.objects.filter(school=school)
        .filter(Q(indicator_id__in=indicator_ids) | Q(criteria__indicator_id__in=indicator_ids))
        .values_list("indicator_id", "criteria__indicator_id", "closed_at")
    )
    open_on, closed_on = set(), {}
    for started_from, measured_by, closed_at in rows:
        for indicator_id in {started_from, measured_by} & set(indicator_ids):
            if closed_at is None:
                open_on.add(indicator_id)
            else:
                day = timezone.localdate(closed_at)
                closed_on[indicator_id] = max(day, closed_on.get(indicator_id, day))
    return open_on, closed_on


def indicators_without_follow_up(*, school):
    """The plan rows of active indicators that ask for action with nothing done about them."""
    rows = [
        row
        for row in dataplan_selectors.plan_rows(school=school, active_only=True)
        if row.status.needs_action
    ]
    if not rows:
        return []
    open_on, closed_on = _handled([row.indicator.pk for row in rows], school=school)
    waiting = []
    for row in rows:
        since = max(item.measured_on for item in row.status.breaching)
        decided = row.last_decision_on is not None and row.last_decision_on >= since
        closed = closed_on.get(row.indicator.pk)
        if row.indicator.pk in open_on or decided or (closed and closed >= since):
            continue
        row.breaching_since = since
        waiting.append(row)
    return waiting


def _indicator_item(row, *, school):
    indicator, status = row.indicator, row.status
    groups = len(status.breaching)
    if indicator.higher_is_better:
        detail = ngettext(
            "Below the norm in %(count)d group; no cycle or decision yet",
            "Below the norm in %(count)d groups; no cycle or decision yet",
            groups,
        )
    else:
        detail = ngettext(
            "Above the norm in %(count)d group; no cycle or decision yet",
            "Above the norm in %(count)d groups; no cycle or decision yet",
            groups,
        )
    return AttentionItem(
        kind=Kind.ACTION,
        title=indicator.name,
        url=reverse("dataplan:indicator", args=[school.slug, indicator.pk]),
        detail=detail % {"count": groups},
        school_id=school.pk,
        waits_for=(indicator.owner_id,) if indicator.owner_id else (),
    )


def acts_waiting(*, school):
    """The Acts whose Check is completed and that wait for their decision, first due first."""
    return (
        Phase.objects.filter(
            cycle__school=school,
            cycle__closed_at__isnull=True,
            kind=Phase.Kind.ACT,
            completed_at__isnull=True,
            cycle__phases__kind=Phase.Kind.CHECK,
            cycle__phases__completed_at__isnull=False,
        )
        .annotate(responsible=Coalesce(F("owner__full_name"), F("cycle__owner__full_name")))
        .order_by("due_on", "pk")
        .values("cycle_id", "cycle__title", "cycle__team_id", "due_on", "responsible")
    )


def _act_item(row, *, school, user, today):
    due = row["due_on"]
    late = (today - due).days if due < today else None
    # The start page adds how late it is; the line names the Act and who carries the cycle.
    when = "" if late else _("due %(date)s") % {"date": date_format(due, "SHORT_DATE_FORMAT")}
    detail = " · ".join(part for part in (_("Act"), when, row["responsible"]) if part)
    return AttentionItem(
        kind=Kind.DECISION,
        title=row["cycle__title"],
        url=reverse("pdca:act", args=[school.slug, row["cycle_id"]]),
        detail=detail,
        school_id=school.pk,
        waits_for=(user.pk,),
        team_ids=(row["cycle__team_id"],) if row["cycle__team_id"] else (),
        days_overdue=late,
    )


def attention_items(*, school, user, access, today):
    """The start page's lines from the cycles, for this person."""
    items = []
    if access.can("dataplan.view"):
        items += [
            _indicator_item(row, school=school)
            for row in indicators_without_follow_up(school=school)
        ]
    if access.role == Role.LEADER:
        items += [
            _act_item(row, school=school, user=user, today=today)
            for row in acts_waiting(school=school)
        ]
    return items
