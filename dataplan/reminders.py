"""What the dataplan asks of people: collection moments that passed without a measurement."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwaliteit import reminders
from kwaliteit.reminders import Due, Kind
from kwaliteit.schoolyear import SchoolYear

from .models import Indicator
from .selectors import measured_months
from .status import missed_months

COLLECTION = "dataplan.collection"


def collection_dues(*, today, schools):
    """Each missed month of this school year since the indicator was created, to its owner;
    day = the month's first day, so one reminder per missed moment."""
    rows = list(
        Indicator.objects.filter(is_active=True, school_id__in=list(schools))
        .exclude(collection_months=[])
        .order_by()
        .values_list(
            "id", "collection_months", "owner_id", "name", "school_id", "school__slug", "created_at"
        )
    )
    measured = measured_months(indicator_ids=[row[0] for row in rows], today=today)
    year = SchoolYear.of(today)
    for indicator_id, months, owner_id, name, school_id, slug, created_at in rows:
        since = timezone.localdate(created_at)  # moments before the indicator existed: not missed
        missed = missed_months(months, measured.get(indicator_id, set()), today, since=since)
        if not missed:
            continue
        url = reverse("dataplan:indicator", args=[slug, indicator_id])
        for month in missed:
            day = year.month_date(month)
            yield Due(school_id, owner_id, COLLECTION, indicator_id, Kind.MISSED, day, name, url)


reminders.register(collection_dues, labels={COLLECTION: _("collection moment")})
