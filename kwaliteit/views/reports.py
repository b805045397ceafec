"""The annual quality report: the list of years and versions, a report's chapters with their
narratives, adoption and the frozen PDF."""

import io
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import clock, selectors_reports, services_jobs, services_reports
from ..decorators import school_view
from ..forms_reports import NarrativeForm, ReportAdoptForm, ReportStartForm

logger = logging.getLogger(__name__)


def _years(school):
    """The school years a report can be started for, newest first."""
    first = selectors_reports.first_year(school=school)
    current = school.school_year(clock.today()).start_year
    return list(range(current, (first if first is not None else current + 1) - 1, -1))


@school_view("reports.view")
def reports_page(request):
    """Every year's reports; a coordinator starts (or opens) the draft of a school year."""
    school = request.school
    form = ReportStartForm(request.POST or None, years=_years(school))
    if request.method == "POST":
        if not request.access.can("reports.write"):
            raise PermissionDenied
        if form.is_valid():
            try:
                report = services_reports.report_start(
                    school=school, start_year=form.cleaned_data["year"], user=request.user
                )
            except ValidationError as error:
                form.add_error("year", error)
            else:
                return redirect("kwaliteit:report", school.slug, report.pk)
    reports = selectors_reports.reports_list(
        school=school, with_drafts=request.access.can("reports.drafts")
    )
    context = {"reports": reports, "form": form, "can_write": request.access.can("reports.write")}
    return render(request, "kwaliteit/reports.html", context)


@school_view("reports.view")
def report_page(request, pk):
    """The chapters with their generated figures and, for the coordinator, a narrative each."""
    school = request.school
    report = selectors_reports.report_get(
        school=school, pk=pk, with_drafts=request.access.can("reports.drafts")
    )
    chapters = selectors_reports.chapters(report=report, school=school)
    may_write = report.is_draft and request.access.can("reports.write")
    forms = {
        c.key: NarrativeForm(
            initial={"chapter": c.key, "text": c.narrative},
            prefix=c.anchor,
            chapter_title=c.section.title,
        )
        for c in chapters
    }
    if request.method == "POST":
        response = _narrative_save(request, report, chapters, forms)
        if response is not None:
            return response
    context = {
        "report": report,
        "chapters": [(c, forms[c.key]) for c in chapters],
        "may_write": may_write,
        "may_adopt": report.is_draft and request.access.can("reports.adopt"),
        "adopt_form": ReportAdoptForm(initial={"seen": report.updated_at.isoformat()}),
        "period": selectors_reports.report_period(report, school),
    }
    return render(request, "kwaliteit/report.html", context)


def _narrative_save(request, report, chapters, forms):
    """Save one chapter's narrative; a response, or None to show the page with the form's
    errors (forms holds the bound form)."""
    school = request.school
    if not request.access.can("reports.write"):
        raise PermissionDenied
    if not report.is_draft:
        messages.error(request, _("This report has been adopted and can no longer be changed."))
        return redirect("kwaliteit:report", school.slug, report.pk)
    chapter = _posted_chapter(request, chapters)
    title = chapter.section.title
    form = forms[chapter.key] = NarrativeForm(
        request.POST, prefix=chapter.anchor, chapter_title=title
    )
    context = {"chapter": chapter, "report": report, "may_write": True}
    if form.is_valid():
        try:
            services_reports.narrative_update(
                report=report, key=chapter.key, text=form.cleaned_data["text"], user=request.user
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            saved = _("The text of “%(title)s” has been saved.") % {"title": title}
            if request.htmx:
                initial = {"chapter": chapter.key, "text": form.cleaned_data["text"]}
                form = NarrativeForm(initial=initial, prefix=chapter.anchor, chapter_title=title)
                context["saved"] = saved
            else:
                messages.success(request, saved)
                url = reverse("kwaliteit:report", args=[school.slug, report.pk])
                return redirect(f"{url}#{chapter.anchor}")
    if request.htmx:
        return render(request, "kwaliteit/report.html#narrative", {**context, "form": form})
    return None


def _posted_chapter(request, chapters):
    """The chapter a narrative form was posted for; an unknown one is not a page (404)."""
    for chapter in chapters:  # each chapter's form has its own prefix: its anchor
        if request.POST.get(f"{chapter.anchor}-chapter") == chapter.key:
            return chapter
    raise Http404


@school_view("reports.adopt")
@require_POST
def report_adopt(request, pk):
    """A leader adopts the draft: it is numbered, frozen and stored as a PDF."""
    school = request.school
    report = selectors_reports.report_get(school=school, pk=pk, with_drafts=True)
    form = ReportAdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Open the report again, read it, then adopt it."))
        return redirect("kwaliteit:report", school.slug, report.pk)
    try:
        report = services_reports.report_adopt(
            report=report, user=request.user, seen=form.cleaned_data["seen"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The annual report %(year)s has been adopted as version %(number)s.")
            % {"year": report.year_label, "number": report.number},
        )
    return redirect("kwaliteit:report", school.slug, report.pk)


@school_view("reports.view")
def report_pdf(request, pk):
    """The adopted report's frozen PDF, for everyone who may read the report."""
    report = selectors_reports.report_get(school=request.school, pk=pk, with_drafts=False)
    try:
        content = services_jobs.document_read(document=report.document)
    except services_jobs.DamagedFile:
        logger.exception("Refused to serve a damaged annual report")
        raise Http404 from None
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=report.document.filename,
        content_type=report.document.mime_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
