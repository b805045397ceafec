"""An uploaded CSV or xlsx file turned into a table of text cells, or a FileProblem."""

import csv
import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from .xlsx import MAX_EXPANSION, NotXlsx, expanded_size, xlsx_rows

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


def read_table(data: bytes, filename: str, *, max_bytes: int) -> Table:
    """Read a CSV or xlsx upload; raises FileProblem for anything else."""
    if len(data) > max_bytes:
        limit = f"{max_bytes / 1_000_000:g}"
        raise FileProblem(_("The file is larger than %(limit)s MB.") % {"limit": limit})
    if not data.strip():
        raise FileProblem(_("The file is empty."))
    if data.startswith(b"%PDF") or filename.rpartition(".")[2].casefold() in OTHER_FORMATS:
        raise _not_supported()
    if data.startswith(b"PK\x03\x04"):
        return _table(_xlsx(data, max_bytes))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        # The old binary Excel format, also used for password-protected workbooks.
        raise FileProblem(
            _("This is an old Excel file (.xls) or a protected workbook. Save it as .xlsx or CSV.")
        )
    return _table(_csv_rows(_decode(data)))


def _not_supported() -> FileProblem:
    return FileProblem(_("This is not a CSV or Excel (.xlsx) file."))


def _xlsx(data: bytes, max_bytes: int) -> list[list[str]]:
    try:
        if expanded_size(data) > MAX_EXPANSION * max_bytes:
            raise FileProblem(_("The workbook is too large once unpacked."))
        return xlsx_rows(data)
    except NotXlsx as error:
        raise _not_supported() from error


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)  # Excel's "Unicode text"
    else:
        # Excel on Windows writes Windows-1252 unless told otherwise.
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _not_supported()
    text = text.rstrip("\x1a")  # old DOS end-of-file marker
    if text.lstrip().startswith("<") or "\x00" in text:
        raise _not_supported()  # HTML or XML (some systems call it .xls), or binary data
    if len(_CONTROL.findall(text[:10_000])) > len(text[:10_000]) // 100:
        raise _not_supported()  # binary data without NUL bytes
    return text


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
    frame = pd.DataFrame(cells, index=np.arange(1, len(cells) + 1), dtype=object)
    for column in frame.columns:
        frame[column] = frame[column].str.strip()
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
