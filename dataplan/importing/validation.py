"""Check every row of a mapped table at once and return the rows ready to save, or problems."""

from datetime import date

import numpy as np
import pandas as pd
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kwaliteit.schoolyear import DEFAULT_START

from . import parsing
from .checks import check_groups, check_indicators, check_values
from .files import Table
from .mapping import mapping_problems
from .report import Found, localized, scaled_text, shown
from .specs import ROW_COLUMNS, Context, Result, empty_rows

MAX_NOTE = 500
_KEY = ["indicator_id", "level", "group_key", "day"]
_EPOCH = date(1970, 1, 1).toordinal()  # days count from here, as numpy's datetime64[D]


def validate(table: Table, mapping: dict[str, str], context: Context) -> Result:
    """Every problem of the file at once; rows only when there is none."""
    frame = table.frame
    found = Found(frame.index.to_numpy(), table.headers)
    filled = {header: bool((frame[header] != "").any()) for header in table.headers}
    general, columns, complete = mapping_problems(
        table.headers, filled, mapping, fixed_indicator=context.fixed_indicator is not None
    )
    for column, message in general:
        found.once(column, message)
    if not complete:  # without the required columns, row checks would only repeat that
        problems, more = found.finish()
        return Result(problems, more, empty_rows(), [], 0, len(frame))

    # A formula is never evaluated, in whatever column it stands (dates and values say so
    # themselves, with their own checks).
    for field in ("indicator", "group", "note"):
        if field in columns:
            formula = parsing.formulas(frame[columns[field]])
            found.add(formula, columns[field], _("Formulas are not evaluated; paste the values."))
    indicators = check_indicators(frame, columns.get("indicator"), context, found)
    groups = check_groups(frame, columns.get("group"), indicators, context, found)
    days, date_ok = _check_dates(frame[columns["date"]], columns["date"], context, found)
    scaled, value_ok = check_values(frame[columns["value"]], columns["value"], indicators, found)
    notes = _column(frame, columns.get("note"))
    if "note" in columns:
        length = notes.str.len().to_numpy()
        message = _("The note is longer than %(max)s characters (%(length)s).")
        found.add(
            length > MAX_NOTE,
            columns["note"],
            lambda i: message % {"max": MAX_NOTE, "length": length[i]},
        )

    keys = pd.DataFrame(
        {
            "indicator_id": indicators.ids,
            "level": indicators.levels,
            "group_key": groups.keys,
            "day": days,
            "scaled": scaled,
            "row": frame.index.to_numpy(),
        }
    )
    key_ok = indicators.known & groups.ok & date_ok
    duplicate = _check_duplicates(keys, key_ok, columns["date"], found)
    present = _check_existing(
        keys, key_ok & value_ok & ~duplicate, columns["value"], context, found
    )

    problem_rows = found.problem_rows()
    problems, more = found.finish()
    already_present = int(present.sum())
    keep = ~present & ~problem_rows
    rows = pd.DataFrame(
        {
            "indicator_id": indicators.ids[keep],
            "level": indicators.levels[keep],
            "group_name": groups.names[keep],
            # numpy turns datetime64[D] into datetime.date objects without a Python loop.
            "date": days[keep].astype("datetime64[D]").astype(object),
            "value": scaled_text(scaled[keep]),
            "note": notes.to_numpy()[keep],
        },
        index=frame.index[keep],
        columns=list(ROW_COLUMNS),
    )
    if not problems:
        result = Result([], 0, rows, groups.new, already_present, len(frame))
        result.similar_groups = groups.similar
        return result
    result = Result(problems, more, empty_rows(), groups.new, already_present, len(frame))
    result.similar_groups = groups.similar
    if not found.whole_file:
        result.good_rows = rows
        result.skipped_rows = [int(row) for row in frame.index[problem_rows]]
        kept = set(zip(rows["level"], rows["group_name"].str.casefold(), strict=True))
        result.good_new_groups = [
            (level, name) for level, name in groups.new if (level, name.casefold()) in kept
        ]
    return result


def school_years(table: Table, mapping: dict[str, str], start=DEFAULT_START) -> list[int]:
    """The school years (by first calendar year) that the readable dates fall in, for a school
    whose year starts on `start` (month, day)."""
    headers = [header for header, field in mapping.items() if field == "date"]
    if not headers:
        return []
    days, reason = parsing.parse_dates(table.frame[headers[0]])
    moments = days[reason == parsing.OK].astype("datetime64[D]")
    years = moments.astype("datetime64[Y]").astype("int64") + 1970
    months = (moments.astype("datetime64[M]").astype("int64") % 12) + 1
    days = (moments - moments.astype("datetime64[M]").astype("datetime64[D]")).astype("int64") + 1
    before_start = (months < start[0]) | ((months == start[0]) & (days < start[1]))
    starts = np.where(before_start, years - 1, years)
    return [int(year) for year in np.unique(starts)]


