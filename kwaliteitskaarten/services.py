"""Writes of the kwaliteitskaarten: cards and their versions, agreements, checks, reflections."""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from kwaliteit import audit, clock, versioning
from kwaliteit import selectors as core_selectors
from kwaliteit.models import Membership
from kwaliteit.reminders import resolve_for
from kwaliteit.services import school_lock

from . import selectors_assessment
from .dated import ADOPTION, AGREEMENT, REVIEW, REVIEW_DRAFT
from .models import (
    Afspraak,
    AgreementCheck,
    Appreciation,
    AssessmentAnswer,
    AssessmentPeriod,
    CardVersion,
    Kwaliteitskaart,
    Reflection,
)


def _frozen():
    return versioning.frozen_error(CardVersion)


def _is_member(school, user):
    return Membership.objects.filter(school=school, user=user, is_active=True).exists()


@transaction.atomic
def card_create(*, school, title, owner, team, user, review_interval_months=12):
    """A new card starts as a concept: version 1, a draft."""
    if owner is not None and not _is_member(school, owner):
        raise ValidationError({"owner": _("The owner must be a member of this school.")})
    card = Kwaliteitskaart(
        school=school,
        title=title.strip(),
        owner=owner,
        team=team,
        review_interval_months=review_interval_months,
    )
    # The model's own limits (a review every 1–60 months, a title), for every caller.
    card.clean_fields(exclude=["school", "owner", "team"])
    try:
        with transaction.atomic():
            card.save()
    except IntegrityError:
        raise ValidationError({"title": _("A card with this theme already exists.")}) from None
    CardVersion.objects.create(card=card, number=1, created_by=user)
    audit.record(actor=user, verb="card_created", obj=card)
    return card


@transaction.atomic
def card_draft_update(
    *, version, why, core, autonomy, how_we_see_it, core_values, indicators, user=None
):
    """Change the draft's content; an adopted version is frozen."""
    version = CardVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise _frozen()
    school_id = version.card.school_id
    if any(value.vision.school_id != school_id for value in core_values):
        raise ValidationError(_("Choose core values of this school's vision."))
    if any(indicator.school_id != school_id for indicator in indicators):
        raise ValidationError(_("Choose indicators of this school's dataplan."))
    before = audit.snapshot(version, DRAFT_FIELDS)
    version.why, version.core, version.autonomy = why, core, autonomy
    version.how_we_see_it = how_we_see_it
    version.full_clean(exclude=["card", "created_by", "adopted_by"])
    version.save()
    version.core_values.set(core_values)
    version.indicators.set(indicators)
    changes = audit.changed(before, version, DRAFT_FIELDS)
    data = {"number": version.number}
    audit.record(actor=user, verb="card_draft_updated", obj=version, changes=changes, data=data)
    return version


DRAFT_FIELDS = ("why", "core", "autonomy", "how_we_see_it", "core_values", "indicators")


def card_adopt(*, version, user, adopted_on=None, seen_updated_at=None):
    """A leader adopts the draft: it needs an owner, a shared core and a core value.

    seen_updated_at is the draft's last-saved moment as the leader read it: a draft changed
    since then is not adopted unseen.
    """
    return versioning.adopt(
        version=version,
        user=user,
        adopted_on=adopted_on,
        seen_updated_at=seen_updated_at,
        problems=_card_missing,
        freeze=_agreements_freeze,
        on_adopt=_card_adopted,
        related=["card"],
    )


def _card_missing(version):
    problems = []
    if version.card.owner_id is None:
        problems.append(_("Name the card's owner: someone responsible."))
    if not version.core.strip():
        problems.append(_("Describe what good looks like here: the shared core."))
    if not version.core_values.exists():
        problems.append(_("Link the card to at least one core value of the vision."))
    return problems


def _agreements_freeze(version):
    """The version keeps the agreements as they stand at its adoption."""
    version.agreements_snapshot = [
        {
            "id": a.pk,
            "text": a.text,
            "owner": a.owner.full_name,
            "every_months": a.check_interval_months,
        }
        for a in version.card.agreements.filter(is_active=True).select_related("owner")
    ]


