"""The one form field for decimal numbers: Dutch and English writing both read right.

A browser's type=number drops a decimal comma it does not expect ("7,5" arrived as 75), so this is
a text input with a decimal keyboard on phones; the reading rules live in kwaliteit.numbers.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import numbers


class DecimalInput(forms.TextInput):
    """A text input with the phone's decimal keyboard; shows stored values the locale's way."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return numbers.localized(value, grouping=False)
        return super().format_value(value)


class DecimalNumberField(forms.DecimalField):
    """A decimal typed as "7,5", "7.5" or "1.234,5"; refuses what it cannot read."""

    widget = DecimalInput
    default_error_messages = {
        "invalid": _("Type a number, for example 7.5 or 1,234.5."),
        "grouping": _(
            "This number cannot be read: write it without thousands separators, for example 1234.5."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        try:
            return numbers.parse_decimal(
                str(value), thousands_separator=numbers.thousands_separator()
            )
        except numbers.NotANumber as error:
            raise ValidationError(self.error_messages[error.reason], code=error.reason) from None

    def widget_attrs(self, widget):
        # DecimalField adds step/min/max for a number input; a text input takes none of them.
        return forms.Field.widget_attrs(self, widget)
