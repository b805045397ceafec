"""The sentences of the dataplan's audit verbs."""

import contextlib
from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kwaliteit import numbers
from kwaliteit.audit_verbs import Sentences

SENTENCES = Sentences()
verb = SENTENCES.verb

verb("indicator_created", gettext_lazy("added the indicator to the dataplan"))
verb("indicator_changed", gettext_lazy("changed the indicator"))
verb("indicator_deactivated", gettext_lazy("took the indicator out of use"))


def _measurement(text):
    """A measurement's sentence: its group (or the whole school), its date as the reader writes
    dates, its value with the reader's decimal sign."""

    def sentence(data):
        day = data.get("date", "")
        with contextlib.suppress(ValueError):
            day = formats.date_format(date.fromisoformat(day), "SHORT_DATE_FORMAT")
        value = data.get("value", "")
        with contextlib.suppress(ArithmeticError, ValueError):
            value = numbers.localized(Decimal(value))
        group = data.get("group") or _("the whole school")
        return str(text) % {"group": group, "date": day, "value": value}

    return sentence


SENTENCES["measurement_added"] = _measurement(
    gettext_lazy("entered a measurement: %(group)s, %(date)s: %(value)s")
)
SENTENCES["measurement_deleted"] = _measurement(
    gettext_lazy("deleted a measurement: %(group)s, %(date)s: %(value)s")
)
verb("decision_added", gettext_lazy("recorded a decision"))


@SENTENCES.sentence("import_committed")
def _imported(data):
    rows, skipped = data.get("rows", 0), data.get("skipped", 0)
    text = ngettext("imported %(rows)s measurement", "imported %(rows)s measurements", rows)
    text %= {"rows": rows}
    if skipped:
        text += ", " + ngettext("skipped %(skipped)s row", "skipped %(skipped)s rows", skipped) % {
            "skipped": skipped
        }
    return text
