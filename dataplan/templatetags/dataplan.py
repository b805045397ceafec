from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.dates import MONTHS

from .. import actions

register = template.Library()


@register.filter
def number(value):
    """72.5000 → "72,5" in Dutch, "72.5" in English; whole numbers without decimals."""
    if value is None or value == "":
        return ""
    value = Decimal(value).normalize()
    places = max(0, -value.as_tuple().exponent)
    return formats.number_format(value, decimal_pos=places, use_l10n=True)


@register.filter
def month_name(month):
    return MONTHS.get(int(month), "")


@register.inclusion_tag("dataplan/_actions.html", takes_context=True)
def breach_actions(context, indicator, status):
    """Links other apps offer for an indicator that asks for action (e.g. start a cycle)."""
    access = context["request"].access
    return {
        "links": actions.for_indicator(access, indicator, status) if status.needs_action else []
    }
