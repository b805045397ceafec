from django import template

from kwaliteit import hooks

from .. import selectors

register = template.Library()


@register.filter
def values_now(version):
    """{% for value in version|values_now %}: the core values under their current names."""
    return selectors.values_now(version)


@register.inclusion_tag("dataplan/_actions.html", takes_context=True)
def card_actions(context, card):
    """Links other apps offer on a card (e.g. start an improvement cycle)."""
    return {"links": hooks.object_actions.results(context["request"].access, card)}
