"""Improvement cycles (PDCA): Plan, Do, Check and Act, in order, none silently skipped."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dataplan.models import Indicator
from kwaliteit import clock
from kwaliteit.models import School, Team
from kwaliteitskaarten.models import Afspraak, Kwaliteitskaart


class Cycle(models.Model):
    """An improvement cycle (verbetertraject): a checkable goal and the four phases towards it."""

    class Origin(models.TextChoices):
        SCRATCH = "scratch", _("started from scratch")
        CARD = "card", _("started from a quality card")
        INDICATOR = "indicator", _("started from an indicator")
        FOLLOW_UP = "follow_up", _("follow-up of an adjusted cycle")

    class Decision(models.TextChoices):
        ANCHOR = "anchor", _("anchor (borgen)")
        ADJUST = "adjust", _("adjust (bijstellen)")
        STOP = "stop", _("stop (stoppen)")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="cycles")
    title = models.CharField(_("title"), max_length=150)
    goal_what = models.TextField(
        _("goal: what"), max_length=500, validators=[MaxLengthValidator(500)], blank=True
    )
    goal_measure = models.CharField(_("goal: how much"), max_length=200, blank=True)
    goal_date = models.DateField(_("goal: by when"), null=True, blank=True)
    reason = models.TextField(
        _("reason"), max_length=1500, validators=[MaxLengthValidator(1500)], blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_cycles",
        verbose_name=_("owner"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cycles",
        verbose_name=_("team"),
    )
    cards = models.ManyToManyField(
        Kwaliteitskaart, blank=True, related_name="cycles", verbose_name=_("quality cards")
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.SCRATCH)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cycles",
        verbose_name=_("started from indicator"),
    )
    # What the school saw when it started (e.g. "latest value 62.0 against norm 70"), kept as text.
    origin_note = models.CharField(_("starting point"), max_length=300, blank=True)
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("follow-up of"),
    )
    check_conclusion = models.TextField(
        _("conclusion"), max_length=2000, validators=[MaxLengthValidator(2000)], blank=True
    )
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, blank=True)
    decision_note = models.TextField(
        _("explanation"), max_length=1500, validators=[MaxLengthValidator(1500)], blank=True
    )
    anchored_agreement = models.ForeignKey(
        Afspraak,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="anchoring_cycles",
        verbose_name=_("anchored in agreement"),
    )
    anchored_card = models.ForeignKey(
        Kwaliteitskaart,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="anchoring_cycles",
        verbose_name=_("anchored in card"),
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("improvement cycle")
        verbose_name_plural = _("improvement cycles")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["school", "-created_at"], name="cycle_school_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | ~Q(decision=""),
                name="cycle_closed_has_decision",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_closed(self):
        return self.closed_at is not None


class Phase(models.Model):
    """One of the four phases of a cycle; completed in order, each with a due date."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Plan")
        DO = "do", _("Do")
        CHECK = "check", _("Check")
        ACT = "act", _("Act")

    ORDER = [Kind.PLAN, Kind.DO, Kind.CHECK, Kind.ACT]

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    position = models.PositiveSmallIntegerField()
    due_on = models.DateField(_("due date"))
    # Who answers for this phase; empty means the cycle's owner.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_phases",
        verbose_name=_("phase owner"),
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["cycle", "position"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kind"], name="phase_once_per_cycle"),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_by__isnull=False),
                name="phase_completed_has_person",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_on"], name="phase_open_due", condition=Q(completed_at__isnull=True)
            )
        ]

    def __str__(self):
        return f"{self.cycle} – {self.get_kind_display()}"

    @property
    def is_completed(self):
        return self.completed_at is not None

    def is_overdue(self, today):
        return not self.is_completed and self.due_on < today

    @property
    def responsible_id(self):
        return self.owner_id or self.cycle.owner_id


class SuccessCriterion(models.Model):
    """How we will know the goal is reached; evaluated in the Check."""

    class Result(models.TextChoices):
        MET = "met", _("met")
        PARTLY = "partly", _("partly met")
        NOT_MET = "not_met", _("not met")
        NO_DATA = "no_data", _("no data")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="criteria")
    description = models.CharField(_("success criterion"), max_length=300)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="criteria",
        verbose_name=_("indicator"),
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)
    result = models.CharField(_("result"), max_length=8, choices=Result.choices, blank=True)
    evidence = models.TextField(
        _("what we saw"), max_length=1500, validators=[MaxLengthValidator(1500)], blank=True
    )
    no_data_reason = models.CharField(_("why there is no data"), max_length=500, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("success criterion")
        verbose_name_plural = _("success criteria")
        ordering = ["cycle", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(result="no_data") | ~Q(no_data_reason=""),
                name="criterion_no_data_has_reason",
            ),
        ]

    def __str__(self):
        return self.description


class Action(models.Model):
    """Something done in the Do phase, by someone, by a date."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        STARTED = "started", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    OPEN = (Status.PLANNED, Status.STARTED)

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cycle_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PLANNED
    )
    finished_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["cycle", "due_on", "id"]
        indexes = [models.Index(fields=["owner", "status"], name="action_owner_status")]

    def __str__(self):
        return self.description

    @property
    def is_open(self):
        return self.status in self.OPEN

    def is_overdue(self, today):
        return self.is_open and self.due_on < today


class ProgressNote(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(
        _("progress note"), max_length=1000, validators=[MaxLengthValidator(1000)]
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.text[:50]
