"""An uploaded CSV or xlsx file turned into a table of text cells, or a FileProblem."""

import csv
import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from .xlsx import NotXlsx, SheetTooLarge, check_sheets, check_workbook, xlsx_rows

# Limits checked before a file is parsed: a real export is far below each of them.
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000
MAX_CELL_CHARACTERS = 2_000
# Longer than this many characters, a line cannot hold MAX_COLUMNS sensible cells.
MAX_LINE_CHARACTERS = 100_000
# UTF-8 is kept when at most this share of the lines (or a single line) fail to decode and
# at least one line with other than plain ASCII is valid UTF-8: then the bad bytes are replaced.
MAX_BAD_LINE_SHARE = 0.01
ENCODINGS = {
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252",
    "utf-16": "UTF-16",
    "iso-8859-15": "ISO-8859-15",
}

SEPARATORS = (";", "\t", ",")  # in order of preference when a header has as many of each
# Names that say the file is something else; .xls is left to its content, as some systems
# write tab-separated text or HTML under that name.
OTHER_FORMATS = {"pdf", "doc", "docx", "odt", "ods", "zip", "png", "jpg", "jpeg", "gif", "json"}
_QUOTED = re.compile(r'"[^"]*"')
# Control characters that never occur in a text export (tab, newlines and form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class FileProblem(Exception):
    """The whole file cannot be used; message says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """The header and the non-empty data rows; frame.index holds each row's number in the file."""

    headers: list[str]
    frame: pd.DataFrame
    first_row_number: int
    encoding: str = ""  # "" for xlsx
    bad_lines: int = 0  # lines whose undecodable bytes were replaced


def check_file(data: bytes, filename: str, *, max_bytes: int) -> None:
    """The quick checks that need no parsing; raises FileProblem."""
    if len(data) > max_bytes:
        limit = f"{max_bytes / 1_000_000:g}"
        raise FileProblem(_("The file is larger than %(limit)s MB.") % {"limit": limit})
    if not data.strip():
        raise FileProblem(_("The file is empty."))
    if data.startswith(b"%PDF") or filename.rpartition(".")[2].casefold() in OTHER_FORMATS:
        raise _not_supported()
    if data.startswith(b"PK\x03\x04"):
        try:
            check_workbook(data, max_bytes=max_bytes)
        except NotXlsx as error:
            raise _not_supported() from error
        except ValueError as error:
            raise FileProblem(_("The workbook is too large once unpacked.")) from error
        return
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        # The old binary Excel format, also used for password-protected workbooks.
        raise FileProblem(
            _("This is an old Excel file (.xls) or a protected workbook. Save it as .xlsx or CSV.")
        )
    # The header decides the columns: count them in the first line before reading more.
    start = data[: MAX_LINE_CHARACTERS * 4].lstrip(b"\xef\xbb\xbf\r\n \t")
    first = re.split(rb"[\r\n]", start, maxsplit=1)[0]  # old Mac exports end lines with \r
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        first = first.replace(b"\x00", b"")
    _check_width(max(first.count(sep.encode()) for sep in SEPARATORS) + 1)


def _check_width(columns: int) -> None:
    if columns > MAX_COLUMNS:
        message = _(
            "The file has %(count)s columns; at most %(max)s can be imported. "
            "Keep only the columns with the measurements."
        )
        raise FileProblem(message % {"count": f"{columns:,}".replace(",", "."), "max": MAX_COLUMNS})


def read_table(data: bytes, filename: str, *, max_bytes: int, encoding: str | None = None) -> Table:
    """Read a CSV or xlsx upload; raises FileProblem for anything else or beyond the limits."""
    check_file(data, filename, max_bytes=max_bytes)
    if data.startswith(b"PK\x03\x04"):
        return _table(_xlsx(data, max_bytes))
    text, used, bad_lines = _decode(data, encoding)
    table = _table(_csv_rows(text))
    table.encoding = used
    table.bad_lines = bad_lines
    return table


def _not_supported() -> FileProblem:
    return FileProblem(_("This is not a CSV or Excel (.xlsx) file."))


def _xlsx(data: bytes, max_bytes: int) -> list[list[str]]:
    try:
        check_sheets(data, max_columns=MAX_COLUMNS, max_cells=MAX_CELLS)
        return xlsx_rows(data)
    except NotXlsx as error:
        raise _not_supported() from error
    except SheetTooLarge as error:
        if error.columns > MAX_COLUMNS:
            _check_width(error.columns)
        raise _too_many_cells() from error


