"""The Act: decide (borgen, bijstellen, stoppen); anchoring goes through the cards' services."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kwaliteit import clock
from kwaliteit.reminders import resolve_for
from kwaliteitskaarten import services as card_services

from ..models import Cycle
from .cycles import Kind, _check_open, _check_order, _event, _locked, _phases, cycle_create

ANCHOR_NEW_AGREEMENT = "new_agreement"
ANCHOR_CHANGE_AGREEMENT = "change_agreement"
ANCHOR_CHANGE_CARD = "change_card"


@transaction.atomic
def act_decide(*, cycle, user, decision, note, anchor=None):
    """Record the Act's decision; this completes the Act and closes the cycle.

    anchor (for borgen) is a dict with "how" (new_agreement, change_agreement, change_card) and
    what that needs: card + text + owner + check_interval_months + first_check_on for a new
    agreement; agreement + text + owner + check_interval_months for a change; card + change for a
    card change, which sends the card to review so the change is adopted properly.
    Returns the follow-up cycle for bijstellen, else None.
    """
    cycle = _locked(cycle)
    _check_open(cycle)
    phases = _phases(cycle)
    _check_order(phases, Kind.ACT)
    note = (note or "").strip()
    if decision not in Cycle.Decision.values:
        raise ValidationError({"decision": _("Choose a decision: anchor, adjust or stop.")})
    if decision == Cycle.Decision.STOP and not note:
        raise ValidationError({"note": _("Give the reason for stopping.")})
    if decision == Cycle.Decision.ADJUST and Cycle.objects.filter(predecessor=cycle).exists():
        raise ValidationError(_("This cycle already has a follow-up cycle."))
    if decision == Cycle.Decision.ANCHOR:
        _anchor(cycle, user, anchor or {})
    cycle.decision, cycle.decision_note = decision, note
    cycle.closed_at = clock.now()
    cycle.save()
    act = phases[Kind.ACT]
    act.completed_at, act.completed_by = cycle.closed_at, user
    act.save(update_fields=["completed_at", "completed_by"])
    resolve_for(item_type="pdca.act", item_ids=[act.pk])
    _event(cycle, user, "decided", Kind.ACT, note, decision=decision)
    if decision == Cycle.Decision.ADJUST:
        return _follow_up(cycle, user)
    return None


def _review(card, cycle, user, change):
    """Anchoring never changes an adopted card unseen: it asks for the card's review, naming the
    cycle (with a link) and the change, so the leader adopts it into the next version."""
    card_services.card_review_start(
        card=card,
        user=user,
        reason=_("Anchoring of improvement cycle “%(title)s”") % {"title": cycle.title},
        change=change,
        url=reverse("pdca:cycle", args=[cycle.school.slug, cycle.pk]),
    )


def _anchor(cycle, user, anchor):
    how = anchor.get("how")
    school = cycle.school
    if how == ANCHOR_NEW_AGREEMENT:
        card = anchor.get("card")
        if card is None or card.school_id != school.pk:
            raise ValidationError({"card": _("Choose the card that gets the new agreement.")})
        agreement = card_services.agreement_add(
            card=card,
            text=anchor.get("text", ""),
            owner=anchor.get("owner"),
            check_interval_months=anchor.get("check_interval_months") or 3,
            first_check_on=anchor.get("first_check_on"),
            user=user,
        )
        cycle.anchored_agreement, cycle.anchored_card = agreement, card
        text = _("New agreement on “%(card)s”: %(text)s") % {
            "card": card.title,
            "text": agreement.text,
        }
        _review(card, cycle, user, _("new agreement: %(text)s") % {"text": agreement.text})
    elif how == ANCHOR_CHANGE_AGREEMENT:
        agreement = anchor.get("agreement")
        if agreement is None or agreement.card.school_id != school.pk:
            raise ValidationError({"agreement": _("Choose the agreement to change.")})
        before = agreement.text
        card_services.agreement_update(
            agreement=agreement,
            text=anchor.get("text", ""),
            owner=anchor.get("owner") or agreement.owner,
            check_interval_months=anchor.get("check_interval_months")
            or agreement.check_interval_months,
            user=user,
        )
        cycle.anchored_agreement, cycle.anchored_card = agreement, agreement.card
        text = _("Agreement changed from “%(before)s” to “%(after)s”") % {
            "before": before,
            "after": agreement.text,
        }
        _review(agreement.card, cycle, user, text)
    elif how == ANCHOR_CHANGE_CARD:
        card = anchor.get("card")
        change = (anchor.get("change") or "").strip()
        if card is None or card.school_id != school.pk:
            raise ValidationError({"card": _("Choose the card to change.")})
        if not change:
            raise ValidationError({"change": _("Describe what changes on the card.")})
        _review(card, cycle, user, change)
        cycle.anchored_card = card
        text = _("Card “%(card)s” sent to review: %(change)s") % {
            "card": card.title,
            "change": change,
        }
    else:
        raise ValidationError(
            {
                "how": _(
                    "Choose how the result is anchored: a new agreement, a changed "
                    "agreement or a changed card."
                )
            }
        )
    _event(cycle, user, "anchored", Kind.ACT, text)


@transaction.atomic
def cycle_follow_up(*, cycle, user):
    """A successor for a cycle whose Act decided to adjust (bijstellen), if it has none yet."""
    cycle = _locked(cycle)
    if not cycle.is_closed or cycle.decision != Cycle.Decision.ADJUST:
        raise ValidationError(
            _("A follow-up cycle starts from an Act that decided to adjust (bijstellen).")
        )
    if Cycle.objects.filter(predecessor=cycle).exists():
        raise ValidationError(_("This cycle already has a follow-up cycle."))
    return _follow_up(cycle, user)


def _follow_up_title(title):
    """ "X (follow-up)" once, however long the chain: the chain itself shows the rounds."""
    suffix = _("%(title)s (follow-up)") % {"title": ""}
    while suffix and title.endswith(suffix):
        title = title[: -len(suffix)]
    return _("%(title)s (follow-up)") % {"title": title[: 150 - len(suffix)]}


def _follow_up(cycle, user):
    """The successor of an adjusted cycle: the same goal and criteria, to be sharpened."""
    follow_up = cycle_create(
        school=cycle.school,
        user=user,
        title=_follow_up_title(cycle.title),
        owner=cycle.owner,
        team=cycle.team,
        cards=list(cycle.cards.all()),
        goal_what=cycle.goal_what,
        goal_measure=cycle.goal_measure,
        reason=(
            _("Adjusted after the Check of “%(title)s”: %(conclusion)s")
            % {"title": cycle.title, "conclusion": cycle.check_conclusion}
        )[:1500],
        origin=Cycle.Origin.FOLLOW_UP,
        indicator=cycle.indicator,
        predecessor=cycle,
        criteria=[(c.description, c.indicator, c.target_value) for c in cycle.criteria.all()],
    )
    _event(cycle, user, "follow_up_started", Kind.ACT, follow_up.title)
    return follow_up
