from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dataplan.models import Indicator
from kwaliteit.models import CoreValue, Team, User

from .models import AgreementCheck, CardVersion, Kwaliteitskaart


def _members(school):
    return User.objects.filter(memberships__school=school, memberships__is_active=True).order_by(
        "full_name"
    )


class CardForm(forms.ModelForm):
    class Meta:
        model = Kwaliteitskaart
        fields = ["title", "owner", "team", "review_interval_months"]

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _members(school)
        self.fields["team"].queryset = Team.objects.filter(school=school)


class CardDraftForm(forms.ModelForm):
    class Meta:
        model = CardVersion
        fields = ["why", "core_values", "core", "autonomy", "how_we_see_it", "indicators"]
        widgets = {
            "why": forms.Textarea(attrs={"rows": 3}),
            "core": forms.Textarea(attrs={"rows": 5}),
            "autonomy": forms.Textarea(attrs={"rows": 3}),
            "how_we_see_it": forms.Textarea(attrs={"rows": 2}),
            "core_values": forms.CheckboxSelectMultiple,
            "indicators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, school, vision, **kwargs):
        super().__init__(*args, **kwargs)
        values = CoreValue.objects.filter(vision=vision) if vision else CoreValue.objects.none()
        self.fields["core_values"].queryset = values
        if self.instance.pk and not self.is_bound:
            # A draft started before the vision changed links the older version's values: tick
            # their successors (same lineage), so saving the draft keeps a renamed value.
            current = {value.lineage: value.pk for value in values}
            self.initial["core_values"] = [
                current[value.lineage]
                for value in self.instance.core_values.all()
                if value.lineage in current
            ]
        self.fields["indicators"].queryset = Indicator.objects.filter(school=school, is_active=True)


class AdoptCardForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Adopted on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    # The draft's last-saved moment as the leader saw it: a draft changed since is not adopted.
    seen = forms.DateTimeField(widget=forms.HiddenInput)


class AgreementForm(forms.Form):
    text = forms.CharField(
        label=_("Agreement"),
        max_length=300,
        error_messages={"required": _("Write the agreement.")},
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        error_messages={"required": _("Choose who follows the agreement up.")},
    )
    check_interval_months = forms.IntegerField(
        label=_("Follow up every (months)"), min_value=1, max_value=24, initial=3
    )
    first_check_on = forms.DateField(
        label=_("First follow-up"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Choose the first follow-up moment.")},
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _members(school)


class CheckForm(forms.ModelForm):
    class Meta:
        model = AgreementCheck
        fields = ["checked_on", "result", "note"]
        widgets = {
            "checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "result": forms.RadioSelect,
        }
        error_messages = {
            "result": {"required": _("Choose whether the agreement was kept.")},
            "checked_on": {
                "required": _("Fill in the date of the check."),
                "invalid": _("Fill in the date of the check as day-month-year."),
            },
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"checked_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
