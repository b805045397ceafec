"""The leader's dashboard: reading the figures of one school, the planlast, and their export.

The figures come from every app through `hooks.school_figures` (`kwaliteit.figures.collect`),
grouped by their FigureType's group; each figure links to its drill-down page when an app offers
the objects behind it (`hooks.figure_objects`). The core's own part is the planlast: how many
deadlines each person carries per month, from one call of `kwaliteit.dated.items` — shown only
to those who may see figures about named colleagues (`dashboard.people`), never in a roll-up.
The core also offers one figure of its own: the vision versions adopted in the period.
"""

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import charts, dated, figures, hooks, numbers
from .dated import Remind
from .figures import FigureType, Row, Rows, Value
from .models import User, VisionVersion

logger = logging.getLogger(__name__)

NO_DATA = "—"
# What counts as a deadline in the planlast: a date by which someone has to have done something.
# (Awaiting items — a draft waiting for adoption — have no deadline; they wait from their start.)
DEADLINES = frozenset({Remind.DEADLINE, Remind.MISSED})


# --- showing a figure ------------------------------------------------------------------------


def shown(kind, value):
    """A Value as the dashboard and its drill-down show it: "12 van 15, 80%", "3,2", "—"."""
    if value is None or value.value is None:
        return NO_DATA
    number = numbers.localized(value.value)
    if kind.unit == figures.PERCENT:
        percent = f"{number}%"
        if value.numerator is None or value.denominator is None:
            return percent
        return _("%(numerator)s of %(denominator)s, %(percent)s") % {
            "numerator": numbers.localized(value.numerator),
            "denominator": numbers.localized(value.denominator),
            "percent": percent,
        }
    if kind.unit == figures.DAYS:
        count = int(value.value) if value.value == int(value.value) else 2
        return ngettext("%(days)s day", "%(days)s days", count) % {"days": number}
    return number


def shown_cell(value):
    """A cell of a drill-down row: numbers the language's way, dates d-m-Y, None as "—"."""
    if value is None or value == "":
        return NO_DATA
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | Decimal | float):
        return numbers.localized(Decimal(str(value)))
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def query(period, team_id):
    """The query string that chooses this period and team again."""
    params = dict(period.params())
    if team_id is not None:
        params["team"] = team_id
    return urlencode(params)


@dataclass
class Shown:
    type: FigureType
    value: Value | None
    url: str  # its drill-down page, or "" when no app lists the objects behind it
    trend: list = field(default_factory=list)  # Values with a month, in order

    @property
    def text(self):
        return shown(self.type, self.value)

    @property
    def has_data(self):
        return self.value is not None and self.value.value is not None


@dataclass
class Group:
    label: str
    figures: list


@dataclass
class Figures:
    groups: list
    failed: bool  # a provider failed: some figures are missing


def figure_url(school, key, period, team_id):
    url = reverse("kwaliteit:figure", args=[school.slug, key])
    return f"{url}?{query(period, team_id)}"


def figures_for(*, school, period, team_id=None):
    """The school's figures for the period, grouped as the types say, in registration order.

    A figure without a value reads "—" (no data, never 0); the types of a provider that failed
    are left out (and `failed` says so)."""
    values, failed = figures.collect(school_ids=[school.id], period=period, team_id=team_id)
    broken = {kind.key for func in failed for kind in getattr(func, "figure_types", [])}
    totals, trends = {}, defaultdict(list)
    for value in values:
        if value.school_id != school.id:
            continue
        if value.month is None:
            totals[value.key] = value
        else:
            trends[value.key].append(value)
    drill = set(hooks.figure_objects.keys())
    groups = {}
    for key, kind in figures.figure_types().items():
        if key in broken:
            continue
        url = figure_url(school, key, period, team_id) if key in drill else ""
        trend = sorted(trends.get(key, []), key=lambda value: value.month)
        figure = Shown(kind, totals.get(key), url, trend)
        label = str(kind.group) or _("Other figures")
        groups.setdefault(label, Group(label, [])).figures.append(figure)
    return Figures(list(groups.values()), bool(failed))


# --- the planlast ----------------------------------------------------------------------------


@dataclass
class PersonLoad:
    name: str
    counts: list  # per month of the period
    total: int


@dataclass
class PlanLoad:
    months: list  # the first day of every month of the period
    people: list  # PersonLoad, busiest first
    totals: list  # per month, over everyone
    failed: bool  # a dated-items provider failed: some deadlines are missing

    @property
    def total(self):
        return sum(self.totals)

    @property
    def busiest(self):
        return max((count for person in self.people for count in person.counts), default=0)


def planlast(*, school, period, team_id=None):
    """How many deadlines (dated items that wait for someone by a date) each person carries per
    month of the period, done or not: one call of dated.items and one query for the names.

    An item that waits for several people counts for each of them. With a team, only the items
    of that team count (items that name no team are left out)."""
    items, failed = dated.items(
        school_ids=[school.id], start=period.start, end=period.end, open_only=False
    )
    counts = defaultdict(Counter)
    for item in items:
        if item.school_id != school.id or item.remind not in DEADLINES or not item.waits_for:
            continue
        if item.date not in period:
            continue
        if team_id is not None and team_id not in item.team_ids:
            continue
        month = item.date.replace(day=1)
        for person in set(item.waits_for):
            counts[person][month] += 1
    names = dict(User.objects.filter(pk__in=list(counts)).values_list("pk", "full_name"))
    months = period.months()
    people = [
        PersonLoad(
            name=names.get(person) or _("someone who has left"),
            counts=[per_month.get(month, 0) for month in months],
            total=sum(per_month.values()),
        )
        for person, per_month in counts.items()
    ]
    people.sort(key=lambda load: (-load.total, load.name.lower()))
    totals = [sum(load.counts[index] for load in people) for index in range(len(months))]
    return PlanLoad(months, people, totals, bool(failed))


