"""What the dataplan offers as dated items: its collection moments.

A collection moment is a span, the whole collection month; it waits for the indicator's owner,
is done once something was measured in that month, and is missed once the month has passed
without it (stage Check: collecting data is how a school checks). A moment belongs to its school
year; with no start the moments begin at the current school year, because a moment of an earlier
year can no longer be collected (and was reminded about in its own year). A month that ended
before the indicator existed is no moment of it.
"""

from calendar import monthrange

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwaliteit import clock
from kwaliteit.dated import DatedItem, ItemType, Remind, Stage
from kwaliteit.schoolyear import SchoolYear

from .models import Indicator
from .selectors import measured_months

COLLECTION = "dataplan.collection"
TYPES = {COLLECTION: ItemType(_("collection moment"), "dataplan.indicator")}


def _last_day(first):
    return first.replace(day=monthrange(first.year, first.month)[1])


def collection_items(*, school_ids, start, end, open_only):
    """Each collection moment of the active indicators in the range: one query for the
    indicators and one per school year in the range for what was measured."""
    rows = list(
        Indicator.objects.filter(is_active=True, school_id__in=school_ids)
        .exclude(collection_months=[])
        .order_by()
        .values_list(
            "id", "collection_months", "owner_id", "name", "school_id", "school__slug", "created_at"
        )
    )
    if not rows:
        return
    first_year = SchoolYear.of(start or clock.today())
    years = [SchoolYear(y) for y in range(first_year.start_year, SchoolYear.of(end).start_year + 1)]
    ids = [row[0] for row in rows]
    measured = {year: measured_months(indicator_ids=ids, today=year.first_day) for year in years}
    for indicator_id, months, owner_id, name, school_id, slug, created_at in rows:
        since = timezone.localdate(created_at)
        url = reverse("dataplan:indicator", args=[slug, indicator_id])
        for year in years:
            for month in months:
                first = year.month_date(month)
                last = _last_day(first)
                if last < since or first > end or (start is not None and last < start):
                    continue  # before the indicator existed, or outside the range
                done = month in measured[year].get(indicator_id, ())
                if open_only and done:
                    continue
                yield DatedItem(
                    type=COLLECTION,
                    id=indicator_id,
                    school_id=school_id,
                    title=name,
                    date=last,
                    start=first,
                    url=url,
                    waits_for=(owner_id,) if owner_id else (),
                    stage=Stage.CHECK,
                    done=done,
                    remind=Remind.MISSED,
                )
