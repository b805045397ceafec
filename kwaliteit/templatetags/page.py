"""Template tags for the page frame (base.html)."""

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext

register = template.Library()


def _has_errors(value):
    if isinstance(value, BaseForm):
        return value.is_bound and bool(value.errors)
    if isinstance(value, BaseFormSet):
        return value.is_bound and not value.is_valid()
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """'Error: ' when the page shows a form (or formset) that came back with errors, else ''."""
    for value in context.flatten().values():
        if isinstance(value, dict):
            value = list(value.values())
        values = value if isinstance(value, list | tuple) else [value]
        if any(_has_errors(item) for item in values):
            return gettext("Error: ")
    return ""
