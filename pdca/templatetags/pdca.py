from django import template

from ..models import Phase

register = template.Library()


@register.filter
def phase_label(kind):
    """ "check" → "Check" (translated); empty for no phase."""
    return Phase.Kind(kind).label if kind in Phase.Kind.values else ""
