"""Runs that a page polls: rendering a document (a PDF), or a step of work (a big import's check).

What a run *produces* is a Document (kwaliteit.models.documents); the Job only says how the
run went: waiting, running, done or failed.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..refs import content_type_field, object_id_field
from .documents import Document
from .people import School

# A queue can be long on a busy morning; a job that waited this long is not coming.
STALE_PENDING = timedelta(hours=1)


def job_file_path(job, filename):
    """Where jobs kept their file before documents did; the first migrations name it."""
    return f"generated/{job.school_id}/{job.id}/{filename}"


class Job(models.Model):
    """A run in the background (or within the request, when small); its page polls the status."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("in progress")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=50)
    # The object the run is about (kwaliteit.refs): the vision version, the card version, the
    # cycle, the import; none for the whole school's dataplan.
    content_type = content_type_field(null=True, blank=True)
    object_id = object_id_field(blank=True)
    language = models.CharField(max_length=8, default=settings.LANGUAGE_CODE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    error = models.CharField(max_length=500, blank=True)
    # What a rendering run made; a step of work makes none.
    document = models.OneToOneField(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="job"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="job_status_created")]

    def __str__(self):
        return f"{self.kind} {self.id}"

    @property
    def file(self):
        """The file the run made (its document's), or None."""
        return self.document.file if self.document_id else None

    @property
    def filename(self):
        return self.document.filename if self.document_id else ""

    @property
    def is_finished(self):
        return self.status in {self.Status.DONE, self.Status.FAILED} or self.is_stale

    @property
    def is_stale(self):
        """Running far past the task time limit, or waiting for hours: stop waiting for it."""
        now = timezone.now()
        if self.status == self.Status.RUNNING and self.started_at:
            return now - self.started_at > timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT * 2)
        return self.status == self.Status.PENDING and now - self.created_at > STALE_PENDING
