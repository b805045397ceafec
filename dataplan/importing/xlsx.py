"""Cells of the first sheet of an xlsx workbook, as the text the user sees."""

import io
import warnings
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl

# A zip expands; an xlsx larger than this many times its upload limit is not a real export.
MAX_EXPANSION = 100


class NotXlsx(Exception):
    """The bytes are a zip, but not a readable xlsx workbook."""


def expanded_size(data: bytes) -> int:
    """The size of the zip's contents once unpacked, as the zip itself declares it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise NotXlsx from error
    if "xl/workbook.xml" not in names:
        raise NotXlsx
    return size


def xlsx_rows(data: bytes) -> list[list[str]]:
    """Every row of the first sheet; formulas stay formula text, never evaluated."""
    try:
        # openpyxl warns about features it skips (styles, validation): they do not matter here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                if not book.worksheets:
                    return []
                return [[_text(cell) for cell in row] for row in book.worksheets[0].iter_rows()]
            finally:
                book.close()
    except Exception as error:  # a damaged workbook can fail anywhere inside openpyxl
        raise NotXlsx from error


def _text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        # repr keeps every digit Excel stored; "f" avoids exponents such as 1e-05.
        number = Decimal(repr(value))
        if "%" in (cell.number_format or ""):
            # The user sees 80 % where Excel stores 0.8.
            return format((number * 100).normalize(), "f") + " %"
        return format(number, "f")
    # Array formulas come back as objects holding their formula text.
    return str(getattr(value, "text", value))
