"""Plain data going into and coming out of an import: no database, no Django models."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pandas as pd

from kwaliteit.schoolyear import SchoolYear

# The columns of Result.rows, in order; the index holds the file's row numbers.
ROW_COLUMNS = ("indicator_id", "level", "group_name", "date", "value", "note")


@dataclass(frozen=True)
class IndicatorSpec:
    """What validation needs to know about one indicator."""

    id: int
    name: str
    kind: str
    scale_min: Decimal | None
    scale_max: Decimal | None
    level: str


@dataclass
class Context:
    """What the caller loaded from the database for one import."""

    indicators: dict[str, IndicatorSpec]  # key: name.casefold()
    fixed_indicator: IndicatorSpec | None
    groups: dict[tuple[str, str], int]  # (level, name.casefold()) -> group id
    school_year: SchoolYear
    # (indicator id, (level, group name casefold), date) -> value already in the database
    existing: dict[tuple[int, tuple[str, str], date], Decimal] = field(default_factory=dict)
    # (level, name.casefold()) -> the group's name as stored, for proposals that name it
    group_names: dict[tuple[str, str], str] = field(default_factory=dict)
    # (level, name in the file casefolded) -> the existing group's name the user matched it to
    group_aliases: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """One thing the user must fix; row and column as they appear in the file."""

    row: int | None
    column: str | None
    message: str


def empty_rows() -> pd.DataFrame:
    """Result.rows when nothing may be saved."""
    frame = pd.DataFrame({name: pd.Series(dtype=object) for name in ROW_COLUMNS})
    return frame.astype({"indicator_id": "int64"})


@dataclass
class Result:
    """The validation report, and the rows ready to save when there is no problem."""

    problems: list[Problem]
    more_problems: int
    # indicator_id (int), level, group_name (as written; "" = whole school), date (datetime.date),
    # value (str, plain decimal with at most 4 decimals), note; index = file row number.
    rows: pd.DataFrame
    new_groups: list[tuple[str, str]]
    already_present: int
    row_count: int
    # When only some rows have problems: the other rows, ready to save, the file row numbers
    # of the rows with problems, and the groups the kept rows introduce.
    good_rows: pd.DataFrame = field(default_factory=empty_rows)
    skipped_rows: list[int] = field(default_factory=list)
    good_new_groups: list[tuple[str, str]] = field(default_factory=list)
    # New groups that look like an existing one: (level, name in the file, existing name).
    similar_groups: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def can_skip(self) -> bool:
        """Whether saving the good rows and skipping the others is a choice."""
        return bool(self.skipped_rows) and not self.good_rows.empty

    @property
    def ok(self) -> bool:
        return not self.problems
