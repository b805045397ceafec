"""Boards, schools, teams, people and their roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .. import clock
from ..schoolyear import SchoolYear


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person; logs in with an e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Frequency(models.TextChoices):
        DAILY = "daily", _("a daily e-mail")
        WEEKLY = "weekly", _("a weekly e-mail (Mondays)")
        IN_PRODUCT = "in_product", _("no e-mail, only in the notification list")

    reminder_frequency = models.CharField(
        _("reminders"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    # Set when a digest could not be delivered after every retry; cleared by the next success.
    email_failing_since = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=500, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=clock.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Board(models.Model):
    """A school board (bestuur); its members see all of its schools."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="boards", blank=True, verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        ordering = ["name"]

    def __str__(self):
        return self.name


SESSION_IDLE_HOURS_MIN = 1
SESSION_IDLE_HOURS_MAX = 72


class School(models.Model):
    """A school, or in higher education a programme (opleiding)."""

    class Sector(models.TextChoices):
        PRIMARY = "po", _("primary education")
        SECONDARY = "vo", _("secondary education")
        HIGHER = "ho", _("higher education programme")

    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="schools"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    sector = models.CharField(_("sector"), max_length=2, choices=Sector.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    reminder_due_soon_days = models.PositiveSmallIntegerField(
        _("remind this many days before a due date"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    reminder_escalate_after_days = models.PositiveSmallIntegerField(
        _("tell the coordinator when still overdue after (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    # Shared computers in staff rooms: a session left open ends after this much inactivity.
    session_idle_hours = models.PositiveSmallIntegerField(
        _("sign out after this many hours without activity"),
        default=8,
        validators=[
            MinValueValidator(SESSION_IDLE_HOURS_MIN),
            MaxValueValidator(SESSION_IDLE_HOURS_MAX),
        ],
        help_text=_("Between 1 hour and 72 hours. Applies to everybody who works in this school."),
    )
    # The day the school year starts (Netherlands 1 August, Flanders 1 September). Measurements
    # keep their dates when it changes; only how they group into school years follows it.
    year_start_month = models.PositiveSmallIntegerField(
        _("school year starts in month"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    year_start_day = models.PositiveSmallIntegerField(
        _("school year starts on day"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]
        constraints = [
            # A real day of its month, never 29 February (the year would start elsewhere
            # three years out of four).
            models.CheckConstraint(
                condition=models.Q(year_start_month__gte=1, year_start_month__lte=12)
                & models.Q(year_start_day__gte=1, year_start_day__lte=31)
                & ~models.Q(year_start_month=2, year_start_day__gt=28)
                & ~models.Q(year_start_month__in=[4, 6, 9, 11], year_start_day=31),
                name="school_year_start_is_a_day",
                violation_error_message=_(
                    "The school year starts on a day that exists in its month, never on "
                    "29 February."
                ),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def year_start(self) -> tuple[int, int]:
        """(month, day) on which this school's year starts."""
        return (self.year_start_month, self.year_start_day)

    def school_year(self, day):
        """The school year of this school that holds `day`."""
        return SchoolYear.of(day, start=self.year_start)


class Team(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("school", Lower("name"), name="team_name_unique_per_school")
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("quality coordinator")
    LEADER = "leader", _("school leader")
    TEACHER = "teacher", _("teacher")
    VIEWER = "viewer", _("viewer")


class Membership(models.Model):
    """A person's role in one school."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.TEACHER)
    teams = models.ManyToManyField(
        Team, blank=True, related_name="memberships", verbose_name=_("teams")
    )
    is_active = models.BooleanField(_("active"), default=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="membership_unique_per_school")
        ]

    def __str__(self):
        return f"{self.user} @ {self.school} ({self.role})"
