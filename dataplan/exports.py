"""Measurements as CSV (Dutch Excel dialect: semicolon, decimal comma, BOM) or xlsx.

Text cells are protected against formula injection; numbers stay numbers.
"""

import csv
import io
import re
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from .importing import csv_safe
from .models import Level


def headers():
    """Names the importer recognises, so an export can be imported again as it is."""
    return [_("indicator"), _("level"), _("group"), _("date"), _("value"), _("unit"), _("note")]


def _level(code):
    return str(Level(code).label)


def _text_row(row):
    name, level, group, measured_on, value, unit, note = row
    number = format(value.normalize(), "f").replace(".", ",")
    return [
        csv_safe(name),
        _level(level),
        csv_safe(group),
        measured_on.strftime("%d-%m-%Y"),
        number,
        csv_safe(unit),
        csv_safe(note),
    ]


class _Echo:
    def write(self, value):
        return value


def csv_stream(rows):
    """Yield the CSV line by line, so a large export never sits in memory."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(headers())
    for row in rows:
        yield writer.writerow(_text_row(row))


def _text(sheet, value):
    """A cell that is text even when it starts with "=": Excel never runs it as a formula."""
    cell = WriteOnlyCell(sheet, value=None)
    cell.value = value
    cell.data_type = "s"
    return cell


def xlsx_bytes(rows, title):
    workbook = Workbook(write_only=True)
    # Excel refuses / \ : * ? [ ] in sheet names
    sheet = workbook.create_sheet(title=re.sub(r"[\\/:*?\[\]]", " ", title)[:31].strip() or "data")
    sheet.append(headers())
    for name, level, group, measured_on, value, unit, note in rows:
        sheet.append(
            [
                _text(sheet, name),
                _level(level),
                _text(sheet, group),
                measured_on,
                float(value),
                _text(sheet, unit),
                _text(sheet, note),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(stem, extension):
    return f"{stem}-{date.today():%Y%m%d}.{extension}"
