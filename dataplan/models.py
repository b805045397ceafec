"""The dataplan: a small set of indicators, their groups, measurements, decisions and imports."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kwaliteit import clock
from kwaliteit.models import Job, School
from kwaliteit.schoolyear import SchoolYear


class DataplanSettings(models.Model):
    """Per school: how many active indicators before the plan warns about overload."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="dataplan")
    max_active_indicators = models.PositiveSmallIntegerField(
        _("maximum number of active indicators"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("dataplan settings")
        verbose_name_plural = _("dataplan settings")

    def __str__(self):
        return str(self.school)


class Level(models.TextChoices):
    SCHOOL = "school", _("whole school")
    TEAM = "team", _("team")
    YEAR = "year", _("year group")
    CLASS = "class", _("class")
    PROGRAMME = "programme", _("programme")


class Group(models.Model):
    """What a measurement is about: the whole school, a team, a year group, a class."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="data_groups")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "level", "name"], name="group_unique")
        ]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    """What we measure, which question it answers, and what follows when the norm is missed."""

    class Source(models.TextChoices):
        TEST = "test", _("test results")
        SURVEY = "survey", _("survey")
        OBSERVATION = "observation", _("observation")
        REGISTRATION = "registration", _("registration")
        EXTERNAL = "external", _("external source")

    class Kind(models.TextChoices):
        PERCENTAGE = "percentage", _("percentage (0–100)")
        SCORE = "score", _("score on a scale")
        COUNT = "count", _("count (0 or more)")
        NUMBER = "number", _("number")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=150)
    question = models.TextField(
        _("question it answers"),
        max_length=500,
        help_text=_("An indicator without a question is not actionable."),
    )
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    kind = models.CharField(_("kind of value"), max_length=10, choices=Kind.choices)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    scale_min = models.DecimalField(
        _("scale minimum"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    scale_max = models.DecimalField(
        _("scale maximum"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    norm = models.DecimalField(
        _("norm (signal value)"),
        max_digits=12,
        decimal_places=4,
        help_text=_("A value on the wrong side of the norm asks for action."),
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    action_when_missed = models.TextField(
        _("what we do when the norm is missed"), max_length=1000, blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_indicators",
        verbose_name=_("owner"),
    )
    level = models.CharField(
        _("measured for"), max_length=10, choices=Level.choices, default=Level.SCHOOL
    )
    collection_months = models.JSONField(
        _("collection moments"),
        default=list,
        help_text=_("The months of the school year in which it is collected."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="indicator_name_unique"),
            models.CheckConstraint(condition=~Q(question=""), name="indicator_has_question"),
        ]

    def __str__(self):
        return self.name

    def breaches(self, value: Decimal) -> bool:
        """True when the value is on the wrong side of the norm."""
        return value < self.norm if self.higher_is_better else value > self.norm

    def meets_target(self, value: Decimal) -> bool:
        if self.target is None:
            return False
        return value >= self.target if self.higher_is_better else value <= self.target


class Measurement(models.Model):
    """A measured value of an indicator, for one group, on one date."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="measurements")
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=4)
    note = models.CharField(_("context note"), max_length=500, blank=True)
    data_import = models.ForeignKey(
        "DataImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "group", "measured_on"], name="measurement_unique"
            )
        ]
        indexes = [
            models.Index(fields=["indicator", "group", "-measured_on"], name="measurement_latest")
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.measured_on})"


class Decision(models.Model):
    """What the school decided because of an indicator: proof that data leads to action."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="decisions")
    decided_on = models.DateField(_("date"))
    text = models.CharField(_("decision"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on"]

    def __str__(self):
        return self.text


def import_file_path(data_import, filename):
    return f"imports/{data_import.school_id}/{data_import.id}/{filename}"


class DataImport(models.Model):
    """An uploaded file on its way to becoming measurements: all rows or none.

    The status is where the import stands; reading, checking and saving a big file run in the
    background as a Job (`job`: the latest run), whose status the page polls.
    """

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("uploaded")  # not checked (again) yet
        INVALID = "invalid", _("has problems")
        VALID = "valid", _("ready to import")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="data_imports")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    school_year = models.PositiveSmallIntegerField(_("school year"))
    file = models.FileField(upload_to=import_file_path, max_length=300)
    original_name = models.CharField(max_length=255)
    mapping = models.JSONField(default=dict)
    preview = models.JSONField(default=dict)  # headers and first rows, read once at upload
    # "" until the file is read; the user may choose another one and have it read again.
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    # The user chose to save the rows without problems and to skip the others.
    skip_problem_rows = models.BooleanField(default=False)
    # [level, name in the file, existing group's name]: groups the user matched to one that exists
    group_matches = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED)
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    row_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)
    summary = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("measurement import")
        verbose_name_plural = _("measurement imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    @property
    def school_year_label(self):
        return str(SchoolYear(self.school_year))

    @property
    def is_busy(self):
        """A run (reading, checking, saving) is waiting or under way."""
        return self.job is not None and not self.job.is_finished

    @property
    def is_read(self):
        return bool(self.preview)
