"""Reads of the dataplan, always scoped to one school; query counts do not grow with the data."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import F, Max, Min, Window
from django.db.models.functions import RowNumber, TruncMonth
from django.http import Http404
from django.utils import timezone

from kwaliteit import clock
from kwaliteit.schoolyear import SchoolYear

from .models import DataImport, DataplanSettings, Decision, Group, Indicator, Measurement
from .status import Latest, definition_problems, indicator_status

DECISION_WINDOW_DAYS = 365


@dataclass
class PlanRow:
    indicator: Indicator
    status: object
    last_decision_on: object


def settings_for(*, school) -> DataplanSettings:
    return DataplanSettings.objects.filter(school=school).first() or DataplanSettings(school=school)


def latest_per_group(*, indicator_ids, since=None, until=None):
    """indicator id → the newest measurement of each of its groups, in one query.

    since/until (dates, inclusive): only measurements taken then count (a period's end, the
    last year before it), for any number of schools' indicators at once."""
    measurements = Measurement.objects.filter(indicator_id__in=indicator_ids)
    if since is not None:
        measurements = measurements.filter(measured_on__gte=since)
    if until is not None:
        measurements = measurements.filter(measured_on__lte=until)
    if connection.vendor == "postgresql":
        # DISTINCT ON walks the (indicator, group, -date) index: several times faster.
        newest = measurements.order_by("indicator_id", "group_id", "-measured_on").distinct(
            "indicator_id", "group_id"
        )
    else:
        newest = measurements.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("indicator_id"), F("group_id")],
                order_by=F("measured_on").desc(),
            )
        ).filter(rank=1)
    ranked = newest.values_list(
        "indicator_id", "group_id", "group__name", "measured_on", "value", "note"
    )
    result = defaultdict(list)
    for indicator_id, group_id, group_name, measured_on, value, note in ranked:
        result[indicator_id].append(Latest(group_id, group_name, measured_on, value, note))
    return result


def measured_months(*, indicator_ids, today):
    """indicator id → the first days of the months of the past year in which something was
    measured: every collection moment that can still count as missed lies among them, whatever
    day the school's year starts."""
    since = date(today.year - 1, today.month, 1)
    rows = (
        Measurement.objects.filter(
            indicator_id__in=indicator_ids, measured_on__range=(since, today)
        )
        .annotate(month=TruncMonth("measured_on"))
        .values_list("indicator_id", "month")
        .distinct()
    )
    result = defaultdict(set)
    for indicator_id, month in rows:
        result[indicator_id].add(month)
    return result


def plan_rows(*, school, active_only=False):
    """Every indicator of the school with its status: the dataplan at a glance."""
    indicators = (
        Indicator.objects.filter(school=school)
        .select_related("owner")
        .annotate(last_decision_on=Max("decisions__decided_on"))
        .order_by("-is_active", "name")
    )
    if active_only:
        indicators = indicators.filter(is_active=True)
    indicators = list(indicators)
    ids = [indicator.id for indicator in indicators]
    today = clock.today()
    latest = latest_per_group(indicator_ids=ids)
    months = measured_months(indicator_ids=ids, today=today)
    return [
        PlanRow(
            indicator=indicator,
            status=indicator_status(
                indicator,
                latest.get(indicator.id, []),
                months.get(indicator.id, set()),
                today,
                start=school.year_start,
            ),
            last_decision_on=indicator.last_decision_on,
        )
        for indicator in indicators
    ]


@dataclass
class Misfit:
    indicator: Indicator
    problems: list  # [(field label, message), …]


def indicators_outside_their_scale(*, school):
    """Stored indicators whose norm, target or scale their kind or scale refuses (rows saved
    before the form checked it): listed so that someone fixes each one."""
    indicators = Indicator.objects.filter(school=school).only(
        "name", "kind", "scale_min", "scale_max", "norm", "target"
    )
    misfits = []
    for indicator in indicators.order_by("name"):
        problems = definition_problems(
            kind=indicator.kind,
            scale_min=indicator.scale_min,
            scale_max=indicator.scale_max,
            norm=indicator.norm,
            target=indicator.target,
        )
        if problems:
            labels = {name: Indicator._meta.get_field(name).verbose_name for name in problems}
            misfits.append(
                Misfit(indicator, [(labels[name], text) for name, text in problems.items()])
            )
    return misfits


