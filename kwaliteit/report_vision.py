"""The core's chapter of the annual report: the vision in force during the year and how it
changed (versions adopted in the year, core values added, renamed or removed)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import CoreValue, VisionVersion
from .reports import Section

ORDER = 10


def vision_section(*, school, period):
    """Two queries (the versions adopted up to the year's end and their values)."""
    versions = list(
        VisionVersion.objects.filter(
            school=school, status=VisionVersion.Status.ADOPTED, adopted_on__lte=period.end
        )
        .select_related("adopted_by")
        .prefetch_related(
            Prefetch("core_values", queryset=CoreValue.objects.order_by("position", "id"))
        )
        .order_by("number")
    )
    before = [v for v in versions if v.adopted_on < period.start]
    during = [v for v in versions if v.adopted_on >= period.start]
    in_force = before[-1] if before else None
    changes, previous = [], in_force
    for version in during:
        changes.append({"version": version, **_value_changes(previous, version)})
        previous = version
    empty = "" if versions else _("No vision had been adopted by the end of this school year.")
    return Section(
        key="vision",
        title=_("Vision and core values"),
        order=ORDER,
        template="kwaliteit/report_vision.html",
        context={
            "in_force": in_force,
            "changes": changes,
            "at_end": versions[-1] if versions else None,
        },
        empty_text=empty,
    )


def _value_changes(old, new):
    """The core values added, renamed and removed from old to new, by lineage."""
    old_values = {v.lineage: v for v in old.core_values.all()} if old else {}
    new_values = {v.lineage: v for v in new.core_values.all()}
    return {
        "added": [v.name for k, v in new_values.items() if k not in old_values],
        "renamed": [
            (old_values[k].name, v.name)
            for k, v in new_values.items()
            if k in old_values and old_values[k].name != v.name
        ],
        "removed": [v.name for k, v in old_values.items() if k not in new_values],
        "first": old is None,
    }
