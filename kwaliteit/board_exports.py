"""The board roll-up as a table to export (kwaliteit/exports.py writes it as CSV or xlsx): a
row per school, then the board's total and median; a column per figure and one for the period
before."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .board import median, total, value_of
from .figures import PERCENT


def _header(kind):
    return f"{kind.label} (%)" if kind.unit == PERCENT else str(kind.label)


def export_headers(data):
    heads = [_("School")]
    for kind in data.types:
        heads += [
            _header(kind),
            _("%(figure)s, period before") % {"figure": _header(kind)},
        ]
    return heads


def export_rows(data):
    """[label, value, previous, value, previous, …] per school, then the board's total and
    median; a value is a number or None."""
    rows = []
    for school in data.schools:
        row = [school.name]
        for kind in data.types:
            row += [
                value_of(data.values, school.id, kind.key),
                value_of(data.previous_values, school.id, kind.key),
            ]
        rows.append(row)
    totals, medians = [_("Board total")], [_("Board median")]
    for kind in data.types:
        now = [v for (school_id, key), v in data.values.items() if key == kind.key]
        was = [v for (school_id, key), v in data.previous_values.items() if key == kind.key]
        totals += [total(kind, now), total(kind, was)]
        medians += [median(v.value for v in now), median(v.value for v in was)]
    return rows + [totals, medians]


def export_filename(board, period):
    """Without extension: kwaliteit.exports.response adds it."""
    return f"{slugify(board.name) or board.slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
