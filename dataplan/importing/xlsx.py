"""Cells of the first sheet of an xlsx workbook, as the text the user sees."""

import io
import re
import warnings
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl

# A real export unpacks to some ten times its size; a zip bomb to far more. Both limits are
# checked on the sizes the zip declares, which zipfile never reads beyond.
MAX_UNPACKED_BYTES = 250_000_000
MAX_RATIO = 100
_RATIO_FROM = 1_000_000  # small members may compress better (empty styles, one repeated row)
_CHUNK = 1_000_000
_ROW = re.compile(rb"<(?:\w+:)?row[\s>]")
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")


class NotXlsx(Exception):
    """The bytes are a zip, but not a readable xlsx workbook."""


class SheetTooLarge(Exception):
    """A sheet has more cells, or a row more columns, than may be read."""

    def __init__(self, columns: int = 0):
        super().__init__(columns)
        self.columns = columns


def check_workbook(data: bytes, *, max_bytes: int) -> None:
    """Refuse a zip that is no workbook (NotXlsx) or unpacks to far too much (ValueError)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise NotXlsx from error
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise NotXlsx
    limit = min(MAX_UNPACKED_BYTES, MAX_RATIO * max_bytes)
    if sum(info.file_size for info in infos) > limit:
        raise ValueError("unpacks to too much")
    for info in infos:
        if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ValueError("compressed too well")


def check_sheets(data: bytes, *, max_columns: int, max_cells: int) -> None:
    """Count the cells of every sheet in its XML, without building them; raises SheetTooLarge."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                name = info.filename
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(info) as sheet:
                        _count_cells(sheet, max_columns, max_cells)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as error:
        raise NotXlsx from error


def _count_cells(sheet, max_columns: int, max_cells: int) -> None:
    carry = b""
    in_row = total = 0
    while chunk := sheet.read(_CHUNK):
        buffer = carry + chunk
        cut = buffer.rfind(b">") + 1  # tags end at ">", so none is split between chunks
        text, carry = buffer[:cut], buffer[cut:]
        if len(carry) > _CHUNK:
            raise SheetTooLarge  # a megabyte without a tag ending is no worksheet
        parts = _ROW.split(text)
        for number, part in enumerate(parts):
            if number:
                in_row = 0
            cells = len(_CELL.findall(part))
            in_row += cells
            total += cells
            if in_row > max_columns:
                raise SheetTooLarge(in_row)
        if total > max_cells:
            raise SheetTooLarge


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
