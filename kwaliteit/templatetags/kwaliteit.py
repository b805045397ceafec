from django import template
from django.template.loader import render_to_string

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


@register.simple_block_tag(takes_context=True)
def section(context, content, id, heading, items, empty):
    """A page section with its heading, and its content or, when `items` is empty, a message:

    {% section "my-cards" _("Your team's cards") cards _("No adopted cards yet.") %}
      …the cards…
    {% endsection %}
    """
    return render_to_string(
        "includes/section.html",
        {"id": id, "heading": heading, "content": content, "items": items, "empty": empty},
        request=context.get("request"),
    )
