import io
import logging

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import jobs as job_kinds
from .. import selectors, services_jobs
from ..decorators import school_view
from ..templatetags.kwaliteit import job_status_context

logger = logging.getLogger(__name__)


@school_view("school.view")
def job_status(request, job_id):
    """The job's page, and the one fragment every page that waits for a run polls."""
    try:
        job = selectors.job_get(
            user=request.user, school=request.school, job_id=job_id, access=request.access
        )
    except Http404:
        if not request.htmx:
            raise
        # 286 tells htmx to stop polling: the job was cleaned up meanwhile.
        gone = _("This file no longer exists. Ask for it again.")
        return HttpResponse(format_html('<p class="error" role="alert">{}</p>', gone), status=286)
    kind = job_kinds.get(job.kind)
    back_url, back_label = kind.back(job) if kind.back else (None, None)
    step_over = kind.is_step and job.is_finished  # done, failed or given up on
    if request.htmx and (step_over or job.status == job.Status.DONE):
        # Polling ends and the page that waits loads anew: the import page shows its report;
        # the job page starts the download.
        response = HttpResponse(status=286)
        page = reverse("kwaliteit:job", args=[request.school.slug, job.id])
        response["HX-Redirect"] = back_url if kind.is_step and back_url else page
        return response
    if kind.is_step and job.status == job.Status.DONE and back_url:
        return redirect(back_url)
    context = job_status_context(request, job)
    if request.htmx:
        return render(request, "kwaliteit/_job_status.html", context)
    context.update(back_url=back_url, back_label=back_label)
    return render(request, "kwaliteit/job.html", context)


@school_view("school.view")
def job_download(request, job_id):
    job = selectors.job_get(user=request.user, school=request.school, job_id=job_id)
    if job.status != job.Status.DONE or job.document is None:
        raise Http404
    return _serve(request, job.document)


@school_view("school.view")
def document_download(request, document_id):
    """A stored document, for the person who asked for it; an expired one is gone (410)."""
    document = selectors.document_get(
        user=request.user, school=request.school, document_id=document_id
    )
    return _serve(request, document)


def _serve(request, document):
    if document.is_expired:
        days = settings.GENERATED_FILE_DAYS
        return render(request, "kwaliteit/document_gone.html", {"days": days}, status=410)
    try:
        content = services_jobs.document_read(document=document)
    except services_jobs.DamagedFile:
        logger.exception("Refused to serve a damaged document")
        raise Http404 from None
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=document.filename,
        content_type=document.mime_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
