"""Writes for runs and documents: ask for a run, run it once, store what it made, clean up."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from . import clock, queue, refs
from . import jobs as job_kinds
from .models import Document, Job

logger = logging.getLogger(__name__)


# --- documents ------------------------------------------------------------------------------


def document_store(*, school, user, filename, content: bytes, mime_type, about=None, keep=False):
    """Store a file as a Document with its size and SHA-256 checksum.

    A personal download (the default) expires after GENERATED_FILE_DAYS; keep=True stores it
    without expiry (frozen versions, annual reports), and the cleanup never removes it.
    """
    now = clock.now()
    document = Document(
        school=school,
        created_by=user,
        filename=filename,
        size=len(content),
        checksum=hashlib.sha256(content).hexdigest(),
        mime_type=mime_type,
        created_at=now,
        expires_at=None if keep else now + timedelta(days=settings.GENERATED_FILE_DAYS),
    )
    if about is not None:
        ref = about if isinstance(about, tuple) else refs.ref_of(about)
        document.content_type_id, document.object_id = _content_type_id(ref[0]), str(ref[1])
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


class DamagedFile(Exception):
    """The stored file is missing or differs from what was stored."""


def document_read(*, document) -> bytes:
    """The document's bytes, checked against its stored size and checksum."""
    try:
        with document.file.open("rb") as handle:
            content = handle.read()
    except OSError as error:
        raise DamagedFile(f"Document {document.id} is missing") from error
    if len(content) != document.size or hashlib.sha256(content).hexdigest() != document.checksum:
        raise DamagedFile(f"Document {document.id} does not match its checksum")
    return content


def _content_type_id(content_type):
    return getattr(content_type, "id", content_type)


def _document_delete(document):
    document.file.delete(save=False)
    document.delete()


# --- jobs -----------------------------------------------------------------------------------


def job_create(*, school, user, kind, about=None, start=True):
    """Ask for a run about an object; queued once the transaction commits (start=False: the
    caller starts it with job_start)."""
    job_kinds.get(kind)  # unknown kinds fail here, in the request, not in the worker
    language = translation.get_language() or "nl"
    job = Job(school=school, created_by=user, kind=kind, language=language)
    if about is not None:
        job.content_type, job.object_id = refs.ref_of(about)
    job.save()
    if start:
        job_start(job=job)
    return job


def job_start(*, job, now=False):
    """Queue the run for the worker once the transaction commits, or run it right away within
    the request (now: small imports, which take well under a second)."""
    if now:
        job_run(job_id=job.id)
        job.refresh_from_db()
    else:
        queue.on_commit("kwaliteit.tasks.run_job", str(job.id))


def job_run(*, job_id):
    """Run the job once: render and store its document, or run its step; a failure is stored as
    a message the user can read."""
    now = clock.now()
    abandoned = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    # Claim the job; one left running by a worker that died is claimed again.
    claimed = (
        Job.objects.filter(id=job_id)
        .filter(
            Q(status=Job.Status.PENDING) | Q(status=Job.Status.RUNNING, started_at__lt=abandoned)
        )
        .update(status=Job.Status.RUNNING, started_at=now)
    )
    if not claimed:
        return  # already done, or being run by another worker (a redelivered message)
    job = Job.objects.select_related("school", "created_by").get(id=job_id)
    kind = job_kinds.get(job.kind)
    try:
        with translation.override(job.language):
            if kind.is_step:
                kind.run(job)
            else:
                filename, content = kind.render(job)
                job.document = document_store(
                    school=job.school,
                    user=job.created_by,
                    filename=filename,
                    content=content,
                    mime_type=kind.content_type,
                    about=_about(job),
                    keep=not kind.expires,
                )
    except Exception:
        logger.exception("Job %s (%s) failed", job.id, job.kind)
        with translation.override(job.language):
            if kind.is_step:
                job.error = _("This did not work; nothing was saved. Try again.")
            else:
                job.error = _("The file could not be made. Try again; if it fails again, tell us.")
        job.status = Job.Status.FAILED
        job.finished_at = clock.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return
    job.status = Job.Status.DONE
    job.finished_at = clock.now()
    job.save(update_fields=["status", "document", "finished_at"])


def _about(job):
    return (job.content_type_id, job.object_id) if job.content_type_id else None


def generated_files_cleanup(*, older_than, now=None):
    """Remove the jobs asked for before older_than with their personal documents, then every
    other expired document; a document without expiry stays whatever its age.

    Returns how many jobs and (other) documents went.
    """
    count = 0
    for job in Job.objects.filter(created_at__lt=older_than).select_related("document"):
        if job.document is not None and job.document.expires_at is not None:
            _document_delete(job.document)
        job.delete()
        count += 1
    for document in Document.objects.expired(now=now).iterator():
        _document_delete(document)
        count += 1
    return count
