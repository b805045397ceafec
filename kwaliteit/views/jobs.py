from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
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
    context = {"job": job, "kind": job_kinds.get(job.kind)}
    template = "kwaliteit/job.html#status" if request.htmx else "kwaliteit/job.html"
    return render(request, template, context)


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
