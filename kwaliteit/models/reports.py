"""The annual quality report (jaarverslag): a school year's chapters with people's narratives.

Not an AdoptableVersion: a report's owner is a pair (school, school year), its number is given
at adoption (a discarded or never-adopted draft takes no number), and what it freezes is a
rendered document rather than its own fields. The rules it shares with the vision and cards
(one draft at a time, no unseen adoption, frozen once adopted) are kept by its services.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..schoolyear import SchoolYear
from .documents import Document
from .people import School
from .versions import ClockDateTimeField


class AnnualReportQuerySet(models.QuerySet):
    def adopted(self):
        return self.filter(status=AnnualReport.Status.ADOPTED)

    def visible(self, *, with_drafts):
        """Every report, or only the adopted ones for those who see no drafts."""
        return self if with_drafts else self.adopted()


class AnnualReport(models.Model):
    """One version of a school's report about one of its school years."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ADOPTED = "adopted", _("adopted")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="annual_reports")
    # The school year by the calendar year it starts in; its days follow the school's start.
    start_year = models.PositiveSmallIntegerField(_("school year"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    # {chapter key: plain text}; the figures are generated, only this is written by people.
    narratives = models.JSONField(default=dict, blank=True)
    number = models.PositiveIntegerField(_("version"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = ClockDateTimeField(auto_now_add=True)
    updated_at = ClockDateTimeField(auto_now=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by"),
    )
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    # The frozen PDF, kept without expiry.
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["school", "-start_year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "start_year"],
                condition=Q(status="draft"),
                name="annual_report_one_draft_per_year",
            ),
            models.UniqueConstraint(
                fields=["school", "start_year", "number"], name="annual_report_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="draft", number__isnull=True)
                | Q(
                    status="adopted",
                    number__isnull=False,
                    adopted_by__isnull=False,
                    adopted_at__isnull=False,
                    document__isnull=False,
                ),
                name="annual_report_adopted_is_numbered_and_frozen",
            ),
        ]

    def __str__(self):
        if self.number:
            return _("annual report %(year)s, version %(number)s") % {
                "year": self.year_label,
                "number": self.number,
            }
        return _("annual report %(year)s, draft") % {"year": self.year_label}

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def year_label(self):
        return f"{self.start_year}-{self.start_year + 1}"

    def school_year(self, school=None):
        """The report's school year, with the start the school sets."""
        school = school or self.school
        return SchoolYear(self.start_year, school.year_start)
