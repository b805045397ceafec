"""Renaming and merging the groups measurements are about: all or nothing, never half done."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import formats
from django.utils.translation import gettext as _

from kwaliteit.services import school_lock

from .importing.checks import MAX_GROUP_NAME
from .models import Group, Level, Measurement

# A refused merge names this many clashes; the rest are counted.
SHOWN_CLASHES = 10


@transaction.atomic
def group_rename(*, group, name):
    """Give a group another name; refused when the school has a group of that name and level."""
    school_lock(school_id=group.school_id)
    name = " ".join(name.split())
    if group.level == Level.SCHOOL:
        raise ValidationError({"name": _("The whole school has no name to change.")})
    if not name:
        raise ValidationError({"name": _("A group needs a name.")})
    if len(name) > MAX_GROUP_NAME:
        message = _("A group name can have at most %(max)s characters.")
        raise ValidationError({"name": message % {"max": MAX_GROUP_NAME}})
    others = Group.objects.filter(school_id=group.school_id, level=group.level).exclude(pk=group.pk)
    if name.casefold() in {other.casefold() for other in others.values_list("name", flat=True)}:
        message = _("There already is a group “%(name)s”: merge the two instead.")
        raise ValidationError({"name": message % {"name": name}})
    group.name = name
    group.save(update_fields=["name"])
    return group


@transaction.atomic
def group_merge(*, source, target):
    """Move every measurement of source to target and remove source; refused on a clash."""
    school_lock(school_id=source.school_id)
    if source.pk == target.pk:
        raise ValidationError({"target": _("Choose another group to merge with.")})
    if source.school_id != target.school_id or source.level != target.level:
        raise ValidationError({"target": _("Only groups of the same level can be merged.")})
    clashes = list(
        Measurement.objects.filter(group=source)
        .filter(
            Exists(
                Measurement.objects.filter(
                    group=target,
                    indicator_id=OuterRef("indicator_id"),
                    measured_on=OuterRef("measured_on"),
                )
            )
        )
        .select_related("indicator")
        .order_by("measured_on", "indicator__name")
    )
    if clashes:
        shown = "; ".join(
            f"{clash.indicator.name}, {formats.date_format(clash.measured_on, 'DATE_FORMAT')}"
            for clash in clashes[:SHOWN_CLASHES]
        )
        if len(clashes) > SHOWN_CLASHES:
            shown += " " + _("and %(count)s more") % {"count": len(clashes) - SHOWN_CLASHES}
        message = _(
            "Nothing was merged: both groups have a measurement of the same indicator on the "
            "same date (%(clashes)s). Delete one of each pair first."
        )
        raise ValidationError({"target": message % {"clashes": shown}})
    moved = Measurement.objects.filter(group=source).update(group=target)
    source.delete()
    return moved
