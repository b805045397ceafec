"""Vectorised parsing of the text cells of dates and values (Dutch formats first)."""

import numpy as np
import pandas as pd

from .exporting import FORMULA_PATTERN

# Values are kept as whole numbers of 1/10,000: exact, like DecimalField(decimal_places=4).
SCALE = 10_000
# DecimalField(max_digits=12, decimal_places=4) holds at most 8 digits before the point.
MAX_INT_DIGITS = 8
MAX_SCALED = 10**12

# Reasons a cell is not a value or a date; 0 means parsed.
OK, EMPTY, FORMULA, TEXT, TOO_LARGE = range(5)

# Day-month-year first, as Dutch and Flemish users write dates; ISO for database exports.
DATE_FORMATS = (
    *(f"%d{sep}%m{sep}%Y" for sep in "-/."),
    *(f"%d{sep}%m{sep}%y" for sep in "-/."),
    "%Y-%m-%d",
)
_TIME_SUFFIX = r"[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?$"
# [0-9], not \d: other scripts' digits are text here, and pandas cannot read them.
# Most cells look like this: read them at C speed, exactly (float is exact to 4 decimals here).
_SIMPLE = r"[+-]?[0-9]{1,8}(?:[.,][0-9]{1,4})?(?:\s?%)?"
# A leading group never starts with 0: "0.125" is a decimal, "1.250" may be thousands.
_GROUPED = r"^[+-]?[1-9][0-9]{0,2}(?:%s[0-9]{3})+$"


def formulas(cells: pd.Series) -> np.ndarray:
    """Cells a spreadsheet would run as a formula: refused in every column."""
    return cells.str.contains(FORMULA_PATTERN, regex=True).to_numpy(dtype=bool)


def parse_dates(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(days since 1970-01-01 as int64, reason) for stripped text cells."""
    filled = (cells != "").to_numpy(dtype=bool)
    parsed = _with_formats(cells, filled)
    # "31-12-2025 00:00" from database exports: drop the time and try again.
    timed = filled & np.isnat(parsed) & (cells.str.len() > 10).to_numpy(dtype=bool)
    if timed.any():
        stripped = cells[timed].str.replace(_TIME_SUFFIX, "", regex=True)
        parsed[timed] = _with_formats(stripped, np.ones(len(stripped), dtype=bool))
    days = parsed.astype("datetime64[D]").astype("int64")
    reason = np.where(~filled, EMPTY, np.where(np.isnat(parsed), TEXT, OK))
    return days, reason.astype("int8")


def _with_formats(text: pd.Series, todo: np.ndarray) -> np.ndarray:
    parsed = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[s]")
    for date_format in DATE_FORMATS:
        todo = todo & np.isnat(parsed)
        if not todo.any():
            break
        found = pd.to_datetime(text[todo], format=date_format, errors="coerce")
        parsed[todo] = found.to_numpy(dtype="datetime64[s]")
    return parsed


def parse_values(cells: pd.Series, *, percent_allowed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(value × SCALE as int64, reason) for stripped text cells, decimals rounded half up."""
    # "1.234,5" and "1,234.5" both mean 1234.5; "80 %" is 80 where percent_allowed.
    comma = cells.str.contains(",", regex=False).to_numpy(dtype=bool)
    point = cells.str.contains(".", regex=False).to_numpy(dtype=bool)
    # A column with a decimal comma somewhere is Dutch: there "1.234" means 1234.
    dutch = bool((comma & ~point).any())
    simple = cells.str.fullmatch(_SIMPLE).to_numpy(dtype=bool, copy=True)
    if dutch:
        grouped = r"^[+-]?[1-9][0-9]{0,2}\.[0-9]{3}(?:\s?%)?$"
        simple[point] &= ~cells[point].str.contains(grouped).to_numpy(dtype=bool)
    scaled = np.zeros(len(cells), dtype="int64")
    reason = np.full(len(cells), OK, dtype="int8")
    percent = np.zeros(len(cells), dtype=bool)
    if simple.any():
        text = cells[simple].str.replace(",", ".", regex=False)
        with_percent = text.str.endswith("%").to_numpy(dtype=bool)
        text[with_percent] = text[with_percent].str.rstrip("%").str.rstrip()
        scaled[simple] = np.rint(pd.to_numeric(text).to_numpy(dtype=float) * SCALE)
        percent[simple] = with_percent
    if not simple.all():
        scaled[~simple], reason[~simple], percent[~simple] = _parse_other(cells[~simple], dutch)
    reason[(reason == OK) & percent & ~percent_allowed] = TEXT
    return np.where(reason == OK, scaled, 0), reason


def _parse_other(cells: pd.Series, dutch: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The slow, exact way for everything that is not a simple number."""
    text = cells.str.replace(r"\s", "", regex=True).str.replace("\u2212", "-", regex=False)
    percent = text.str.endswith("%").to_numpy(dtype=bool)
    text = text.where(~percent, text.str[:-1])
    text = _normalise_separators(text, dutch)
    parts = text.str.extract(r"^([+-]?)([0-9]*)(?:\.([0-9]*))?$")
    written = parts[1].fillna("")
    whole = written.str.lstrip("0")
    fraction = parts[2].fillna("")
    matched = parts[1].notna().to_numpy(dtype=bool)
    number = matched & ((written != "") | (fraction != "")).to_numpy(dtype=bool)
    too_large = number & (whole.str.len() > MAX_INT_DIGITS).to_numpy(dtype=bool)
    usable = number & ~too_large
    units = pd.to_numeric(whole.where(usable & (whole != ""), "0")).to_numpy(dtype="int64")
    first4 = fraction.str[:4].str.ljust(4, "0").where(usable, "0")
    round_up = (fraction.str[4:5] >= "5").to_numpy(dtype=bool) & usable  # half up
    scaled = units * SCALE + pd.to_numeric(first4).to_numpy(dtype="int64") + round_up
    scaled = np.where((parts[0] == "-").to_numpy(dtype=bool), -scaled, scaled)
    too_large |= usable & (np.abs(scaled) >= MAX_SCALED)
    formula = formulas(cells)
    reason = np.select(
        [(cells == "").to_numpy(dtype=bool), formula, too_large, ~number],
        [EMPTY, FORMULA, TOO_LARGE, TEXT],
        OK,
    )
    return scaled, reason, percent


def _normalise_separators(text: pd.Series, dutch: bool) -> pd.Series:
    """Leave at most one decimal point: the last of comma and point is the decimal mark."""
    text = text.copy()
    comma = text.str.contains(",", regex=False).to_numpy(dtype=bool)
    point = text.str.contains(".", regex=False).to_numpy(dtype=bool)
    both = comma & point
    comma_last = both & (text.str.rfind(",") > text.str.rfind(".")).to_numpy(dtype=bool)
    text[comma_last] = text[comma_last].str.replace(".", "", regex=False)
    text[both & ~comma_last] = text[both & ~comma_last].str.replace(",", "", regex=False)
    only_point = point & ~comma
    thousands = only_point & text.str.match(_GROUPED % r"\.").to_numpy(dtype=bool)
    if not dutch:
        thousands &= (text.str.count(r"\.") > 1).to_numpy(dtype=bool)
    text[thousands] = text[thousands].str.replace(".", "", regex=False)
    only_comma = comma & ~point
    grouped = only_comma & (text.str.count(",") > 1).to_numpy(dtype=bool)
    grouped &= text.str.match(_GROUPED % ",").to_numpy(dtype=bool)
    text[grouped] = text[grouped].str.replace(",", "", regex=False)
    return text.str.replace(",", ".", regex=False)
