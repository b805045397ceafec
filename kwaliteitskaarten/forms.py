from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from dataplan.models import Indicator
from kwaliteit.models import CoreValue, Team, User

from .models import AgreementCheck, Appreciation, CardVersion, Kwaliteitskaart, Reflection


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


SCALE = [
    (1, gettext_lazy("1 · not recognisable")),
    (2, gettext_lazy("2 · a little")),
    (3, gettext_lazy("3 · largely")),
    (4, gettext_lazy("4 · fully")),
]


class PeriodForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=80)
    opens_on = forms.DateField(
        label=gettext_lazy("Opens on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Closes on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class AnswersForm(forms.Form):
    """A score (1–4) and a remark per card; cards left without a score are not answered."""

    def __init__(self, *args, cards, **kwargs):
        super().__init__(*args, **kwargs)
        self.cards = cards
        for card in cards:
            self.fields[f"score-{card.pk}"] = forms.TypedChoiceField(
                label=card.title,
                choices=SCALE,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"remark-{card.pk}"] = forms.CharField(
                label=_("Remark on “%(title)s” (optional)") % {"title": card.title},
                max_length=500,
                required=False,
            )

    def rows(self):
        for card in self.cards:
            yield card, self[f"score-{card.pk}"], self[f"remark-{card.pk}"]

    def clean(self):
        cleaned = super().clean()
        self.answers = []
        for card in self.cards:
            score_name = f"score-{card.pk}"
            score, remark = cleaned.get(score_name), (cleaned.get(f"remark-{card.pk}") or "")
            if card.answered:
                if score or remark.strip():
                    self.add_error(
                        score_name, _("You already answered for this card in this period.")
                    )
            elif score:
                self.answers.append((card, score, remark.strip()))
            elif remark.strip():
                self.add_error(score_name, _("Choose a score to go with your remark."))
        if not self.answers and not self.errors:
            raise ValidationError(_("Choose a score for at least one card."))
        return cleaned


def _set_choices(field, objects):
    """Render the choices from an already evaluated list (no extra query); the queryset still
    decides what is valid."""
    field.choices = [("", _("Choose…"))] + [(obj.pk, str(obj)) for obj in objects]


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = Reflection
        fields = ["card", "text", "visibility"]
        labels = {"card": gettext_lazy("Card")}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "text": gettext_lazy("How does this card show in your class? At most 1000 characters.")
        }

    def __init__(self, *args, cards_qs, cards, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["card"]
        field.queryset = cards_qs
        field.error_messages["invalid_choice"] = gettext_lazy("Choose one of your cards.")
        _set_choices(field, cards)


class AppreciationForm(forms.ModelForm):
    class Meta:
        model = Appreciation
        fields = ["recipient", "card", "text"]
        labels = {"card": gettext_lazy("Card")}
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "maxlength": 500})}

    def __init__(self, *args, author, people_qs, people, cards_qs, cards, **kwargs):
        super().__init__(*args, **kwargs)
        self.author = author
        recipient = self.fields["recipient"]
        recipient.queryset = people_qs
        recipient.error_messages["invalid_choice"] = gettext_lazy(
            "Choose a colleague from this school."
        )
        _set_choices(recipient, [p for p in people if p.pk != author.pk])
        card = self.fields["card"]
        card.queryset = cards_qs
        card.error_messages["invalid_choice"] = gettext_lazy("Choose one of your cards.")
        _set_choices(card, cards)
