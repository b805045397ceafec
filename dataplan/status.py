"""Where an indicator stands: its latest values against the norm, and missed collection moments.

Pure functions over plain data, so the dataplan page and the PDF agree and tests need no database.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kwaliteit.schoolyear import SchoolYear

NO_DATA = "no_data"
ACTION = "action"
OK = "ok"
OUTDATED = "outdated"  # the newest measurement is over a year old: it says nothing about now
INACTIVE = "inactive"
CURRENT_DAYS = 365


@dataclass(frozen=True)
class Latest:
    """The newest measurement of one group."""

    group_id: int
    group_name: str
    measured_on: date
    value: Decimal
    note: str = ""


@dataclass
class IndicatorStatus:
    state: str
    latest: list = field(default_factory=list)
    value: Decimal | None = None
    breaching: list = field(default_factory=list)
    missed_months: list = field(default_factory=list)
    last_measured_on: date | None = None

    @property
    def needs_action(self):
        return self.state == ACTION

    @property
    def group_count(self):
        return len(self.latest)


def missed_months(collection_months, measured_months, today):
    """Collection months of this school year that have ended without any measurement."""
    year = SchoolYear.of(today)
    missed = []
    for month in sorted(collection_months, key=lambda m: year.month_date(m)):
        start = year.month_date(month)
        ended = (start.year, start.month) < (today.year, today.month)
        if ended and month not in measured_months:
            missed.append(month)
    return missed


def indicator_status(indicator, latest, measured_months, today) -> IndicatorStatus:
    """The indicator's state: no data, asks for action (a group breaches the norm), or ok."""
    if not indicator.is_active:
        return IndicatorStatus(INACTIVE, latest=sorted(latest, key=_by_group))
    missed = missed_months(indicator.collection_months, measured_months, today)
    if not latest:
        return IndicatorStatus(NO_DATA, missed_months=missed)
    # A group last measured more than a year before the newest measurement (a class that no
    # longer exists) says nothing about now.
    newest = max(item.measured_on for item in latest)
    latest = sorted(
        (item for item in latest if (newest - item.measured_on).days <= CURRENT_DAYS), key=_by_group
    )
    values = [item.value for item in latest]
    mean = sum(values, Decimal(0)) / len(values)
    breaching = [item for item in latest if indicator.breaches(item.value)]
    state = ACTION if breaching else OK
    if (today - newest).days > CURRENT_DAYS:
        state = OUTDATED
    return IndicatorStatus(
        state,
        latest=latest,
        value=mean.quantize(Decimal("0.1")),
        breaching=breaching,
        missed_months=missed,
        last_measured_on=newest,
    )


def _by_group(item):
    return item.group_name.casefold()
