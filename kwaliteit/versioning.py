"""Adopting, starting and discarding adoptable versions: one set of rules for vision and cards.

The apps keep their own services (vision_adopt, card_adopt, vision_draft_start,
card_review_start, ...) and plug in what only they know: what must be filled in before adoption
(`problems`), what a new draft copies (`create`), what follows an adoption (`on_adopt`). The rules
that hold for every kind of version live here:

- one draft per owner: starting a draft while one exists gives the existing one;
- a leader does not adopt a draft that changed after they opened it (`seen_updated_at`);
- no adoption dated in the future, nor before the previous adopted version;
- an adopted version is frozen: not adopted again, not discarded.

Each adopt, new draft and discard is recorded in the audit trail, in the same transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from . import audit, clock
from .models import School

# The verbs of a version's draft (its history is hidden from those who do not see drafts).
DRAFT_STARTED, DRAFT_DISCARDED = "draft_started", "draft_discarded"
DRAFT_VERBS = (DRAFT_STARTED, DRAFT_DISCARDED)


def frozen_error(model):
    """The refusal to change an adopted version, in the words of its kind."""
    return ValidationError(str(model.frozen_message))


def lock_school(school_id):
    """Serialise the school's version writes (a double click must not start two drafts)."""
    School.objects.select_for_update().filter(pk=school_id).first()


@transaction.atomic
def draft_start(*, model, owner, school_id, user, create):
    """The owner's draft: the existing one, or a new one made by create(number=, latest=).

    create gets the next number and the newest version (None for the first) and returns the
    saved draft with whatever it copies from latest.
    """
    lock_school(school_id)
    versions = model.versions_of(owner)
    draft = versions.filter(status=model.Status.DRAFT).first()
    if draft is not None:
        return draft
    latest = versions.order_by("-number").first()
    draft = create(number=(latest.number + 1) if latest else 1, latest=latest)
    audit.record(
        actor=user, verb=DRAFT_STARTED, obj=draft, school=school_id, data={"number": draft.number}
    )
    return draft


@transaction.atomic
def adopt(
    *,
    version,
    user,
    adopted_on=None,
    seen_updated_at=None,
    problems=None,
    freeze=None,
    on_adopt=None,
    related=(),
):
    """Adopt the draft under the shared rules; returns the adopted version.

    problems(version) lists what is missing (each a message); freeze(version) sets what the
    version keeps besides its own fields (e.g. a snapshot) just before it is saved;
    on_adopt(version) runs once it is saved as adopted, for what follows elsewhere (the next
    review, reminders resolved). related names foreign keys to load with the version.
    """
    model = type(version)
    version = model._default_manager.select_for_update().select_related(*related).get(pk=version.pk)
    if not version.is_draft:
        raise frozen_error(model)
    if seen_updated_at is not None and version.updated_at != seen_updated_at:
        raise ValidationError(
            _("The draft was changed while you were reading it. Read it again, then adopt it.")
        )
    missing = problems(version) if problems else []
    if missing:
        raise ValidationError(missing)
    today = clock.today()
    adopted_on = adopted_on or today
    if adopted_on > today:
        raise ValidationError(_("The adoption date cannot lie in the future."))
    previous = version.siblings().filter(status=model.Status.ADOPTED).order_by("-number").first()
    if previous and adopted_on < previous.adopted_on:
        raise ValidationError(
            _("Version %(number)s was adopted on %(date)s; this one cannot be adopted earlier.")
            % {"number": previous.number, "date": formats.date_format(previous.adopted_on)}
        )
    version.status = model.Status.ADOPTED
    version.adopted_on = adopted_on
    version.adopted_by = user
    if freeze:
        freeze(version)
    version.save()
    if on_adopt:
        on_adopt(version)
    audit.record(
        actor=user,
        verb="adopted",
        obj=version,
        school=version.school_pk(),
        data={"number": version.number},
    )
    return version


@transaction.atomic
def discard(*, version, user=None, related=()):
    """Throw a draft away; an adopted version stays."""
    model = type(version)
    version = model._default_manager.select_for_update().select_related(*related).get(pk=version.pk)
    if not version.is_draft:
        raise frozen_error(model)
    audit.record(
        actor=user,
        verb=DRAFT_DISCARDED,
        obj=version,
        school=version.school_pk(),
        data={"number": version.number},
    )
    version.delete()
