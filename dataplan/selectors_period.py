"""Reads of the dataplan over a period, for any number of schools at once.

The dashboard, the board roll-up, the start pages and the annual report ask the same things:
where each indicator stood at the end of a period, which collection moments ended in it without
a measurement, which decisions were taken in it. Each read is a fixed few queries whatever the
number of schools or measurements; the latest value per group is found in SQL (DISTINCT ON on
PostgreSQL, a window elsewhere: `selectors.latest_per_group`).

Indicators belong to a school, not to a team (a measurement's group may be called after a team,
but it is the dataplan's own label, not one of the school's teams): nothing here filters by team.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Avg, Count, Max
from django.db.models.functions import TruncMonth
from django.utils import timezone

from kwaliteit import clock

from .dated import collection_items
from .models import Decision, Indicator, Measurement
from .selectors import latest_per_group
from .status import ACTION, CURRENT_DAYS, OK, IndicatorStatus, indicator_status

ON_COURSE = "on_course"
ASKS_ACTION = "action"
WITHOUT_DATA = "no_data"
STATES = (ON_COURSE, ASKS_ACTION, WITHOUT_DATA)


def as_of(period, today=None):
    """The day a period's standing is read on: its end, or today while it lasts."""
    return min(period.end, today or clock.today())


@dataclass
class Standing:
    """Where one indicator stood on a day: its status from the measurements of the year before.

    A value older than a year says nothing about that day (dataplan.status): such an indicator
    counts as without data, as one that was never measured does."""

    indicator: Indicator
    status: IndicatorStatus

    @property
    def state(self):
        if not self.indicator.is_active:
            return None
        if self.status.state == OK:
            return ON_COURSE
        if self.status.state == ACTION:
            return ASKS_ACTION
        return WITHOUT_DATA


def standings(*, school_ids, day):
    """school id → [Standing] of every indicator that existed on `day`, by name (inactive ones
    too, with state None): two queries."""
    created_by = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    indicators = list(
        Indicator.objects.filter(school_id__in=list(school_ids), created_at__lt=created_by)
        .select_related("school", "owner")
        .order_by("school_id", "name")
    )
    active = [indicator.id for indicator in indicators if indicator.is_active]
    latest = latest_per_group(
        indicator_ids=active, since=day - timedelta(days=CURRENT_DAYS), until=day
    )
    result = defaultdict(list)
    for indicator in indicators:
        status = indicator_status(
            indicator, latest.get(indicator.id, []), set(), day, start=indicator.school.year_start
        )
        status.missed_months = []  # the moments of a period are read apart (missed_moments)
        result[indicator.school_id].append(Standing(indicator, status))
    return result


def ended_moments(*, school_ids, period, today=None):
    """The collection moments (dated items) of the active indicators that ended within the
    period and before today, done or missed (`item.done`): two queries."""
    today = today or clock.today()
    items = collection_items(
        school_ids=list(school_ids), start=period.start, end=period.end, open_only=False
    )
    return [item for item in items if item.date <= period.end and item.date < today]


def decision_counts(*, school_ids, period):
    """(school id, first day of the month) → number of decisions taken then: one query."""
    rows = (
        Decision.objects.filter(
            indicator__school_id__in=list(school_ids),
            decided_on__range=(period.start, period.end),
        )
        .annotate(month=TruncMonth("decided_on"))
        .order_by()
        .values_list("indicator__school_id", "month")
        .annotate(count=Count("id"))
    )
    return {(school_id, month): count for school_id, month, count in rows}


def decisions_in(*, school, period):
    """The decisions taken in the period, oldest first, with their indicator: one query."""
    return list(
        Decision.objects.filter(
            indicator__school=school, decided_on__range=(period.start, period.end)
        )
        .select_related("indicator")
        .order_by("decided_on", "indicator__name", "id")
    )


def monthly_means(*, indicator_ids, period):
    """indicator id → [(first day of the month, its last day measured, mean of that month's
    measurements)], oldest first, over the period: one query, aggregated in the database."""
    rows = (
        Measurement.objects.filter(
            indicator_id__in=list(indicator_ids),
            measured_on__range=(period.start, period.end),
        )
        .annotate(month=TruncMonth("measured_on"))
        .order_by()
        .values_list("indicator_id", "month")
        .annotate(last=Max("measured_on"), mean=Avg("value"))
        .order_by("indicator_id", "month")
    )
    result = defaultdict(list)
    for indicator_id, month, last, mean in rows:
        result[indicator_id].append((month, last, mean))
    return result
