from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from kwaliteit.fields import DecimalNumberField
from kwaliteit.models import User
from kwaliteit.schoolyear import DEFAULT_START, SchoolYear

from . import importing
from .models import DataplanSettings, Decision, Indicator

MONTHS = [
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
]


class IndicatorForm(forms.ModelForm):
    collection_months = forms.TypedMultipleChoiceField(
        label=_("Collection moments"),
        choices=MONTHS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The months of the school year in which it is collected."),
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "question",
            "source",
            "kind",
            "unit",
            "scale_min",
            "scale_max",
            "higher_is_better",
            "norm",
            "target",
            "action_when_missed",
            "owner",
            "level",
            "collection_months",
            "is_active",
        ]
        field_classes = dict.fromkeys(
            ["scale_min", "scale_max", "norm", "target"], DecimalNumberField
        )
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "action_when_missed": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        # The months in the order the school's year runs through them.
        order = SchoolYear(2000, school.year_start).months()
        self.fields["collection_months"].choices = sorted(MONTHS, key=lambda c: order.index(c[0]))
        self.fields["owner"].queryset = User.objects.filter(
            memberships__school=school, memberships__is_active=True
        ).order_by("full_name")


class MeasurementForm(forms.Form):
    group_name = forms.CharField(
        label=_("Group"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"list": "group-names", "autocomplete": "off"}),
    )
    measured_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    value = DecimalNumberField(label=_("Value"), max_digits=12, decimal_places=4)
    note = forms.CharField(
        label=_("Context note"),
        max_length=500,
        required=False,
        help_text=_("For example: new course, first year."),
    )


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["decided_on", "text"]
        widgets = {"decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"text": _("What did we decide because of this indicator?")}


class SettingsForm(forms.ModelForm):
    class Meta:
        model = DataplanSettings
        fields = ["max_active_indicators"]


def school_year_choices(around=None, *, start=DEFAULT_START):
    """The current school year (of a school whose year starts on `start`) and five before it."""
    current = SchoolYear.of(around or timezone.localdate(), start)
    years = [current.shifted(-offset) for offset in range(0, 6)]
    return [(year.start_year, str(year)) for year in years]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    school_year = forms.TypedChoiceField(
        label=_("School year"),
        coerce=int,
        choices=(),
        required=False,
        empty_value=None,
        help_text=_("Leave it to the dates when they all fall in one school year."),
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.none(),
        required=False,
        empty_label=_("— named in a column of the file —"),
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].choices = [
            ("", _("— from the dates in the file —")),
            *school_year_choices(start=school.year_start),
        ]
        self.fields["indicator"].queryset = Indicator.objects.filter(school=school)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:  # refused before the file is read into memory
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB. Split it, e.g. one school year per file.")
                % {"mb": limit // (1024 * 1024)}
            )
        return upload


class RenameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("New name"), max_length=100)


class MergeForm(forms.Form):
    target = forms.TypedChoiceField(label=gettext_lazy("Merge into"), coerce=int)

    def __init__(self, *args, source, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", _("Choose…"))] + [
            (group.pk, group.name)
            for group in candidates
            if group.level == source.level and group.pk != source.pk
        ]


FIELD_LABELS = {
    "indicator": gettext_lazy("indicator"),
    "group": gettext_lazy("group"),
    "date": gettext_lazy("date"),
    "value": gettext_lazy("value"),
    "note": gettext_lazy("context note"),
    importing.IGNORE: gettext_lazy("— ignore this column —"),
}


class MappingForm(forms.Form):
    """One choice per column of the file: which field it holds; and the school year."""

    def __init__(self, *args, headers, mapping, school_year, years_in_file, start, **kwargs):
        super().__init__(*args, **kwargs)
        years = dict(school_year_choices(start=start))
        for year in [school_year, *years_in_file]:
            years.setdefault(year, str(SchoolYear(year)))
        self.fields["school_year"] = forms.TypedChoiceField(
            label=_("School year"),
            coerce=int,
            choices=sorted(years.items(), reverse=True),
            initial=school_year,
        )
        choices = [("", _("— choose —"))] + list(FIELD_LABELS.items())
        for index, header in enumerate(headers):
            self.fields[f"col{index}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=mapping.get(header, "")
            )
        self.headers = headers

    def columns(self):
        return [self[f"col{index}"] for index in range(len(self.headers))]

    def mapping(self):
        return {
            header: self.cleaned_data[f"col{index}"] for index, header in enumerate(self.headers)
        }


class EncodingForm(forms.Form):
    encoding = forms.ChoiceField(label=_("Encoding"), choices=importing.ENCODINGS.items())
