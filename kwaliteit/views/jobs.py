from datetime import timedelta

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import jobs as job_kinds
from .. import selectors
from ..decorators import school_view


@school_view("school.view")
def job_status(request, job_id):
    """The job's page; htmx polls the status fragment until the file is ready."""
    try:
        job = selectors.job_get(user=request.user, school=request.school, job_id=job_id)
    except Http404:
        if not request.htmx:
            raise
        # 286 tells htmx to stop polling: the file was cleaned up meanwhile.
        gone = _("This file no longer exists. Ask for it again.")
        return HttpResponse(format_html('<p class="error" role="alert">{}</p>', gone), status=286)
    kind = job_kinds.get(job.kind)
    if request.htmx and job.status == job.Status.DONE:
        # Load the page anew: polling ends, and the fresh page starts the download.
        response = HttpResponse(status=286)
        response["HX-Redirect"] = reverse("kwaliteit:job", args=[request.school.slug, job.id])
        return response
    back_url, back_label = kind.back(job) if kind.back else (None, None)
    context = {
        "job": job,
        "kind": kind,
        "back_url": back_url,
        "back_label": back_label,
        "auto_download": _just_finished(job),
    }
    template = "kwaliteit/job.html#status" if request.htmx else "kwaliteit/job.html"
    return render(request, template, context)


# A file that was just made downloads by itself; coming back to the page later does not
# download it again.
AUTO_DOWNLOAD_WITHIN = timedelta(seconds=30)


def _just_finished(job):
    return (
        job.status == job.Status.DONE
        and job.finished_at is not None
        and timezone.now() - job.finished_at < AUTO_DOWNLOAD_WITHIN
    )


@school_view("school.view")
def job_download(request, job_id):
    job = selectors.job_get(user=request.user, school=request.school, job_id=job_id)
    if job.status != job.Status.DONE or not job.file:
        raise Http404
    kind = job_kinds.get(job.kind)
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename,
        content_type=kind.content_type,
    )