def _decode(data: bytes, encoding: str | None) -> tuple[str, str, int]:
    """The text, the encoding used and how many lines had bytes that had to be replaced."""
    if encoding is None:
        encoding = _detect(data)
    codec = {"utf-8": "utf-8-sig", "utf-16": "utf-16"}.get(encoding, encoding)
    if codec == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le"
    bad_lines = 0
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        bad_lines = sum("\ufffd" in line for line in text.splitlines())
    text = text.rstrip("\x1a")  # old DOS end-of-file marker
    if text.lstrip("\ufeff").lstrip().startswith("<") or "\x00" in text:
        raise _not_supported()  # HTML or XML (some systems call it .xls), or binary data
    if len(_CONTROL.findall(text[:10_000])) > len(text[:10_000]) // 100:
        raise _not_supported()  # binary data without NUL bytes
    lines = text.splitlines() or [""]
    if max(map(len, lines)) > MAX_LINE_CHARACTERS:
        message = _("A line of the file is longer than %(max)s characters: is a cell far too long?")
        raise FileProblem(message % {"max": f"{MAX_LINE_CHARACTERS:,}".replace(",", ".")})
    separator = _separator(text)
    _check_width(max(line.count(separator) for line in lines) + 1)
    if len(lines) * (lines[0].count(separator) + 1) > MAX_CELLS * 2:
        raise _too_many_cells()
    return text, encoding, bad_lines


def _detect(data: bytes) -> str:
    """UTF-8 unless it fails in more than a tiny share of the lines; else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # Excel's "Unicode text"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    lines = data.split(b"\n")
    valid = bad = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad += 1
        else:
            valid += 1
    # A valid multi-byte sequence hardly ever occurs by chance in Windows-1252 text.
    if valid and bad <= max(1, MAX_BAD_LINE_SHARE * len(lines)):
        return "utf-8"
    # Excel on Windows writes Windows-1252 unless told otherwise.
    return "cp1252"


def _too_many_cells() -> FileProblem:
    message = _("The file has more than %(max)s cells; split it, for example per school year.")
    return FileProblem(message % {"max": f"{MAX_CELLS:,}".replace(",", ".")})


def _separator(text: str) -> str:
    """The separator that occurs most often in the first non-empty line, outside quotes."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    bare = _QUOTED.sub("", first)
    return max(SEPARATORS, key=lambda sep: (bare.count(sep), -SEPARATORS.index(sep)))


def _csv_rows(text: str) -> pd.DataFrame | list[list[str]]:
    separator = _separator(text)
    try:  # pandas' C reader is fast but wants no row longer than the first
        return pd.read_csv(
            io.StringIO(text),
            sep=separator,
            header=None,
            dtype=object,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError):
        pass
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        return list(reader)
    except csv.Error as error:  # e.g. a cell longer than the csv module allows
        message = _("The file could not be read as CSV: a cell is too long.")
        raise FileProblem(message) from error


def _column_name(index: int) -> str:
    """The spreadsheet letter of a column: 0 → A, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _table(rows: pd.DataFrame | list[list[str]]) -> Table:
    if isinstance(rows, pd.DataFrame):
        cells = rows.to_numpy(dtype=object)
    else:
        cells = np.full((len(rows), max(map(len, rows), default=0)), "", dtype=object)
        for number, row in enumerate(rows):  # rows may differ in length
            cells[number, : len(row)] = row
    if cells.shape[1] > MAX_COLUMNS:
        _check_width(cells.shape[1])
    if cells.size > MAX_CELLS:
        raise _too_many_cells()
    frame = pd.DataFrame(cells, index=np.arange(1, len(cells) + 1), dtype=object)
    for column in frame.columns:
        frame[column] = frame[column].str.strip()
        longest = frame[column].str.len()
        if len(longest) and longest.max() > MAX_CELL_CHARACTERS:
            row = int(longest.idxmax())
            message = _(
                "The cell in row %(row)s, column %(column)s has more than %(max)s characters."
            )
            raise FileProblem(
                message
                % {"row": row, "column": _column_name(int(column)), "max": MAX_CELL_CHARACTERS}
            )
    filled = (frame != "").to_numpy()
    non_empty = filled.any(axis=1)
    if not non_empty.any():
        raise FileProblem(_("The file is empty."))
    header_at = int(np.argmax(non_empty))
    headers = [str(cell).strip().lstrip("\ufeff").strip() for cell in frame.iloc[header_at]]
    data = frame.iloc[header_at + 1 :][non_empty[header_at + 1 :]]
    if data.empty:
        raise FileProblem(_("The file has only a header row and no data."))
    keep = []
    seen = {}
    for index, header in enumerate(headers):
        if not header:
            if (data.iloc[:, index] != "").any():
                raise FileProblem(
                    _("Column %(column)s has values but no name in the header row.")
                    % {"column": _column_name(index)}
                )
            continue  # an empty column without a name: a leftover of the spreadsheet
        if header.casefold() in seen:
            raise FileProblem(
                _("The column name “%(name)s” appears more than once in the header row.")
                % {"name": header}
            )
        seen[header.casefold()] = index
        keep.append(index)
    data = data.iloc[:, keep]
    data.columns = [headers[index] for index in keep]
    return Table(headers=list(data.columns), frame=data, first_row_number=header_at + 2)
