from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

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
