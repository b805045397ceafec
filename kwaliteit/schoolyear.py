"""School years: each school's year starts on a day it sets (1 August in the Netherlands,
1 September in Flanders, another day for a programme that chooses one).

A year is named by the calendar year it starts in ("2025-2026"). A start is a (month, day) pair;
callers without a school get the Dutch default. Dates never change when a school moves its start:
only how they group into years does.
"""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

DUTCH_START = (8, 1)
FLEMISH_START = (9, 1)
DEFAULT_START = DUTCH_START


def start_problem(month, day) -> str | None:
    """Why (month, day) cannot start a school year, or None. 29 February is refused: the year
    would start on another day three years out of four."""
    if not isinstance(month, int) or not 1 <= month <= 12:
        return _("Choose a month from January to December.")
    if month == 2 and day == 29:
        return _("29 February does not exist every year: choose 28 February or 1 March.")
    last = monthrange(2001, month)[1]  # a year without 29 February
    if not isinstance(day, int) or not 1 <= day <= last:
        return _("There is no %(day)s %(month)s: choose a day from 1 to %(last)s.") % {
            "month": MONTHS[month],
            "day": day,
            "last": last,
        }
    return None


@dataclass(frozen=True, order=True)
class SchoolYear:
    """A school year; `start` is not compared: a school's years all share one start, and a label
    such as "2025-2026" names the same year whatever the start."""

    start_year: int
    start: tuple[int, int] = field(default=DEFAULT_START, compare=False)

    @classmethod
    def of(cls, day: date, start: tuple[int, int] = DEFAULT_START) -> "SchoolYear":
        """The school year that holds `day`, for a year that starts on `start` (month, day)."""
        start = tuple(start)
        return cls(day.year if (day.month, day.day) >= start else day.year - 1, start)

    @classmethod
    def parse(cls, label: str, start: tuple[int, int] = DEFAULT_START) -> "SchoolYear":
        """'2025-2026' → SchoolYear(2025); raises ValueError on anything else."""
        first, _sep, second = label.partition("-")
        if not (first.isdigit() and second.isdigit() and int(second) == int(first) + 1):
            raise ValueError(label)
        return cls(int(first), tuple(start))

    @property
    def first_day(self) -> date:
        return date(self.start_year, *self.start)

    @property
    def last_day(self) -> date:
        return date(self.start_year + 1, *self.start) - timedelta(days=1)

    def __contains__(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def __str__(self):
        return f"{self.start_year}-{self.start_year + 1}"

    def shifted(self, years: int) -> "SchoolYear":
        """The school year `years` later (earlier when negative), with the same start."""
        return SchoolYear(self.start_year + years, self.start)

    def month_date(self, month: int) -> date:
        """The first day of a month within this school year; the month the year starts in
        belongs to it, even when the year starts later in that month."""
        year = self.start_year if month >= self.start[0] else self.start_year + 1
        return date(year, month, 1)

    def months(self) -> list[int]:
        """The twelve months in the order this year runs through them."""
        first = self.start[0]
        return [(first - 1 + offset) % 12 + 1 for offset in range(12)]


def year_start_of(school) -> tuple[int, int]:
    """The (month, day) a school's year starts on; the Dutch default without a school."""
    if school is None:
        return DEFAULT_START
    return (school.year_start_month, school.year_start_day)


def school_year_of(school, day: date) -> SchoolYear:
    """The school year of `school` (or the default year without one) that holds `day`."""
    return SchoolYear.of(day, start=year_start_of(school))
