"""The school's vision (the why) and its core values, versioned."""

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import clock
from .people import School


class VisionVersion(models.Model):
    """One version of a school's vision; adopted versions are frozen."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ADOPTED = "adopted", _("adopted")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="vision_versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=150)
    statement = models.TextField(
        _("vision statement"), max_length=1500, validators=[MaxLengthValidator(1500)]
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("visions")
        ordering = ["school", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["school", "number"], name="vision_number_unique"),
            models.UniqueConstraint(
                fields=["school"], condition=Q(status="draft"), name="vision_one_draft"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(adopted_on__isnull=False, adopted_by__isnull=False),
                name="vision_adopted_has_date_and_person",
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.number})"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT


class CoreValue(models.Model):
    """A kernwaarde: one of the values that carry the vision."""

    vision = models.ForeignKey(VisionVersion, on_delete=models.CASCADE, related_name="core_values")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("core value"), max_length=60)
    description = models.TextField(
        _("what it means here"), max_length=250, validators=[MaxLengthValidator(250)], blank=True
    )
    # The same value across vision versions: a draft copies it from the version it starts from,
    # so a renamed value is still the value the cards carry.
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)

    class Meta:
        verbose_name = _("core value")
        verbose_name_plural = _("core values")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name
