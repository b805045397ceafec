from django import template

from kwaliteit import numbers

register = template.Library()


@register.filter
def can(access, permission):
    """{% if access|can:"vision.edit" %}: the same table the views check."""
    return bool(access) and access.can(permission)


@register.filter
def number(value):
    """72.5000 → "72,5" in Dutch, "72.5" in English; no trailing zeros; 12.345 grouped."""
    if value is None or value == "":
        return ""
    return numbers.localized(value)
