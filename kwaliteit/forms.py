from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as BasePasswordResetForm
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model, model_to_dict
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import periods, queue
from .models import CoreValue, Membership, Role, School, Team, User, VisionVersion
from .schoolyear import DUTCH_START, FLEMISH_START, start_problem


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.TEACHER)
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = Team.objects.filter(school=school)


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "teams", "is_active"]
        widgets = {"teams": forms.CheckboxSelectMultiple}
        labels = {"is_active": _("Active member of this school")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = Team.objects.filter(school=self.instance.school)


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=100)


class VisionForm(forms.ModelForm):
    class Meta:
        model = VisionVersion
        fields = ["title", "statement"]
        labels = {"statement": _("Vision statement: why we do what we do")}
        widgets = {"statement": forms.Textarea(attrs={"rows": 8})}


class CoreValueForm(forms.ModelForm):
    class Meta:
        model = CoreValue
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


CoreValueFormSet = forms.modelformset_factory(
    CoreValue, form=CoreValueForm, extra=2, can_delete=True, max_num=8, validate_max=True
)


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Adopted on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    seen = forms.DateTimeField(widget=forms.HiddenInput)

    def clean_adopted_on(self):
        value = self.cleaned_data["adopted_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The adoption date cannot lie in the future."))
        return value


class ReminderFrequencyForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["reminder_frequency"]
        labels = {"reminder_frequency": _("How do you want your reminders?")}
        widgets = {"reminder_frequency": forms.RadioSelect}


class SchoolReminderForm(forms.ModelForm):
    class Meta:
        model = School
        fields = ["reminder_due_soon_days", "reminder_escalate_after_days"]


class SchoolSessionForm(forms.ModelForm):
    class Meta:
        model = School
        fields = ["session_idle_hours"]
        error_messages = {
            "session_idle_hours": {
                "min_value": _("Choose at least %(limit_value)s hour."),
                "max_value": _("Choose at most %(limit_value)s hours."),
            }
        }


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True})
    )
    error_messages = {
        "invalid_login": _("This e-mail address and password do not match. Try again."),
        "inactive": _("This account has been deactivated."),
    }


class PasswordResetForm(BasePasswordResetForm):
    """Also reaches invited people who never set a password (their invite link may be lost)."""

    def get_users(self, email):
        return get_user_model().objects.filter(email__iexact=email, is_active=True)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Queue the mail: the answer takes as long whether or not the address exists."""
        queue.on_commit(
            "kwaliteit.tasks.send_password_reset_mail",
            context["user"].pk,
            context["uid"],
            context["token"],
        )


class ServiceModelForm(forms.Form):
    """A model's fields, as a ModelForm would offer them, for a form whose service decides.

    A ModelForm copies what was typed onto its instance and validates the model before the
    service is asked; here only the service decides (it raises ValidationError keyed by field,
    which the view puts on the form) and the object stays as it was until the service saves it.
    `instance` only fills in the initial values. Meta takes model, fields, widgets, labels,
    help_texts and field_classes, as a ModelForm's does.
    """

    class Meta:
        model = None
        fields = ()

    def __init__(self, *args, instance=None, **kwargs):
        meta = self.Meta
        if instance is not None:
            kwargs["initial"] = {
                **model_to_dict(instance, fields=meta.fields),
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        self.instance = instance
        generated = fields_for_model(
            meta.model,
            fields=meta.fields,
            widgets=getattr(meta, "widgets", None),
            labels=getattr(meta, "labels", None),
            help_texts=getattr(meta, "help_texts", None),
            field_classes=getattr(meta, "field_classes", None),
        )
        # The model's fields first, then the form's own, as a ModelForm orders them.
        self.fields = {**generated, **self.fields}


class SchoolYearStartForm(forms.Form):
    """The day the school year starts: the Dutch or the Flemish day, or one of the school's own."""

    DUTCH, FLEMISH, OTHER = "nl", "be", "other"
    STARTS = {DUTCH: DUTCH_START, FLEMISH: FLEMISH_START}

    choice = forms.ChoiceField(
        label=_("The school year starts on"),
        choices=[
            (DUTCH, _("1 August (Netherlands)")),
            (FLEMISH, _("1 September (Flanders)")),
            (OTHER, _("Another date")),
        ],
        widget=forms.RadioSelect,
    )
    day = forms.IntegerField(
        label=_("Day"),
        required=False,
        error_messages={"invalid": _("Write the day as a number, for example 15.")},
    )
    month = forms.TypedChoiceField(
        label=_("Month"),
        choices=[("", "—"), *MONTHS.items()],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, school, **kwargs):
        start = school.year_start
        choice = next((key for key, value in self.STARTS.items() if value == start), self.OTHER)
        initial = {"choice": choice}
        if choice == self.OTHER:
            initial.update(month=start[0], day=start[1])
        super().__init__(*args, initial=initial, **kwargs)
        for name in ("day", "month"):
            # Needed for "another date", so not marked "(optional)"; clean() asks for them.
            self.fields[name].conditional = True
            self.fields[name].help_text = _("Only for another date.")

    def clean(self):
        data = super().clean()
        choice = data.get("choice")
        if choice in self.STARTS:
            data["start"] = self.STARTS[choice]
        elif choice == self.OTHER:
            month, day = data.get("month"), data.get("day")
            if month is None:
                self.add_error("month", _("Choose the month the school year starts in."))
            if day is None and "day" not in self.errors:
                self.add_error("day", _("Write the day the school year starts on."))
            if month is not None and day is not None:
                if problem := start_problem(month, day):
                    self.add_error("day", problem)
                else:
                    data["start"] = (month, day)
        return data


