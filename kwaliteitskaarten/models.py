"""Kwaliteitskaarten: the vision made concrete per theme, with agreements that are followed up."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kwaliteit import clock
from kwaliteit.models import CoreValue, School, Team
from kwaliteit.models.versions import AdoptableVersion, version_constraints


class Kwaliteitskaart(models.Model):
    """A quality card for one theme; its content lives in versions."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="cards")
    title = models.CharField(_("theme"), max_length=120)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_cards",
        verbose_name=_("owner"),
        help_text=_("One person: someone responsible."),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cards",
        verbose_name=_("involved team or working group"),
        help_text=_("Everyone involved."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    archived_on = models.DateField(_("archived on"), null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("quality card")
        verbose_name_plural = _("quality cards")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["school", "title"], name="card_title_unique")
        ]

    def __str__(self):
        return self.title


class CardVersion(AdoptableVersion):
    """The content of a card at one moment; adopted versions are frozen."""

    owner_field = "card"
    frozen_message = _(
        "This version has been adopted and can no longer be changed. Start a review."
    )

    card = models.ForeignKey(Kwaliteitskaart, on_delete=models.CASCADE, related_name="versions")
    why = models.TextField(
        _("why: the values behind it"),
        max_length=1500,
        validators=[MaxLengthValidator(1500)],
        blank=True,
    )
    core = models.TextField(
        _("what good looks like here (shared core)"),
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
        blank=True,
    )
    autonomy = models.TextField(
        _("room for own accents"),
        max_length=1500,
        validators=[MaxLengthValidator(1500)],
        blank=True,
    )
    how_we_see_it = models.TextField(
        _("how we see it"), max_length=1000, validators=[MaxLengthValidator(1000)], blank=True
    )
    core_values = models.ManyToManyField(
        CoreValue, blank=True, related_name="card_versions", verbose_name=_("core values")
    )
    indicators = models.ManyToManyField(
        "dataplan.Indicator", blank=True, related_name="card_versions", verbose_name=_("indicators")
    )
    # Why this review was started, e.g. an improvement cycle that anchors its result here.
    review_reason = models.CharField(_("reason for this review"), max_length=500, blank=True)
    # Who asked for this review and what they asked: [{"reason", "change", "url"}]. The url points
    # at what asked (e.g. a cycle page), stored as text because this app never imports the asker.
    review_requests = models.JSONField(default=list, blank=True)
    # The agreements as they stood when this version was adopted: the frozen record.
    agreements_snapshot = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("card version")
        verbose_name_plural = _("card versions")
        ordering = ["card", "-number"]
        constraints = version_constraints("card")

    def __str__(self):
        return f"{self.card} (v{self.number})"

    def school_pk(self):
        return self.card.school_id


class Afspraak(models.Model):
    """An agreement on a card that everybody keeps; its owner follows it up."""

    card = models.ForeignKey(Kwaliteitskaart, on_delete=models.CASCADE, related_name="agreements")
    text = models.CharField(_("agreement"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_agreements",
        verbose_name=_("owner"),
    )
    check_interval_months = models.PositiveSmallIntegerField(
        _("follow up every (months)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    next_check_on = models.DateField(_("next follow-up"))
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["is_active", "next_check_on"], name="agreement_due")]

    def __str__(self):
        return self.text


class AgreementCheck(models.Model):
    """One follow-up of an agreement: kept, partly or not, with a note."""

    class Result(models.TextChoices):
        KEPT = "kept", _("kept")
        PARTLY = "partly", _("partly kept")
        NOT_KEPT = "not_kept", _("not kept")

    agreement = models.ForeignKey(Afspraak, on_delete=models.CASCADE, related_name="checks")
    checked_on = models.DateField(_("date"))
    result = models.CharField(_("result"), max_length=8, choices=Result.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("agreement check")
        verbose_name_plural = _("agreement checks")
        ordering = ["-checked_on", "-id"]

    def __str__(self):
        return f"{self.agreement}: {self.result}"


class Reflection(models.Model):
    """A teacher's short reflection against a card; only the author sees a private one."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("only me")
        TEAM = "team", _("my team")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    card = models.ForeignKey(Kwaliteitskaart, on_delete=models.CASCADE, related_name="reflections")
    text = models.TextField(_("reflection"), max_length=1000, validators=[MaxLengthValidator(1000)])
    visibility = models.CharField(
        _("who may read it"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:50]


class Appreciation(models.Model):
    """Appreciative feedback (waardering) from one colleague to another, tied to a card."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appreciations_given"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="appreciations_received",
        verbose_name=_("colleague"),
    )
    card = models.ForeignKey(
        Kwaliteitskaart, on_delete=models.CASCADE, related_name="appreciations"
    )
    text = models.CharField(_("what you appreciate"), max_length=500)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:50]


class AssessmentPeriod(models.Model):
    """A period in which teams rate how recognisable each card's shared core is in practice."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="assessment_periods")
    name = models.CharField(_("name"), max_length=80)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))

    class Meta:
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="period_closes_after_opening"
            )
        ]

    def __str__(self):
        return self.name

    def is_open(self, day):
        return self.opens_on <= day <= self.closes_on


class AssessmentAnswer(models.Model):
    """One person's score (1–4) for one card in one period; only shown in aggregate."""

    period = models.ForeignKey(AssessmentPeriod, on_delete=models.CASCADE, related_name="answers")
    card = models.ForeignKey(
        Kwaliteitskaart, on_delete=models.CASCADE, related_name="assessment_answers"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("how recognisable is the shared core in daily practice?"),
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    remark = models.CharField(_("remark"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "card", "respondent"], name="one_answer_per_person"
            ),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=4), name="score_1_to_4"),
        ]

    def __str__(self):
        return f"{self.card} {self.period}: {self.score}"
