"""Offer "Start an improvement cycle" where a cycle naturally starts: an indicator that asks for
action (the dataplan's seam) and a quality card (the cards' seam). Only for people who may start
cycles."""

from django.urls import reverse
from django.utils.translation import gettext as _

from dataplan import actions as indicator_actions
from kwaliteitskaarten import actions as card_actions


@indicator_actions.register
def start_from_indicator(access, indicator, status):
    if not status.needs_action or not access.can("cycles.write"):
        return None
    url = reverse("pdca:new", args=[access.school.slug]) + f"?indicator={indicator.pk}"
    return _("Start an improvement cycle"), url


@card_actions.register
def start_from_card(access, card):
    if card.archived_on or not access.can("cycles.write"):
        return None
    url = reverse("pdca:new", args=[access.school.slug]) + f"?card={card.pk}"
    return _("Start an improvement cycle"), url
