from django import template

register = template.Library()


@register.filter
def can(access, permission):
    """{% if access|can:"vision.edit" %}: the same table the views check."""
    return bool(access) and access.can(permission)
