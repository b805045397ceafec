from django import template

from .. import actions

register = template.Library()


@register.inclusion_tag("dataplan/_actions.html", takes_context=True)
def card_actions(context, card):
    """Links other apps offer on a card (e.g. start an improvement cycle)."""
    return {"links": actions.for_card(context["request"].access, card)}
