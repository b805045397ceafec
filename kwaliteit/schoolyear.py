"""School years run from 1 August to 31 July (the Dutch and Flemish rhythm)."""

from dataclasses import dataclass
from datetime import date, timedelta

FIRST_MONTH = 8


@dataclass(frozen=True, order=True)
class SchoolYear:
    start_year: int

    @classmethod
    def of(cls, day: date) -> "SchoolYear":
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @classmethod
    def parse(cls, label: str) -> "SchoolYear":
        """'2025-2026' → SchoolYear(2025); raises ValueError on anything else."""
        first, _, second = label.partition("-")
        if not (first.isdigit() and second.isdigit() and int(second) == int(first) + 1):
            raise ValueError(label)
        return cls(int(first))

    @property
    def first_day(self) -> date:
        return date(self.start_year, FIRST_MONTH, 1)

    @property
    def last_day(self) -> date:
        return date(self.start_year + 1, FIRST_MONTH, 1) - timedelta(days=1)

    def __contains__(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def __str__(self):
        return f"{self.start_year}-{self.start_year + 1}"

    def month_date(self, month: int) -> date:
        """The first day of a month within this school year."""
        year = self.start_year if month >= FIRST_MONTH else self.start_year + 1
        return date(year, month, 1)