def _card_adopted(version):
    """The next review follows from the adoption date; what waited for it is done."""
    card = version.card
    card.next_review_on = version.adopted_on + relativedelta(months=card.review_interval_months)
    card.save(update_fields=["next_review_on"])
    resolve_for(item_type=(REVIEW, REVIEW_DRAFT, ADOPTION), item_ids=[card.pk])


@transaction.atomic
def card_review_start(*, card, user, reason="", change="", url=""):
    """Put an adopted card under review: a new draft starting from the adopted version.

    A reason (e.g. an improvement cycle that anchors its result here), the change it asks for
    and a link to it are added to the draft's review requests, so the card shows why.
    """

    def create(*, number, latest):
        draft = CardVersion.objects.create(
            card=card,
            number=number,
            why=latest.why,
            core=latest.core,
            autonomy=latest.autonomy,
            how_we_see_it=latest.how_we_see_it,
            created_by=user,
        )
        draft.core_values.set(_values_in_force(card, latest.core_values.all()))
        draft.indicators.set(latest.indicators.all())
        return draft

    draft = versioning.draft_start(
        model=CardVersion, owner=card, school_id=card.school_id, user=user, create=create
    )
    if reason:
        _review_request_add(draft, reason=reason, change=change, url=url)
    return draft


@transaction.atomic
def card_draft_discard(*, version, user=None):
    """Throw a review draft away; the adopted version stays in force. A card's first draft is
    the card itself: archive the card instead."""
    current = CardVersion.objects.get(pk=version.pk)
    if current.is_draft and current.number == 1:
        raise ValidationError(
            _("This is the card's first version: there is nothing to go back to. Archive the card.")
        )
    versioning.discard(version=version, user=user, related=["card"])
    resolve_for(item_type=REVIEW_DRAFT, item_ids=[current.card_id])  # nothing under review


def _review_request_add(draft, *, reason, change, url):
    text = f"{reason}: {change}" if change else reason
    limit = CardVersion._meta.get_field("review_reason").max_length
    draft.review_reason = "\n".join(filter(None, [draft.review_reason, text]))[:limit]
    draft.review_requests = [
        *draft.review_requests,
        {"reason": reason[:300], "change": change[:1000], "url": url[:300]},
    ]
    draft.save(update_fields=["review_reason", "review_requests", "updated_at"])


def _values_in_force(card, values):
    """The draft links the adopted vision's version of each value: a renamed value follows its
    new name, a value that left the vision is left out (the review decides what replaces it)."""
    vision = core_selectors.vision_current(school=card.school)
    if vision is None:
        return list(values)
    current = {value.lineage: value for value in vision.core_values.all()}
    return [current[value.lineage] for value in values if value.lineage in current]


@transaction.atomic
def card_archive(*, card, user=None):
    card.archived_on = clock.today()
    card.save(update_fields=["archived_on"])
    audit.record(actor=user, verb="card_archived", obj=card)


@transaction.atomic
def agreement_add(*, card, text, owner, check_interval_months, first_check_on, user=None):
    """An agreement needs an owner from the school and a first follow-up moment."""
    if owner is None or not _is_member(card.school, owner):
        raise ValidationError({"owner": _("The owner must be a member of this school.")})
    if first_check_on is None:
        raise ValidationError({"first_check_on": _("Choose the first follow-up moment.")})
    agreement = Afspraak(
        card=card,
        text=text.strip(),
        owner=owner,
        check_interval_months=check_interval_months,
        next_check_on=first_check_on,
        position=card.agreements.count(),
    )
    agreement.full_clean()
    agreement.save()
    audit.record(actor=user, verb="agreement_added", obj=agreement, school=card.school_id)
    return agreement


