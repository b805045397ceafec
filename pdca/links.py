"""Offer "Start an improvement cycle" where a cycle naturally starts: an indicator that asks for
action and a quality card (both through `hooks.object_actions`, registered in providers.py). Only
for people who may start cycles."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dataplan.models import Indicator
from kwaliteit.numbers import localized
from kwaliteitskaarten.models import Kwaliteitskaart

STARTING_POINT_LENGTH = 300  # Cycle.origin_note


def start_from_indicator(access, obj, *, status=None, **context):
    """On an indicator that asks for action (status: its dataplan status)."""
    if not isinstance(obj, Indicator) or status is None or not status.needs_action:
        return None
    if not access.can("cycles.write"):
        return None
    url = reverse("pdca:new", args=[access.school.slug]) + f"?indicator={obj.pk}"
    return _("Start an improvement cycle"), url


def start_from_card(access, obj, **context):
    """On a card in use."""
    if not isinstance(obj, Kwaliteitskaart) or obj.archived_on or not access.can("cycles.write"):
        return None
    url = reverse("pdca:new", args=[access.school.slug]) + f"?card={obj.pk}"
    return _("Start an improvement cycle"), url


def starting_point(indicator, status) -> str:
    """Why a cycle starts from this indicator: the groups that miss the norm, each with its
    latest value and date ("Groep 5a: 62 % (12 mrt. 2026); norm ≥ 75 %"), never a mean that
    may lie on the right side of the norm."""
    norm = f"{'≥' if indicator.higher_is_better else '≤'} {_quantity(indicator.norm, indicator)}"
    if status.value is None:
        return _("%(indicator)s: no measurements yet (norm %(norm)s)") % {
            "indicator": indicator.name,
            "norm": norm,
        }
    groups = status.breaching or status.latest
    shown = [_group_reading(item, indicator) for item in groups]
    if not status.breaching:
        template = _("%(indicator)s: %(groups)s; norm %(norm)s")
    elif indicator.higher_is_better:
        template = _("%(indicator)s, below the norm: %(groups)s; norm %(norm)s")
    else:
        template = _("%(indicator)s, above the norm: %(groups)s; norm %(norm)s")
    # Name as many groups as fit in the starting point, then say how many more there are.
    for count in range(len(shown), 0, -1):
        listed = ", ".join(shown[:count])
        if count < len(shown):
            more = len(shown) - count
            listed += " " + ngettext(
                "and %(count)d more group", "and %(count)d more groups", more
            ) % {"count": more}
        text = template % {"indicator": indicator.name, "groups": listed, "norm": norm}
        if len(text) <= STARTING_POINT_LENGTH:
            return text
    return text[:STARTING_POINT_LENGTH]


def _group_reading(item, indicator):
    name = item.group_name or _("whole school")
    day = formats.date_format(item.measured_on, "SHORT_DATE_FORMAT")
    return f"{name}: {_quantity(item.value, indicator)} ({day})"


def _quantity(value, indicator):
    return f"{localized(value)} {indicator.unit}".strip()
