"""The annual report's figures: the bench school's report as a PDF, and what it costs on top of
WeasyPrint itself."""

import statistics
import time

from django.utils import translation

from .dataset import school_slug
from .figure import Figure


def annual_report_pdf(server, runs=3):
    """annual_report_pdf_s: the bench school's report of this school year rendered as adoption
    renders it (every chapter's provider, the templates, the PDF/UA); annual_report_pdf_overhead:
    that time over WeasyPrint alone turning the same final HTML into the same kind of PDF."""
    from kwaliteit import clock, pdf, services_reports
    from kwaliteit.models import AnnualReport, Role, School

    school = School.objects.get(slug=school_slug(0))
    user = school.memberships.filter(role=Role.COORDINATOR).first().user
    # Not saved: the bench measures the rendering, and leaves no report or document behind.
    report = AnnualReport(
        school=school,
        start_year=school.school_year(clock.today()).start_year,
        created_by=user,
        narratives={"vision": "Een jaar waarin we samen verder kwamen.\n\nEn nog een alinea."},
    )
    full, alone = [], []
    with translation.override("nl"):
        html = services_reports.report_html(report=report)
        for index in range(runs + 1):  # the first run warms fonts and templates
            started = time.perf_counter()
            services_reports.report_pdf(report=report)
            elapsed = time.perf_counter() - started
            started = time.perf_counter()
            pdf.write(html, variant=services_reports.PDF_VARIANT)
            bare = time.perf_counter() - started
            if index:
                full.append(elapsed)
                alone.append(bare)
    seconds = statistics.median(full)
    yield Figure("annual_report_pdf_s", seconds, "s", digits=3)
    yield Figure("annual_report_pdf_overhead", seconds / statistics.median(alone), "x", digits=2)
