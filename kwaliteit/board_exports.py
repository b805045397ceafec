"""The board roll-up as CSV (the Dutch Excel dialect: semicolons, decimal comma, a BOM) and
xlsx: a row per school, then the board's total and median; a column per figure and one for the
period before. Text cells are protected against formula injection; numbers stay numbers.

Kept apart from the shared kwaliteit/exports.py until the two are unified.
"""

import csv
import io
import re
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from . import numbers
from .board import median, total, value_of
from .figures import PERCENT

# Text starting with one of these is run as a formula by spreadsheet programs.
_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text):
    """A text cell with a leading quote when a spreadsheet would read it as a formula."""
    text = str(text)
    return "'" + text if text.startswith(_DANGEROUS_START) else text


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


def _csv_number(value):
    return "" if value is None else numbers.plain(value).replace(".", ",")


def csv_bytes(data):
    """The roll-up in the Dutch Excel dialect: semicolons, decimal comma, a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_safe(head) for head in export_headers(data)])
    for label, *values in export_rows(data):
        writer.writerow([csv_safe(label), *(_csv_number(v) for v in values)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _text(sheet, value):
    """A cell that stays text even when it starts with "=": never run as a formula."""
    cell = WriteOnlyCell(sheet, value=None)
    cell.value = str(value)
    cell.data_type = "s"
    return cell


def _xlsx_number(value):
    if value is None:
        return None
    return int(value) if Decimal(str(value)) == int(value) else float(value)


def xlsx_bytes(data, title):
    workbook = Workbook(write_only=True)
    # Excel refuses / \ : * ? [ ] in sheet names
    sheet = workbook.create_sheet(title=re.sub(r"[\\/:*?\[\]]", " ", title)[:31].strip() or "data")
    sheet.append([_text(sheet, head) for head in export_headers(data)])
    for label, *values in export_rows(data):
        sheet.append([_text(sheet, label), *(_xlsx_number(v) for v in values)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(board, period, extension):
    return (
        f"{slugify(board.name) or board.slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{extension}"
    )
