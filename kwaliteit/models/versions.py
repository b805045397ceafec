"""What every adoptable version shares (the vision's, a card's): draft → adopted, then frozen.

A subclass names the object it versions (`owner_field`, a foreign key) and takes its constraints
from `version_constraints(owner_field)`, so each model gets the same rules under its own names.
The rules for adopting, starting and discarding live in kwaliteit.versioning.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import clock


class ClockDateTimeField(models.DateTimeField):
    """auto_now / auto_now_add that read kwaliteit.clock: a story told at a set moment (the
    demo) keeps that moment instead of the real one."""

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = clock.now()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)


def version_constraints(owner):
    """Numbers unique per owner, one draft per owner, an adopted version has a date and a
    person; named after the model (e.g. kwaliteit_visionversion_one_draft)."""
    return [
        models.UniqueConstraint(
            fields=[owner, "number"], name="%(app_label)s_%(class)s_number_unique"
        ),
        models.UniqueConstraint(
            fields=[owner], condition=Q(status="draft"), name="%(app_label)s_%(class)s_one_draft"
        ),
        models.CheckConstraint(
            condition=Q(status="draft") | Q(adopted_on__isnull=False, adopted_by__isnull=False),
            name="%(app_label)s_%(class)s_adopted_has_date_and_person",
        ),
    ]


class AdoptableVersion(models.Model):
    """One numbered version of something a leader adopts (stelt vast); adopted ones are frozen."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ADOPTED = "adopted", _("adopted")

    # The foreign key to what is versioned ("school" for the vision, "card" for a card).
    owner_field: ClassVar[str]
    # What a refusal to change an adopted version says: how this kind of version moves on.
    frozen_message: ClassVar = _(
        "This version has been adopted and can no longer be changed. Start a new draft."
    )

    number = models.PositiveIntegerField(_("version"))
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
    created_at = ClockDateTimeField(auto_now_add=True)
    updated_at = ClockDateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @classmethod
    def versions_of(cls, owner):
        """Every version of one owner (a school's visions, a card's versions)."""
        return cls._default_manager.filter(**{cls.owner_field: owner})

    def siblings(self):
        """Every version of this version's owner, this one included."""
        return type(self)._default_manager.filter(
            **{f"{self.owner_field}_id": getattr(self, f"{self.owner_field}_id")}
        )

    def school_pk(self):
        """The school this version belongs to (for locks and the audit trail)."""
        raise NotImplementedError
