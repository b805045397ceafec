"""The school's vision (the why) and its core values, versioned."""

import uuid

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .people import School
from .versions import AdoptableVersion, version_constraints


class VisionVersion(AdoptableVersion):
    """One version of a school's vision; adopted versions are frozen."""

    owner_field = "school"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="vision_versions")
    title = models.CharField(_("title"), max_length=150)
    statement = models.TextField(
        _("vision statement"), max_length=1500, validators=[MaxLengthValidator(1500)]
    )

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("visions")
        ordering = ["school", "-number"]
        constraints = version_constraints("school")

    def __str__(self):
        return f"{self.title} (v{self.number})"

    def school_pk(self):
        return self.school_id


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
