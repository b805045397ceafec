"""Reads for the annual quality report: the reports a person may see and a report's chapters."""

from dataclasses import dataclass

from django.db.models import Min
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from . import figures, hooks
from .models import AnnualReport, Membership
from .periods import Period
from .permissions import role_can, role_in_school
from .refs import ObjectInfo, int_ids
from .reports import Section
from .schoolyear import SchoolYear


@dataclass(frozen=True)
class Chapter:
    """One chapter as page and PDF show it: its generated part already rendered."""

    section: Section
    html: SafeString  # the generated part, or "" when the chapter says it has no data
    narrative: str  # what people wrote (plain text; escaped where it is shown)

    @property
    def key(self):
        return self.section.key

    @property
    def anchor(self):
        return "hoofdstuk-" + "".join(c if c.isalnum() else "-" for c in self.section.key)


def reports_list(*, school, with_drafts):
    """Every report of the school, newest year first, drafts only for those who see them."""
    return (
        AnnualReport.objects.filter(school=school)
        .visible(with_drafts=with_drafts)
        .select_related("created_by", "adopted_by", "document")
        .order_by("-start_year", "status", "-number")
    )


def report_get(*, school, pk, with_drafts) -> AnnualReport:
    report = reports_list(school=school, with_drafts=with_drafts).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def report_period(report_or_year, school) -> Period:
    """The school year a report is about, as the Period the chapters' providers get."""
    start_year = getattr(report_or_year, "start_year", report_or_year)
    year = SchoolYear(start_year, school.year_start)
    return Period(year.first_day, year.last_day)


def first_year(*, school):
    """The first school year of the school here: the year its first member joined (None when it
    has none yet). Earlier years have nothing to report."""
    joined = Membership.objects.filter(school=school).aggregate(first=Min("created_at"))["first"]
    if joined is None:
        return None
    return school.school_year(timezone.localtime(joined).date()).start_year


def sections(*, school, period):
    """Every app's chapter for the school year, in chapter order."""
    found = hooks.report_sections.results(school=school, period=period)
    return sorted(found, key=lambda section: (section.order, section.key))


def chapters(*, report, school=None):
    """The report's chapters with their generated parts rendered and their narratives."""
    school = school or report.school
    period = report_period(report, school)
    result = []
    for section in sections(school=school, period=period):
        html = SafeString("")
        if not section.empty_text:
            context = {**section.context, "school": school, "period": period}
            html = render_to_string(section.template, context)
        result.append(Chapter(section, html, (report.narratives or {}).get(section.key, "")))
    return result


@dataclass(frozen=True)
class BoardRow:
    """One figure across the board's schools: (school name, value or None) per school, in order."""

    label: str
    unit: str
    values: tuple


def board_reports(*, board, start_year):
    """The board's schools, each with its newest adopted report of the year (or None), and the
    year as a Period (the first school's year start; a board's schools normally share one)."""
    schools = list(board.schools.order_by("name"))
    reports = {}
    adopted = (
        AnnualReport.objects.adopted()
        .filter(school__board=board, start_year=start_year)
        .select_related("document", "adopted_by")
        .order_by("school_id", "number")
    )
    for report in adopted:
        reports[report.school_id] = report  # the newest version wins
    start = schools[0].year_start if schools else SchoolYear.of(timezone.localdate()).start
    year = SchoolYear(start_year, start)
    period = Period(year.first_day, year.last_day)
    return [(school, reports.get(school.pk)) for school in schools], period


def board_figures(*, schools, period):
    """The roll-up's figures for the year, one row per figure type, a value per school."""
    values, _failed = figures.collect(school_ids=[s.pk for s in schools], period=period)
    found = {(v.key, v.school_id): v.value for v in values if v.month is None}
    rows = []
    for kind in figures.figure_types().values():
        if not kind.rollup:
            continue
        # (school name, value): on a phone each cell says which school it is
        row = tuple((school.name, found.get((kind.key, school.pk))) for school in schools)
        if any(value is not None for _name, value in row):
            unit = "%" if kind.unit == figures.PERCENT else ""
            rows.append(BoardRow(str(kind.label), unit, row))
    return rows


def report_info(ids, user):
    """What an annual report is, for references (its document, its audit records): an adopted
    one for everyone in the school, a draft for those who see drafts. One query."""
    rows = (
        AnnualReport.objects.filter(pk__in=int_ids(ids))
        .annotate(viewer_role=role_in_school(school_field="school_id", user=user))
        .select_related("school")
    )
    found = {}
    for report in rows:
        permission = "reports.drafts" if report.is_draft else "reports.view"
        url = reverse("kwaliteit:report", args=[report.school.slug, report.pk])
        visible = role_can(report.viewer_role, permission)
        found[report.pk] = ObjectInfo(str(report), url, report.school_id, visible)
    return found