def _column(frame: pd.DataFrame, header: str | None) -> pd.Series:
    if header is None:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[header]


def _check_dates(cells, header, context: Context, found: Found):
    days, reason = parsing.parse_dates(cells)
    text = cells.to_numpy()
    found.add(reason == parsing.EMPTY, header, _("The date is missing."))
    formula = parsing.formulas(cells)
    found.add(formula, header, _("Formulas are not evaluated; paste the values."))
    not_a_date = _("“%(value)s” is not a date. Write it as day-month-year, for example 31-12-2025.")
    not_a_date_rows = (reason == parsing.TEXT) & ~formula
    found.add(not_a_date_rows, header, lambda i: not_a_date % {"value": shown(text[i])})
    year = context.school_year
    first, last = np.array([year.first_day, year.last_day], dtype="datetime64[D]").astype("int64")
    outside = (reason == parsing.OK) & ((days < first) | (days > last))
    outside_message = _("%(date)s is outside school year %(year)s (%(first)s to %(last)s).")
    span = {
        "year": str(year),
        "first": formats.date_format(year.first_day, "MONTH_DAY_FORMAT"),
        "last": formats.date_format(year.last_day, "MONTH_DAY_FORMAT"),
    }
    found.add(
        outside,
        header,
        lambda i: outside_message % {"date": _date_text(days[i]), **span},
    )
    today = np.datetime64(timezone.localdate(), "D").astype("int64")
    future = (reason == parsing.OK) & ~outside & (days > today)
    future_message = _("%(date)s lies in the future: a measurement cannot be dated ahead.")
    found.add(future, header, lambda i: future_message % {"date": _date_text(days[i])})
    return days, (reason == parsing.OK) & ~outside & ~future


def _date_text(day: int) -> str:
    return formats.date_format(np.datetime64(int(day), "D").astype(object), "DATE_FORMAT")


def _check_duplicates(keys: pd.DataFrame, key_ok, header: str, found: Found) -> np.ndarray:
    """Rows repeating an earlier row's indicator, group and date: the later one is wrong."""
    candidates = keys[key_ok]
    repeated = candidates.duplicated(subset=_KEY, keep="first")
    duplicate = np.zeros(len(keys), dtype=bool)
    if not repeated.any():
        return duplicate
    first_row = candidates.groupby(_KEY, sort=False)["row"].transform("first").to_numpy()
    first_of = np.zeros(len(keys), dtype="int64")
    first_of[np.flatnonzero(key_ok)] = first_row
    duplicate[np.flatnonzero(key_ok)[repeated.to_numpy()]] = True
    message = _("Row %(row)s already has this indicator, group and date.")
    found.add(duplicate, header, lambda i: message % {"row": first_of[i]})
    return duplicate


def _check_existing(keys, candidates, header: str, context: Context, found: Found) -> np.ndarray:
    """Rows the database already holds: the same value is skipped, another value is a problem."""
    present = np.zeros(len(keys), dtype=bool)
    if not context.existing or not candidates.any():
        return present
    stored = list(context.existing)
    count = len(stored)
    # Plain comprehensions: numpy converting date objects itself is several times slower.
    database = pd.DataFrame(
        {
            "indicator_id": np.fromiter((key[0] for key in stored), dtype="int64", count=count),
            "level": [key[1][0] for key in stored],
            "group_key": [key[1][1] for key in stored],
            "day": np.fromiter((key[2].toordinal() for key in stored), "int64", count) - _EPOCH,
            # The database holds at most 4 decimals, so this is exact.
            "stored": [int(value.scaleb(4)) for value in context.existing.values()],
        }
    )
    rows = keys[candidates].assign(position=np.flatnonzero(candidates))
    matched = rows.merge(database, on=_KEY, how="inner")
    same = (matched["scaled"] == matched["stored"]).to_numpy()
    present[matched["position"].to_numpy()[same]] = True
    differs = np.zeros(len(keys), dtype=bool)
    differs[matched["position"].to_numpy()[~same]] = True
    stored_value = np.zeros(len(keys), dtype="int64")
    stored_value[matched["position"].to_numpy()] = matched["stored"].to_numpy()
    days = keys["day"].to_numpy()
    message = _("The database already has a different value %(value)s on %(date)s.")
    found.add(
        differs,
        header,
        lambda i: message % {"value": localized(stored_value[i]), "date": _date_text(days[i])},
    )
    return present
