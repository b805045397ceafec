"""Where an indicator stands: its latest values against the norm, and missed collection moments.

Pure functions over plain data, so the dataplan page and the PDF agree and tests need no database.
"""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from kwaliteit import numbers
from kwaliteit.schoolyear import DEFAULT_START, SchoolYear

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
    """`latest` holds the groups the value and the norm check are about; `out_of_date` the groups
    whose latest measurement is too old to say anything about now (shown, never counted)."""

    state: str
    latest: list = field(default_factory=list)
    value: Decimal | None = None
    breaching: list = field(default_factory=list)
    missed_months: list = field(default_factory=list)
    last_measured_on: date | None = None
    out_of_date: list = field(default_factory=list)

    @property
    def needs_action(self):
        return self.state == ACTION

    @property
    def group_count(self):
        return len(self.latest)

    @property
    def total_groups(self):
        return len(self.latest) + len(self.out_of_date)


def missed_moments(collection_months, measured, today, *, since=None, start=DEFAULT_START):
    """The first days of the collection moments that ended without a measurement, oldest first.

    A moment is a collection month of a school year (starting on `start`, month and day). It
    counts as missed from the end of its month until the end of the month after it or the end of
    its school year, whichever is later: every moment stays missed for the rest of its year, and
    the year's last month (July in the Netherlands) is still missed, and reminded, during the
    first month of the next year instead of being forgotten on its first day. A moment that ended
    before `since` (the day the indicator was created) cannot have been missed. `measured` holds
    the first days of the months in which something was measured.
    """
    current = SchoolYear.of(today, start)
    missed = []
    for year in (current.shifted(-1), current):
        for month in year.months():
            if month not in collection_months:
                continue
            first = year.month_date(month)
            end = month_end(first)
            existed = since is None or (first.year, first.month) >= (since.year, since.month)
            if end < today <= counts_until(year, first) and existed and first not in measured:
                missed.append(first)
    return missed


def missed_months(collection_months, measured, today, *, since=None, start=DEFAULT_START):
    """The months of the missed collection moments (see missed_moments), oldest first."""
    moments = missed_moments(collection_months, measured, today, since=since, start=start)
    return [day.month for day in moments]


def counts_until(year, first):
    """The last day a collection moment (the month starting on `first`, in school year `year`)
    can count as missed: the end of the month after it or of its school year, whichever is
    later."""
    return max(month_end(month_end(first) + timedelta(days=1)), year.last_day)


def month_end(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])


def created_on(indicator) -> date | None:
    """The local day the indicator was created (None while it is not saved)."""
    return timezone.localdate(indicator.created_at) if indicator.created_at else None


def indicator_status(indicator, latest, measured, today, *, start=DEFAULT_START) -> IndicatorStatus:
    """The indicator's state: no data, asks for action (a group breaches the norm), or ok.
    `measured`: first days of the months with a measurement; `start`: the school year's start."""
    if not indicator.is_active:
        return IndicatorStatus(INACTIVE, latest=sorted(latest, key=_by_group))
    missed = missed_months(
        indicator.collection_months, measured, today, since=created_on(indicator), start=start
    )
    if not latest:
        return IndicatorStatus(NO_DATA, missed_months=missed)
    newest = max(item.measured_on for item in latest)
    # A group last measured over a year ago (a class that no longer exists, a group skipped this
    # year) says nothing about now: it is listed apart and left out of the mean and the norm
    # check. When every group is that old, the groups of the newest year are the ones shown.
    reference = today if (today - newest).days <= CURRENT_DAYS else newest
    current, old = [], []
    for item in sorted(latest, key=_by_group):
        (current if (reference - item.measured_on).days <= CURRENT_DAYS else old).append(item)
    values = [item.value for item in current]
    mean = sum(values, Decimal(0)) / len(values)
    breaching = [item for item in current if indicator.breaches(item.value)]
    state = ACTION if breaching else OK
    if reference != today:
        state = OUTDATED
    return IndicatorStatus(
        state,
        latest=current,
        value=mean.quantize(Decimal("0.1")),
        breaching=breaching,
        missed_months=missed,
        last_measured_on=newest,
        out_of_date=old,
    )


def _by_group(item):
    return item.group_name.casefold()


def definition_problems(*, kind, scale_min, scale_max, norm, target) -> dict:
    """field → message for a norm, target or scale that the indicator's kind or scale refuses:
    the indicator service refuses new values with it, the settings page lists stored rows that
    break it."""
    problems = {}
    if kind == "percentage":
        for name, value in (("scale_min", scale_min), ("scale_max", scale_max)):
            if value is not None and not 0 <= value <= 100:
                problems[name] = _("A percentage lies between 0 and 100.")
    if scale_min is not None and scale_max is not None and scale_min >= scale_max:
        scale_min = scale_max = None  # the form names that mistake on the scale itself
    for name, value in (("norm", norm), ("target", target)):
        if value is None:
            continue
        if kind == "percentage" and not 0 <= value <= 100:
            problems[name] = _("A percentage lies between 0 and 100.")
        elif kind == "count" and value < 0:
            problems[name] = _("A count cannot be negative.")
        elif (scale_min is not None and value < scale_min) or (
            scale_max is not None and value > scale_max
        ):
            problems[name] = _outside_scale(scale_min, scale_max)
    return problems


def _outside_scale(low, high):
    if low is None:
        return _("This lies outside the scale: choose at most %(max)s.") % {
            "max": numbers.localized(high)
        }
    if high is None:
        return _("This lies outside the scale: choose at least %(min)s.") % {
            "min": numbers.localized(low)
        }
    return _("This lies outside the scale: choose from %(min)s to %(max)s.") % {
        "min": numbers.localized(low),
        "max": numbers.localized(high),
    }