def planlast_chart(load):
    """The planlast's months as bars: deadlines per month over everyone (the names are in the
    table, not in the chart)."""
    bars = [
        charts.Bar(date_format(month, "YEAR_MONTH_FORMAT"), total)
        for month, total in zip(load.months, load.totals, strict=True)
    ]
    return charts.bars(
        _("Deadlines per month"),
        _("How many deadlines fall in each month of the period, for everyone together."),
        bars,
    )


# --- a figure's objects: the drill-down table and its export --------------------------------


def _cells(found, row):
    cells = list(row.cells)[: len(found.columns)]
    return cells + [None] * (len(found.columns) - len(cells))


def _dated(found):
    return any(row.date is not None for row in found.rows)


def figure_table(found):
    """Headings and rows as the drill-down page shows them."""
    dated_rows = _dated(found)
    return {
        "columns": [str(column) for column in found.columns],
        "dated": dated_rows,
        "rows": [
            {
                "title": row.title,
                "url": row.url,
                "date": shown_cell(row.date) if dated_rows else "",
                # (heading, value): on a phone each cell says which column it is
                "cells": list(
                    zip(
                        [str(column) for column in found.columns],
                        [shown_cell(cell) for cell in _cells(found, row)],
                        strict=False,
                    )
                ),
            }
            for row in found.rows
        ],
    }


def figure_headers(found):
    dates = [_("Date")] if _dated(found) else []
    return [_("Title"), *dates, *[str(column) for column in found.columns], _("Link")]


def figure_rows(found, absolute):
    """The rows for the export; absolute(url) makes a link that works outside the site."""
    dated_rows = _dated(found)
    for row in found.rows:
        dates = [row.date] if dated_rows else []
        link = absolute(row.url) if row.url else ""
        yield [row.title, *dates, *_cells(found, row), link]


# --- the export: one row per figure ----------------------------------------------------------


def export_headers():
    return [
        _("Group"),
        _("Figure"),
        _("Month"),
        _("Value"),
        _("Counted"),
        _("Out of"),
        _("Unit"),
        _("From"),
        _("To"),
    ]


UNIT_LABELS = {
    figures.COUNT: gettext_lazy("number"),
    figures.PERCENT: gettext_lazy("percent"),
    figures.SCORE: gettext_lazy("score"),
    figures.DAYS: gettext_lazy("days"),
}


def export_rows(shown_figures, period, load=None):
    """Every figure of the dashboard as a row (a trend adds a row per month); the planlast as a
    row per person and month, when given."""
    for group in shown_figures.groups:
        for figure in group.figures:
            unit = str(UNIT_LABELS.get(figure.type.unit, figure.type.unit))
            for value in [figure.value, *figure.trend]:
                if value is None:
                    value = Value(0, figure.type.key, None)
                yield [
                    group.label,
                    str(figure.type.label),
                    value.month,
                    value.value,
                    value.numerator,
                    value.denominator,
                    unit,
                    period.start,
                    period.end,
                ]
    if load is None:
        return
    label = _("Deadlines per person (planlast)")
    unit = str(UNIT_LABELS[figures.COUNT])
    for person in load.people:
        for month, count in zip(load.months, person.counts, strict=True):
            yield [label, person.name, month, count, None, None, unit, period.start, period.end]


# --- the core's own figure: vision versions adopted in the period ----------------------------

VISION_ADOPTIONS = "kwaliteit.vision_adoptions"


VISION_TYPES = [
    FigureType(
        VISION_ADOPTIONS,
        gettext_lazy("Vision versions adopted"),
        figures.COUNT,
        group=gettext_lazy("Vision"),
        help=gettext_lazy("Versions of the vision a leader adopted in the period."),
    )
]


def vision_figures(*, school_ids, period, team_id=None):
    """How many vision versions each school adopted in the period (the vision is the whole
    school's: a team filter changes nothing). One query for all schools; registered from
    providers.py with VISION_TYPES."""
    adopted = dict(
        VisionVersion.objects.filter(
            school_id__in=school_ids,
            status=VisionVersion.Status.ADOPTED,
            adopted_on__gte=period.start,
            adopted_on__lte=period.end,
        )
        .order_by()
        .values("school_id")
        .annotate(count=Count("id"))
        .values_list("school_id", "count")
    )
    for school_id in school_ids:
        yield Value(school_id, VISION_ADOPTIONS, adopted.get(school_id, 0))


def vision_adoption_objects(*, school, period, team_id, user):
    """The vision versions adopted in the period: everyone who reads the vision sees them."""
    versions = (
        VisionVersion.objects.filter(
            school=school,
            status=VisionVersion.Status.ADOPTED,
            adopted_on__gte=period.start,
            adopted_on__lte=period.end,
        )
        .select_related("adopted_by")
        .order_by("adopted_on", "number")
    )
    rows = [
        Row(
            title=str(version),
            url=reverse("kwaliteit:vision-version", args=[school.slug, version.number]),
            cells=(version.number, version.adopted_by.full_name if version.adopted_by else ""),
            date=version.adopted_on,
        )
        for version in versions
    ]
    return Rows(columns=(_("Version"), _("Adopted by")), rows=rows)
