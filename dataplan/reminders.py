"""What the dataplan asks of people: collection moments that passed without a measurement."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwaliteit import reminders
from kwaliteit.reminders import Due, Kind

from .models import Indicator
from .selectors import measured_months
from .status import missed_moments

COLLECTION = "dataplan.collection"


def collection_dues(*, today, schools):
    """Each collection moment that counts as missed (dataplan.status.missed_moments: in its
    school's year, since the indicator was created), to its owner; day = the month's first day,
    so one reminder per missed moment."""
    rows = list(
        Indicator.objects.filter(is_active=True, school_id__in=list(schools))
        .exclude(collection_months=[])
        .order_by()
        .values_list(
            "id",
            "collection_months",
            "owner_id",
            "name",
            "school_id",
            "school__slug",
            "created_at",
            "school__year_start_month",
            "school__year_start_day",
        )
    )
    measured = measured_months(indicator_ids=[row[0] for row in rows], today=today)
    for indicator_id, months, owner_id, name, school_id, slug, created_at, *start in rows:
        since = timezone.localdate(created_at)  # moments before the indicator existed: not missed
        done = measured.get(indicator_id, set())
        missed = missed_moments(months, done, today, since=since, start=tuple(start))
        if not missed:
            continue
        url = reverse("dataplan:indicator", args=[slug, indicator_id])
        for day in missed:
            yield Due(school_id, owner_id, COLLECTION, indicator_id, Kind.MISSED, day, name, url)


reminders.register(collection_dues, labels={COLLECTION: _("collection moment")})
