"""What the dataplan offers as dated items: its collection moments.

A collection moment is a span, the whole collection month of a school year (the school's own
year: dataplan.status and kwaliteit.schoolyear); it waits for the indicator's owner, is done once
something was measured in that month, and is missed once the month has passed without it (stage
Check: collecting data is how a school checks). A month before the indicator existed is no moment
of it. Asked without a start (the reminders), only the moments that can still count as missed
today are offered (dataplan.status.counts_until): the last month of a school year stays missed
through the first month of the next, and a moment stops being offered, so its reminder resolves,
when it no longer counts.
"""

from collections import defaultdict

from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwaliteit import clock
from kwaliteit.dated import DatedItem, ItemType, Remind, Stage
from kwaliteit.schoolyear import SchoolYear

from .models import Indicator, Measurement
from .status import counts_until, month_end

COLLECTION = "dataplan.collection"
TYPES = {COLLECTION: ItemType(_("collection moment"), "dataplan.indicator")}


def _years(start, end, year_start, today):
    """The school years (of a school starting on year_start) whose moments are asked for."""
    if start is None:
        current = SchoolYear.of(today, year_start)
        return [current.shifted(-1), current]
    first, last = SchoolYear.of(start, year_start), SchoolYear.of(end, year_start)
    return [first.shifted(n) for n in range(last.start_year - first.start_year + 1)]


def _moments(row, *, start, end, today):
    """(first day, last day) of each of this indicator's moments in the range."""
    _id, months, *_rest, created_at, start_month, start_day = row
    since = timezone.localdate(created_at)
    for year in _years(start, end, (start_month, start_day), today):
        for month in year.months():
            if month not in months:
                continue
            first = year.month_date(month)
            last = month_end(first)
            if (first.year, first.month) < (since.year, since.month) or first > end:
                continue  # before the indicator existed, or after the range
            if start is not None and last < start:
                continue
            if start is None and today > counts_until(year, first):
                continue  # can no longer count as missed
            yield first, last


def _measured(indicator_ids, moments):
    """indicator id → first days of the months with a measurement, in one query."""
    if not moments:
        return {}
    low = min(first for _i, first, _l in moments)
    high = max(last for _i, _f, last in moments)
    rows = (
        Measurement.objects.filter(indicator_id__in=indicator_ids, measured_on__range=(low, high))
        .annotate(month=TruncMonth("measured_on"))
        .values_list("indicator_id", "month")
        .distinct()
    )
    measured = defaultdict(set)
    for indicator_id, month in rows:
        measured[indicator_id].add(month)
    return measured


def collection_items(*, school_ids, start, end, open_only):
    """Each collection moment of the active indicators in the range: two queries in all."""
    rows = list(
        Indicator.objects.filter(is_active=True, school_id__in=school_ids)
        .exclude(collection_months=[])
        .order_by()
        .values_list(
            "id", "collection_months", "owner_id", "name", "school_id", "school__slug",
            "created_at", "school__year_start_month", "school__year_start_day",
        )
    )  # fmt: skip
    today = clock.today()
    moments = [
        (row[0], first, last)
        for row in rows
        for first, last in _moments(row, start=start, end=end, today=today)
    ]
    measured = _measured([row[0] for row in rows], moments)
    by_id = {row[0]: row for row in rows}
    for indicator_id, first, last in moments:
        _id, _months, owner_id, name, school_id, slug, *_rest = by_id[indicator_id]
        done = first in measured.get(indicator_id, ())
        if open_only and done:
            continue
        yield DatedItem(
            type=COLLECTION,
            id=indicator_id,
            school_id=school_id,
            title=name,
            date=last,
            start=first,
            url=reverse("dataplan:indicator", args=[slug, indicator_id]),
            waits_for=(owner_id,) if owner_id else (),
            stage=Stage.CHECK,
            done=done,
            remind=Remind.MISSED,
        )
