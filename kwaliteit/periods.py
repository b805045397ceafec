"""A period a dashboard, a roll-up or a report is about: this school year, last year or a range.

The choice travels in the URL (`?periode=dit-jaar`, `?periode=vorig-jaar`,
`?periode=eigen&van=01-09-2025&tot=31-12-2025`), so a dashboard can be bookmarked and shared;
`kwaliteit.forms.PeriodForm` reads it and refuses a range that ends before it starts or spans
more than MAX_YEARS years.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .schoolyear import SchoolYear

MAX_YEARS = 5

THIS_YEAR = "dit-jaar"
LAST_YEAR = "vorig-jaar"
CUSTOM = "eigen"
CHOICES = [
    (THIS_YEAR, _("This school year")),
    (LAST_YEAR, _("Last school year")),
    (CUSTOM, _("Another period")),
]


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    key: str = CUSTOM

    @classmethod
    def school_year(cls, school, today, *, years_back=0):
        """The school's year that holds today (years_back=1: the one before)."""
        return cls.year_from(school.year_start, today, years_back=years_back)

    @classmethod
    def year_from(cls, start, today, *, years_back=0):
        """The school year starting on `start` (month, day) that holds today, or one before."""
        year = SchoolYear.of(today, start).shifted(-years_back)
        return cls(year.first_day, year.last_day, THIS_YEAR if years_back == 0 else LAST_YEAR)

    @property
    def label(self):
        if self.key == THIS_YEAR:
            return _("this school year")
        if self.key == LAST_YEAR:
            return _("last school year")
        first, last = (date_format(day, "SHORT_DATE_FORMAT") for day in (self.start, self.end))
        return f"{first} – {last}"

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def __contains__(self, day):
        return self.start <= day <= self.end

    def months(self):
        """The first day of every month the period touches, in order."""
        months, day = [], self.start.replace(day=1)
        while day <= self.end:
            months.append(day)
            day = (day + timedelta(days=32)).replace(day=1)
        return months

    def previous(self):
        """The period of the same length just before this one (a trend's point of comparison)."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end, CUSTOM)

    def params(self):
        """The query parameters that choose this period again (for links and exports)."""
        if self.key in (THIS_YEAR, LAST_YEAR):
            return {"periode": self.key}
        return {
            "periode": CUSTOM,
            "van": self.start.strftime("%d-%m-%Y"),
            "tot": self.end.strftime("%d-%m-%Y"),
        }
