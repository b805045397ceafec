"""What in the dataplan needs attention now and has no date (`hooks.attention_items`).

Missed collection moments are dated items already (dataplan.dated): the start page reads them
there. What is left is an import of measurements that stopped halfway: it failed, its file has
problems to fix, it waits for its columns or for the confirmation that saves it. Such an import
is shown to whoever manages the dataplan, and to the person who uploaded it; one that a later
import of the school replaced (finished after it), or older than STALE_DAYS, is left alone.
"""

from datetime import datetime, time, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kwaliteit.attention import AttentionItem, Kind

from .models import DataImport

STALE_DAYS = 30

WAITING = (
    DataImport.Status.UPLOADED,
    DataImport.Status.INVALID,
    DataImport.Status.VALID,
    DataImport.Status.FAILED,
)


def _detail(data_import):
    status = data_import.status
    if status == DataImport.Status.FAILED:
        return _("Import failed: nothing was saved")
    if status == DataImport.Status.INVALID:
        return _("Import stopped: the file has problems to fix")
    if status == DataImport.Status.VALID:
        if not data_import.summary.get("new_rows", 0):
            return None  # checked, and nothing new to save: nothing to do
        return _("Import checked: waits for the confirmation that saves it")
    if not data_import.is_read:
        return None  # still being read
    return _("Import waits for its columns to be matched")


def unfinished_imports(*, school, user, access, today):
    """The school's imports that stopped halfway and that this person can pick up: one query."""
    if access.can("dataplan.manage"):
        imports = DataImport.objects.filter(school=school)
    elif access.can("dataplan.measure"):
        imports = DataImport.objects.filter(school=school, created_by=user)
    else:
        return []
    since = timezone.make_aware(datetime.combine(today - timedelta(days=STALE_DAYS), time.min))
    replaced = DataImport.objects.filter(
        school_id=OuterRef("school_id"),
        status=DataImport.Status.DONE,
        finished_at__gt=OuterRef("created_at"),
    )
    rows = (
        imports.filter(status__in=WAITING, created_at__gte=since)
        .exclude(Exists(replaced))
        .select_related("job")
        .defer("problems", "mapping", "group_matches")
        .order_by("-created_at")
    )
    items = []
    for data_import in rows:
        detail = _detail(data_import)
        if detail is None or data_import.is_busy:
            continue  # under way: it is not stuck
        items.append(
            AttentionItem(
                kind=Kind.PROBLEM,
                title=data_import.original_name,
                url=reverse("dataplan:import", args=[school.slug, data_import.id]),
                detail=detail,
                school_id=school.id,
                waits_for=(data_import.created_by_id,),
            )
        )
    return items