def without_recent_decision(rows, *, today=None):
    """Active indicators that led to no decision in the last year: candidates to drop."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=DECISION_WINDOW_DAYS)
    return [
        row
        for row in rows
        if row.indicator.is_active
        and (row.last_decision_on is None or row.last_decision_on < cutoff)
    ]


def indicator_get(*, school, pk) -> Indicator:
    indicator = (
        Indicator.objects.filter(school=school, pk=pk).select_related("owner", "school").first()
    )
    if indicator is None:
        raise Http404
    return indicator


def indicator_row(*, indicator) -> PlanRow:
    today = clock.today()
    latest = latest_per_group(indicator_ids=[indicator.id]).get(indicator.id, [])
    months = measured_months(indicator_ids=[indicator.id], today=today).get(indicator.id, set())
    last = indicator.decisions.aggregate(last=Max("decided_on"))["last"]
    status = indicator_status(indicator, latest, months, today, start=indicator.school.year_start)
    return PlanRow(indicator, status, last)


def series_for(*, indicator, group_ids):
    """group id → [(date, value), …] for the chosen groups, oldest first."""
    rows = (
        Measurement.objects.filter(indicator=indicator, group_id__in=group_ids)
        .order_by("measured_on")
        .values_list("group_id", "measured_on", "value")
    )
    result = defaultdict(list)
    for group_id, measured_on, value in rows:
        result[group_id].append((measured_on, value))
    return result


def measurements_in_year(*, indicator, year: SchoolYear):
    return (
        Measurement.objects.filter(
            indicator=indicator, measured_on__range=(year.first_day, year.last_day)
        )
        .select_related("group")
        .order_by("-measured_on", "group__name")
    )


def measurement_place(*, measurement, per_page):
    """The school year and the page of that year's list on which a measurement appears."""
    year = measurement.indicator.school.school_year(measurement.measured_on)
    listed = measurements_in_year(indicator=measurement.indicator, year=year)
    position = list(listed.values_list("pk", flat=True)).index(measurement.pk)
    return year, position // per_page + 1


def school_years_with_data(*, indicator):
    """The school years in which the indicator has measurements, newest first."""
    dates = indicator.measurements.aggregate(first=Min("measured_on"), last=Max("measured_on"))
    if not dates["last"]:
        return []
    first = indicator.school.school_year(dates["first"])
    last = indicator.school.school_year(dates["last"])
    return [last.shifted(-back) for back in range(last.start_year - first.start_year + 1)]


def groups_for(*, school, level):
    return Group.objects.filter(school=school, level=level).order_by("name")


def decisions_for(*, indicator):
    return Decision.objects.filter(indicator=indicator).select_related("created_by")[:20]


def measurement_get(*, school, pk) -> Measurement:
    measurement = (
        Measurement.objects.filter(indicator__school=school, pk=pk)
        .select_related("indicator__school", "group")
        .first()
    )
    if measurement is None:
        raise Http404
    return measurement


def import_get(*, school, import_id) -> DataImport:
    data_import = (
        DataImport.objects.filter(school=school, id=import_id)
        .select_related("indicator", "job")
        .first()
    )
    if data_import is None:
        raise Http404
    return data_import


def export_rows(*, school, indicator=None):
    """Measurements for export, oldest first, as plain tuples (streamed, not loaded at once)."""
    measurements = Measurement.objects.filter(indicator__school=school)
    if indicator is not None:
        measurements = measurements.filter(indicator=indicator)
    return (
        measurements.order_by("indicator__name", "measured_on", "group__name")
        .values_list(
            "indicator__name",
            "group__level",
            "group__name",
            "measured_on",
            "value",
            "indicator__unit",
            "note",
        )
        .iterator(chunk_size=5000)
    )


def groups_with_counts(*, school):
    """The school's groups by level and name, each with its number of measurements."""
    from django.db.models import Count

    return list(
        Group.objects.filter(school=school)
        .annotate(measurement_count=Count("measurements"))
        .order_by("level", "name")
    )
