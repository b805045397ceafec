"""Tables as files: CSV in the Dutch Excel dialect, and xlsx.

The habits of the dataplan's and the history's exports, in one place for every page that exports
a table (the dashboard's figures, a figure's objects):

- CSV: UTF-8 with a BOM (Excel reads the accents right), semicolons, CRLF, numbers with a decimal
  comma whatever the page's language, dates as day-month-year;
- text that a spreadsheet would run as a formula (starting with = + - @ tab or CR) gets a leading
  quote; numbers stay numbers;
- xlsx: text cells are stored as text, never as a formula; numbers as numbers, dates as dates.
"""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from . import numbers

CSV, XLSX = "csv", "xlsx"
FORMATS = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PARAM = "formaat"  # ?formaat=csv|xlsx on a page that exports
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def asked(request):
    """The format a request asks for (?formaat=csv|xlsx), or None for the page itself."""
    value = request.GET.get("formaat")
    return value if value in FORMATS else None


def _local(moment):
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def csv_cell(value) -> str:
    """A cell as the CSV writes it: "7,5", "31-07-2026", text with a quote before a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | Decimal | float):
        return numbers.plain(Decimal(str(value))).replace(".", ",")
    if isinstance(value, datetime):
        return _local(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(headers, rows) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(str(header)) for header in headers])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8")


def _xlsx_cell(sheet, value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=_local(value).replace(tzinfo=None))
        cell.number_format = "DD-MM-YYYY HH:MM"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD-MM-YYYY"
        return cell
    if value is None:
        return None
    # Text stays text, even when it starts with "=": Excel never runs it as a formula.
    cell = WriteOnlyCell(sheet, value=None)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.data_type = "s"
    return cell


def sheet_title(title):
    """Excel refuses / \\ : * ? [ ] in sheet names and more than 31 characters."""
    cleaned = ILLEGAL_CHARACTERS_RE.sub("", re.sub(r"[\\/:*?\[\]]", " ", str(title)))
    return cleaned[:31].strip() or "data"


def xlsx_bytes(headers, rows, *, title) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    sheet.append([_xlsx_cell(sheet, str(header)) for header in headers])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def response(kind, headers, rows, *, title, filename):
    """The table as a download (`kind`: CSV or XLSX); filename without extension."""
    rows = list(rows)
    content = xlsx_bytes(headers, rows, title=title) if kind == XLSX else csv_bytes(headers, rows)
    answer = HttpResponse(content, content_type=FORMATS[kind])
    name = slugify(filename) or "export"
    answer["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return answer
