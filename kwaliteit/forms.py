from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CoreValue, Membership, Role, School, Team, User, VisionVersion


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
