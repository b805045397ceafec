"""What the vision offers as dated items: a draft that waits for the leaders to adopt it."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dated import DatedItem, ItemType, Remind, Stage, staff
from .models import CoreValue, Role, VisionVersion

VISION_DRAFT = "vision.draft"
TYPES = {VISION_DRAFT: ItemType(_("vision draft"), "kwaliteit.visionversion")}


def _content(version, values):
    return (version.title, version.statement.strip(), values.get(version.pk, ()))


def vision_draft_items(*, school_ids, start, end, open_only):
    """A draft that could be adopted and says something else than the adopted vision waits for
    every leader of the school (only leaders adopt); dated on the day the draft was started.
    The vision belongs to no PDCA step of its own."""
    drafts = VisionVersion.objects.filter(
        status=VisionVersion.Status.DRAFT, school_id__in=school_ids
    ).order_by()
    drafts = [d for d in drafts if d.statement.strip()]
    drafts = [d for d in drafts if _in(timezone.localdate(d.created_at), start, end)]
    if not drafts:
        return
    school_ids = {d.school_id for d in drafts}
    adopted = {}
    for version in VisionVersion.objects.filter(
        school_id__in=school_ids, status=VisionVersion.Status.ADOPTED
    ).order_by("school_id", "number"):
        adopted[version.school_id] = version  # the newest one wins
    values = {}
    version_ids = [d.pk for d in drafts] + [v.pk for v in adopted.values()]
    for vision_id, name, description in (
        CoreValue.objects.filter(vision_id__in=version_ids)
        .order_by("vision_id", "position", "id")
        .values_list("vision_id", "name", "description")
    ):
        values.setdefault(vision_id, []).append((name, description))
    values = {key: tuple(rows) for key, rows in values.items()}
    leaders = staff(school_ids=school_ids, roles=[Role.LEADER])
    slugs = dict(
        VisionVersion.objects.filter(pk__in=[d.pk for d in drafts]).values_list(
            "pk", "school__slug"
        )
    )
    for draft in drafts:
        if not values.get(draft.pk):
            continue  # not adoptable yet
        current = adopted.get(draft.school_id)
        if current and _content(current, values) == _content(draft, values):
            continue  # a copy of the adopted vision nobody changed yet: nothing to adopt
        yield DatedItem(
            type=VISION_DRAFT,
            id=draft.pk,
            school_id=draft.school_id,
            title=draft.title,
            date=timezone.localdate(draft.created_at),
            url=reverse("kwaliteit:vision-adopt", args=[slugs[draft.pk]]),
            waits_for=tuple(leaders.get((draft.school_id, Role.LEADER), ())),
            stage=Stage.NONE,
            remind=Remind.AWAITING,
        )


def _in(day, start, end):
    return day <= end and (start is None or day >= start)
