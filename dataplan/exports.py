"""Measurements as CSV (Dutch Excel dialect: semicolon, decimal comma, BOM) or xlsx.

Text cells are protected against formula injection; numbers stay numbers.
"""

import csv
import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .importing import csv_safe


def headers():
    return [
        _("indicator"),
        _("level"),
        _("group"),
        _("date"),
        _("value"),
        _("unit"),
        _("context note"),
    ]


def _text_row(row):
    name, level, group, measured_on, value, unit, note = row
    number = format(value.normalize(), "f").replace(".", ",")
    return [
        csv_safe(name),
        level,
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


def xlsx_bytes(rows, title):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "data")
    sheet.append(headers())
    for name, level, group, measured_on, value, unit, note in rows:
        sheet.append(
            [
                csv_safe(name),
                level,
                csv_safe(group),
                measured_on,
                float(value),
                csv_safe(unit),
                csv_safe(note),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(stem, extension):
    return f"{stem}-{date.today():%Y%m%d}.{extension}"
