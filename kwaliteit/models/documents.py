"""Stored outputs: a file with its name, size, checksum, creator, school and retention."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import clock
from ..refs import content_type_field, object_id_field
from .people import School


def document_file_path(document, filename):
    return f"documents/{document.school_id}/{document.id}/{filename}"


class DocumentQuerySet(models.QuerySet):
    def expired(self, *, now=None):
        """Documents past their retention; documents without expiry never are."""
        return self.filter(expires_at__isnull=False, expires_at__lte=now or clock.now())


class Document(models.Model):
    """A stored output (a PDF a person asked for, later a frozen dossier version).

    A personal download expires (`expires_at`, GENERATED_FILE_DAYS after it was made) and the
    cleanup removes it; a document without `expires_at` is kept until someone deletes it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="documents")
    # A kept document outlives the account of the person who made it.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file = models.FileField(upload_to=document_file_path, max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64)
    mime_type = models.CharField(_("type of file"), max_length=100)
    # The object the document is about (kwaliteit.refs), if any.
    content_type = content_type_field(null=True, blank=True)
    object_id = object_id_field(blank=True)
    created_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["expires_at"], name="document_expires"),
            models.Index(fields=["content_type", "object_id"], name="document_object"),
        ]

    def __str__(self):
        return self.filename

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= clock.now()
