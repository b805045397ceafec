"""The audit trail: who did what to which object, when. Append-only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import clock
from ..refs import content_type_field, object_id_field
from .people import School


class AuditEvent(models.Model):
    """One thing a person (or the system) did to one object; never changed or deleted."""

    # No index of their own on school, actor and content type: the composite indexes below start
    # with school and content type, nothing looks records up by actor, and every index is one
    # more write per recorded event (audit_write_overhead in `make bench`).
    school = models.ForeignKey(
        School,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(default=clock.now)
    verb = models.CharField(max_length=40)
    # No database constraint either: its check would run at every commit, and content types are
    # never deleted (on_delete=PROTECT still guards it in Django).
    content_type = content_type_field(db_index=False, db_constraint=False)
    object_id = object_id_field()
    # What the object was called when this happened: the history stays readable after it is gone.
    object_repr = models.CharField(max_length=200, blank=True)
    # {field: [old, new]} for edited fields; never the text of a private reflection.
    changes = models.JSONField(default=dict, blank=True)
    # What the verb's sentence needs ({"version": 3, "result": "kept"}).
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("history record")
        verbose_name_plural = _("history")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"], name="audit_object_at"),
            models.Index(fields=["school", "at"], name="audit_school_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.object_repr}"
