"""Writes for the annual quality report: start a draft, write a chapter's narrative, adopt.

Adoption freezes the report as a numbered PDF (PDF/UA), stored as a kept Document with its
SHA-256 checksum, in the same transaction: an adopted report always has its document, and a
PDF that fails to render leaves the draft a draft. It renders within the request on purpose:
adoption happens once a year, the leader sees the result at once, and the rule "adopted means
frozen as this document" needs no second state for "adopted, document still coming".
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import audit, clock, pdf, selectors_reports, services_jobs, versioning
from .models import AnnualReport

NARRATIVE_MAX = 5000
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,59}$")
PDF_VARIANT = "pdf/ua-1"

STARTED, NARRATIVE_UPDATED, ADOPTED = "report_started", "report_narrative_updated", "report_adopted"


def year_problem(*, school, start_year):
    """Why a report cannot be made for this school year, or None."""
    current = school.school_year(clock.today()).start_year
    if start_year > current:
        return _("The school year %(year)s has not started yet.") % {
            "year": f"{start_year}-{start_year + 1}"
        }
    first = selectors_reports.first_year(school=school)
    if first is None or start_year < first:
        return _("The school did not work here yet in %(year)s: there is nothing to report.") % {
            "year": f"{start_year}-{start_year + 1}"
        }
    return None


@transaction.atomic
def report_start(*, school, start_year, user):
    """The school year's draft: the one being written, or a new one."""
    problem = year_problem(school=school, start_year=start_year)
    if problem:
        raise ValidationError(problem)
    versioning.lock_school(school.pk)  # a double click must not start two drafts
    drafts = AnnualReport.objects.filter(school=school, start_year=start_year)
    draft = drafts.filter(status=AnnualReport.Status.DRAFT).first()
    if draft is not None:
        return draft
    draft = AnnualReport.objects.create(school=school, start_year=start_year, created_by=user)
    audit.record(actor=user, verb=STARTED, obj=draft, data={"year": draft.year_label})
    return draft


@transaction.atomic
def narrative_update(*, report, key, text, user):
    """Replace one chapter's narrative (plain text; empty removes it)."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_draft:
        raise ValidationError(_("This report has been adopted and can no longer be changed."))
    if not KEY_PATTERN.match(key or ""):
        raise ValidationError(_("This chapter does not exist."))
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > NARRATIVE_MAX:
        raise ValidationError(
            _("Keep the text to %(max)s characters; it has %(count)s.")
            % {"max": NARRATIVE_MAX, "count": len(text)}
        )
    narratives = dict(report.narratives or {})
    if narratives.get(key, "") == text:
        return report
    if text:
        narratives[key] = text
    else:
        narratives.pop(key, None)
    report.narratives = narratives
    report.save(update_fields=["narratives", "updated_at"])
    audit.record(
        actor=user,
        verb=NARRATIVE_UPDATED,
        obj=report,
        data={"year": report.year_label, "chapter": key},
    )
    return report


@transaction.atomic
def report_adopt(*, report, user, seen=None):
    """A leader adopts the draft: numbered, rendered to PDF, stored for good, frozen.

    seen is the draft's last-saved moment as the leader read it; a draft changed since then is
    not adopted unseen.
    """
    versioning.lock_school(report.school_id)
    report = (
        AnnualReport.objects.select_for_update().select_related("school", "created_by")
        .get(pk=report.pk)
    )  # fmt: skip
    if not report.is_draft:
        raise ValidationError(_("This report has already been adopted."))
    if seen is not None and report.updated_at != seen:
        raise ValidationError(
            _("The draft was changed while you were reading it. Read it again, then adopt it.")
        )
    siblings = AnnualReport.objects.filter(school=report.school_id, start_year=report.start_year)
    report.number = (siblings.aggregate(last=Max("number"))["last"] or 0) + 1
    report.status = AnnualReport.Status.ADOPTED
    report.adopted_by = user
    report.adopted_at = clock.now()
    content = report_pdf(report=report)
    report.document = services_jobs.document_store(
        school=report.school,
        user=user,
        filename=report_filename(report),
        content=content,
        mime_type="application/pdf",
        about=report,
        keep=True,
    )
    report.save()
    audit.record(
        actor=user,
        verb=ADOPTED,
        obj=report,
        data={"year": report.year_label, "number": report.number},
    )
    return report


def report_filename(report):
    name = _("annual report %(year)s version %(number)s") % {
        "year": report.year_label,
        "number": report.number,
    }
    return f"{slugify(f'{report.school.name} {name}')}.pdf"


def report_context(*, report):
    """What the PDF template gets: the report, its chapters and its period."""
    school = report.school
    return {
        "report": report,
        "chapters": selectors_reports.chapters(report=report, school=school),
        "period": selectors_reports.report_period(report, school),
    }


def report_html(*, report):
    """The report's final HTML, as WeasyPrint gets it (for the bench's overhead figure)."""
    return pdf.html("pdf/annual_report.html", report_context(report=report), report.school)


def report_pdf(*, report) -> bytes:
    """The report as a tagged PDF (PDF/UA-1)."""
    context = report_context(report=report)
    return pdf.render("pdf/annual_report.html", context, report.school, variant=PDF_VARIANT)