DAY_MONTH_YEAR = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y"]


class AuditExportForm(forms.Form):
    """The period of the audit trail to export; day-month-year as people type it."""

    start = forms.DateField(
        label=_("From"),
        input_formats=DAY_MONTH_YEAR,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date as day-month-year, e.g. 31-07-2026.")},
    )
    end = forms.DateField(
        label=_("To"),
        input_formats=DAY_MONTH_YEAR,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date as day-month-year, e.g. 31-07-2026.")},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise ValidationError(_("The period ends before it starts: swap the dates."))
        return data


# --- the period and team of a dashboard (GET) --------------------------------------------------

PERIOD_DATE_FORMAT = "%d-%m-%Y"  # as the URL carries it: ?van=01-09-2025&tot=31-12-2025
# Dates outside these years are typos (0202, 20255), not periods anyone reports on.
PERIOD_YEARS = (1900, 2100)


def _years_after(day, years):
    """The same day `years` later (29 February: 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


class PeriodForm(forms.Form):
    """?periode=dit-jaar|vorig-jaar|eigen&van=dd-mm-jjjj&tot=dd-mm-jjjj&team=<id>.

    Always bound (the page reads the URL): `period()` is the chosen period, or this school year
    when the choice has an error; `team_id()` is the chosen team of this school, or None. A team
    of another school is an error on the form, never another school's data.
    """

    periode = forms.ChoiceField(
        label=_("Period"),
        choices=periods.CHOICES,
        required=False,
        initial=periods.THIS_YEAR,
        error_messages={
            "invalid_choice": _("Choose this school year, last school year or another period.")
        },
    )
    van = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=DAY_MONTH_YEAR,
        widget=forms.DateInput(format=PERIOD_DATE_FORMAT, attrs={"autocomplete": "off"}),
        help_text=_("day-month-year"),
        error_messages={"invalid": _("Enter the date as day-month-year, e.g. 31-07-2026.")},
    )
    tot = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=DAY_MONTH_YEAR,
        widget=forms.DateInput(format=PERIOD_DATE_FORMAT, attrs={"autocomplete": "off"}),
        help_text=_("day-month-year"),
        error_messages={"invalid": _("Enter the date as day-month-year, e.g. 31-07-2026.")},
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("all teams"),
        error_messages={
            "invalid_choice": _("Choose one of this school's teams, or all teams."),
        },
    )

    def __init__(self, data, *, today, school=None, year_start=None):
        """For one school (its year start and teams), or for several (a board's roll-up):
        school=None with the year_start they share, and no team to choose."""
        data = data.copy()
        if data.get("periode") != periods.CUSTOM:
            # Dates only count for "another period"; left over from an earlier choice, they are
            # no reason for an error.
            data.pop("van", None)
            data.pop("tot", None)
        super().__init__(data)
        self.today = today
        self.year_start = school.year_start if school is not None else tuple(year_start)
        if school is not None:
            self.fields["team"].queryset = Team.objects.filter(school=school).order_by("name")
        else:
            del self.fields["team"]

    def _clean_day(self, name):
        day = self.cleaned_data.get(name)
        if day is not None and not PERIOD_YEARS[0] <= day.year <= PERIOD_YEARS[1]:
            raise ValidationError(
                _("Choose a date between the years %(first)s and %(last)s.")
                % {"first": PERIOD_YEARS[0], "last": PERIOD_YEARS[1]}
            )
        return day

    def clean_van(self):
        return self._clean_day("van")

    def clean_tot(self):
        return self._clean_day("tot")

    def clean(self):
        data = super().clean()
        key = data.get("periode") or periods.THIS_YEAR
        if key != periods.CUSTOM:
            years_back = 1 if key == periods.LAST_YEAR else 0
            data["period"] = periods.Period.year_from(
                self.year_start, self.today, years_back=years_back
            )
            return data
        if "van" in self.errors or "tot" in self.errors:
            return data
        start, end = data.get("van"), data.get("tot")
        if start is None or end is None:
            missing = "van" if start is None else "tot"
            self.add_error(missing, _("Enter the first and the last day of the period."))
        elif end < start:
            self.add_error("tot", _("The period ends before it starts: swap the dates."))
        elif end >= _years_after(start, periods.MAX_YEARS):
            message = ngettext(
                "A period spans at most %(years)s year: choose a shorter one.",
                "A period spans at most %(years)s years: choose a shorter one.",
                periods.MAX_YEARS,
            )
            self.add_error("tot", message % {"years": periods.MAX_YEARS})
        else:
            data["period"] = periods.Period(start, end, periods.CUSTOM)
        return data

    def period(self):
        """The chosen period; this school year when the choice has an error."""
        if self.is_valid() or "period" in self.cleaned_data:
            return self.cleaned_data["period"]
        return periods.Period.year_from(self.year_start, self.today)

    def team_id(self):
        """The chosen team's id (one of this school's), or None for all teams."""
        self.is_valid()
        team = self.cleaned_data.get("team")
        return team.pk if team is not None else None

    def chosen_team(self):
        self.is_valid()
        return self.cleaned_data.get("team")

    def params(self):
        """The query parameters that choose this period and team again (links, exports)."""
        params = dict(self.period().params())
        if (team_id := self.team_id()) is not None:
            params["team"] = team_id
        return params
