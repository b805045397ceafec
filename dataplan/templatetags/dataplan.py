from django import template
from django.utils.dates import MONTHS

from kwaliteit import hooks
from kwaliteit.templatetags.kwaliteit import number

register = template.Library()


# The product's one number format (kwaliteit.numbers); kept here for templates that load it.
register.filter("number", number)


@register.filter
def month_name(month):
    return MONTHS.get(int(month), "")


@register.inclusion_tag("dataplan/_actions.html", takes_context=True)
def breach_actions(context, indicator, status):
    """Links other apps offer for an indicator that asks for action (e.g. start a cycle)."""
    access = context["request"].access
    return {
        "links": hooks.object_actions.results(access, indicator, status=status)
        if status.needs_action
        else []
    }