@transaction.atomic
def agreement_update(*, agreement, text, owner, check_interval_months, user=None):
    """Change an agreement's wording, owner or rhythm; the next adoption freezes it."""
    if owner is None or not _is_member(agreement.card.school, owner):
        raise ValidationError({"owner": _("The owner must be a member of this school.")})
    before = audit.snapshot(agreement, AGREEMENT_FIELDS)
    agreement.text = text.strip()
    agreement.owner = owner
    agreement.check_interval_months = check_interval_months
    agreement.full_clean()
    agreement.save(update_fields=["text", "owner", "check_interval_months"])
    if changes := audit.changed(before, agreement, AGREEMENT_FIELDS):
        audit.record(actor=user, verb="agreement_changed", obj=agreement, changes=changes)
    return agreement


AGREEMENT_FIELDS = ("text", "owner", "check_interval_months")


@transaction.atomic
def agreement_check_record(*, agreement, result, note, checked_on, user):
    """Record a follow-up; the next one follows from the interval."""
    if checked_on > clock.today():
        raise ValidationError({"checked_on": _("A check cannot be recorded in the future.")})
    check = AgreementCheck.objects.create(
        agreement=agreement, result=result, note=note, checked_on=checked_on, recorded_by=user
    )
    agreement.next_check_on = checked_on + relativedelta(months=agreement.check_interval_months)
    agreement.save(update_fields=["next_check_on"])
    resolve_for(item_type=AGREEMENT, item_ids=[agreement.pk])
    data = {"result": result, "checked_on": checked_on.isoformat(), "text": note[:300]}
    audit.record(actor=user, verb="check_recorded", obj=agreement, data=data)
    return check


def reflection_add(*, author, card, text, visibility):
    if card.team_id is None and visibility == Reflection.Visibility.TEAM:
        raise ValidationError(
            {
                "visibility": _(
                    "This card has no team to share with: keep this reflection to yourself."
                )
            }
        )
    reflection = Reflection(author=author, card=card, text=text, visibility=visibility)
    reflection.full_clean()
    reflection.save()
    return reflection


def appreciation_add(*, author, recipient, card, text):
    if recipient == author:
        raise ValidationError({"recipient": _("Appreciation goes to a colleague.")})
    if not _is_member(card.school, recipient):
        raise ValidationError({"recipient": _("Choose a colleague from this school.")})
    appreciation = Appreciation(author=author, recipient=recipient, card=card, text=text)
    appreciation.full_clean()
    appreciation.save()
    return appreciation


def assessment_answer(*, period, card, respondent, score, remark, today=None):
    """One answer per person, card and period, and only while the period is open."""
    today = today or clock.today()
    if not period.is_open(today):
        raise ValidationError(_("This self-assessment is not open."))
    answer = AssessmentAnswer(
        period=period, card=card, respondent=respondent, score=score, remark=remark
    )
    answer.full_clean(exclude=["period", "card", "respondent"])
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError:
        raise ValidationError(_("You already answered for this card in this period.")) from None
    return answer


@transaction.atomic
def assessment_period_create(*, school, name, opens_on, closes_on):
    """A new period; it may not overlap another period of the school (checked under a lock)."""
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("A period cannot close before the day it opens.")})
    school_lock(school_id=school.pk)
    other = selectors_assessment.periods_overlapping(
        school=school, opens_on=opens_on, closes_on=closes_on
    ).first()
    if other is not None:
        raise ValidationError(
            _(
                "This period overlaps “%(name)s” (%(opens)s – %(closes)s). "
                "Choose dates outside it: periods of a school may not overlap."
            ),
            params={
                "name": other.name,
                "opens": formats.date_format(other.opens_on),
                "closes": formats.date_format(other.closes_on),
            },
        )
    return AssessmentPeriod.objects.create(
        school=school, name=name.strip(), opens_on=opens_on, closes_on=closes_on
    )


@transaction.atomic
def assessment_answers_save(*, period, respondent, answers, today):
    """All answers or none: one refusal rolls every answer of this submission back."""
    return [
        assessment_answer(
            period=period, card=card, respondent=respondent, score=score, remark=remark, today=today
        )
        for card, score, remark in answers
    ]
