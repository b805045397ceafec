from django.http import FileResponse, Http404
from django.shortcuts import render

from .. import jobs as job_kinds
from .. import selectors
from ..decorators import school_view


@school_view("school.view")
def job_status(request, job_id):
    """The job's page; htmx polls the status fragment until the file is ready."""
    job = selectors.job_get(user=request.user, school=request.school, job_id=job_id)
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
