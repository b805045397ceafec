"""Forms of the improvement cycles. The services decide what is valid; these forms offer only
what may be chosen (members, teams, cards and indicators of the school) and carry the errors."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kwaliteit.fields import DecimalNumberField
from kwaliteit.forms import ServiceModelForm

from . import selectors
from .models import Action, Cycle, Phase, SuccessCriterion
from .services import ANCHOR_CHANGE_AGREEMENT, ANCHOR_CHANGE_CARD, ANCHOR_NEW_AGREEMENT

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_service_error(form, error: ValidationError):
    """A service's error on the form: on its field when the form has one, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _people(field, school, message=None):
    field.queryset = selectors.members(school=school)
    field.error_messages["invalid_choice"] = message or _(
        "Choose someone who is a member of this school."
    )


class PlanForm(ServiceModelForm):
    """The plan: goal (what, how much, by when), reason, owner, team and linked cards."""

    class Meta:
        model = Cycle
        fields = [
            "title",
            "goal_what",
            "goal_measure",
            "goal_date",
            "reason",
            "owner",
            "team",
            "cards",
        ]
        widgets = {
            "goal_what": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
            "goal_date": DATE,
            "cards": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "goal_what": _("What should be better, and for whom?"),
            "goal_measure": _("How much: how will you know the goal is reached?"),
            "reason": _("Why this cycle: what did you see?"),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        _people(self.fields["owner"], school)
        self.fields["team"].queryset = selectors.teams(school=school)
        self.fields["team"].error_messages["invalid_choice"] = _("Choose a team of this school.")
        self.fields["cards"].queryset = selectors.cards(school=school)
        self.fields["cards"].required = False

    def plan(self):
        """The plan fields, as plan_update and cycle_create take them."""
        return {name: self.cleaned_data[name] for name in PlanForm.Meta.fields}


def _due_fields():
    return {
        f"due_{kind}": forms.DateField(label=label, widget=DATE)
        for kind, label in Phase.Kind.choices
    }


class CycleForm(PlanForm):
    """A new cycle: the plan, the due date of each phase and an optional first criterion."""

    criterion = forms.CharField(
        label=_("First success criterion"),
        max_length=300,
        required=False,
        help_text=_("Optional; you can add more criteria later."),
    )
    criterion_indicator = forms.ModelChoiceField(
        label=_("Measured by indicator"), queryset=None, required=False
    )
    criterion_target = DecimalNumberField(
        label=_("Target value"), max_digits=12, decimal_places=4, required=False
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, school=school, **kwargs)
        self.fields.update(_due_fields())
        indicator = self.fields["criterion_indicator"]
        indicator.queryset = selectors.indicators(school=school)
        indicator.error_messages["invalid_choice"] = _("Choose an indicator of this school.")

    def due_dates(self):
        return {kind: self.cleaned_data[f"due_{kind}"] for kind in Phase.Kind.values}

    def criteria(self):
        description = self.cleaned_data.get("criterion", "").strip()
        if not description:
            return []
        return [
            (
                description,
                self.cleaned_data.get("criterion_indicator"),
                self.cleaned_data.get("criterion_target"),
            )
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("criterion", "").strip() and (
            cleaned.get("criterion_indicator") or cleaned.get("criterion_target") is not None
        ):
            self.add_error("criterion", _("Describe the success criterion."))
        return cleaned


class ScheduleForm(forms.Form):
    """Due date and (optional) owner per phase; completed phases keep theirs."""

    def __init__(self, *args, school, phases, **kwargs):
        super().__init__(*args, **kwargs)
        people = list(selectors.members(school=school))
        self.kinds = []
        for phase in phases:
            name = phase.get_kind_display()
            due = forms.DateField(
                label=_("%(phase)s: due date") % {"phase": name}, widget=DATE, initial=phase.due_on
            )
            owner = forms.ModelChoiceField(
                label=_("%(phase)s: responsible") % {"phase": name},
                queryset=selectors.members(school=school),
                required=False,
                initial=phase.owner_id,
                empty_label=_("the cycle's owner"),
                help_text=_("Empty: the owner of the cycle answers for this phase."),
            )
            owner.choices = [("", owner.empty_label)] + [(p.pk, str(p)) for p in people]
            owner.error_messages["invalid_choice"] = _(
                "Choose someone who is a member of this school."
            )
            if phase.is_completed:
                due.disabled = owner.disabled = True
            self.fields[f"due_{phase.kind}"] = due
            self.fields[f"owner_{phase.kind}"] = owner
            self.kinds.append((phase, self[f"due_{phase.kind}"], self[f"owner_{phase.kind}"]))

    def due_dates(self):
        return {
            kind: self.cleaned_data[f"due_{kind}"]
            for kind in Phase.Kind.values
            if not self.fields[f"due_{kind}"].disabled
        }

    def owners(self):
        return {
            kind: self.cleaned_data[f"owner_{kind}"]
            for kind in Phase.Kind.values
            if not self.fields[f"owner_{kind}"].disabled
        }


class CriterionForm(ServiceModelForm):
    class Meta:
        model = SuccessCriterion
        fields = ["description", "indicator", "target_value"]
        field_classes = {"target_value": DecimalNumberField}
        help_texts = {
            "description": _("How will you know the goal is reached? Make it checkable."),
            "target_value": _("Only with an indicator: the value the indicator should reach."),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = selectors.indicators(school=school)
        self.fields["indicator"].error_messages["invalid_choice"] = _(
            "Choose an indicator of this school."
        )


class ActionForm(ServiceModelForm):
    class Meta:
        model = Action
        fields = ["description", "owner", "due_on", "status"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, school, with_status=True, status_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        _people(self.fields["owner"], school)
        if not with_status:
            del self.fields["status"]
        if status_only:
            for name in ("description", "owner", "due_on"):
                self.fields[name].disabled = True


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Progress note"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happened, what did you notice? At most 1000 characters."),
    )


class EvaluationForm(ServiceModelForm):
    class Meta:
        model = SuccessCriterion
        fields = ["result", "evidence", "no_data_reason"]
        widgets = {
            "result": forms.RadioSelect,
            "evidence": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "evidence": _("The facts: measurements, observations, what people said."),
            "no_data_reason": _("Only for “no data”: why is there nothing to go on?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].required = True
        self.fields["result"].choices = SuccessCriterion.Result.choices
        self.fields["result"].error_messages["required"] = _(
            "Choose met, partly met, not met or no data."
        )


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Conclusion of the Check"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What do the evaluations tell you, taken together?"),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why reopen this phase?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The reason is kept in the cycle's history. Later phases reopen too."),
    )


ANCHOR_CHOICES = [
    (ANCHOR_NEW_AGREEMENT, _("a new agreement on a quality card")),
    (ANCHOR_CHANGE_AGREEMENT, _("change an existing agreement")),
    (ANCHOR_CHANGE_CARD, _("change a quality card (the card goes to review)")),
]


class ActForm(forms.Form):
    """The Act's decision; for borgen also how the result is anchored."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=Cycle.Decision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Explanation"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you stop: why?"),
    )
    how = forms.ChoiceField(
        label=_("How is the result anchored?"),
        choices=ANCHOR_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    card = forms.ModelChoiceField(label=_("Quality card"), queryset=None, required=False)
    agreement = forms.ModelChoiceField(
        label=_("Agreement to change"), queryset=None, required=False
    )
    text = forms.CharField(
        label=_("Text of the agreement"),
        max_length=300,
        required=False,
        help_text=_("For a new or changed agreement."),
    )
    owner = forms.ModelChoiceField(label=_("Owner of the agreement"), queryset=None, required=False)
    check_interval_months = forms.IntegerField(
        label=_("Follow up every (months)"), min_value=1, max_value=24, required=False, initial=3
    )
    first_check_on = forms.DateField(label=_("First follow-up"), required=False, widget=DATE)
    change = forms.CharField(
        label=_("What changes on the card?"),
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].error_messages["required"] = _(
            "Choose a decision: anchor, adjust or stop."
        )
        self.fields["card"].queryset = selectors.cards(school=school)
        self.fields["card"].error_messages["invalid_choice"] = _(
            "Choose a quality card of this school."
        )
        agreement = self.fields["agreement"]
        agreement.queryset = selectors.agreements(school=school)
        agreement.label_from_instance = lambda a: f"{a.card.title}: {a.text}"
        agreement.error_messages["invalid_choice"] = _("Choose an agreement of this school.")
        _people(self.fields["owner"], school)

    def anchor(self):
        data = self.cleaned_data
        keys = ("how", "card", "agreement", "text", "owner", "check_interval_months")
        anchor = {key: data.get(key) for key in keys}
        anchor["first_check_on"] = data.get("first_check_on")
        anchor["change"] = data.get("change", "")
        anchor["text"] = anchor["text"] or ""
        return anchor


class FilterForm(forms.Form):
    """The list's filters (GET)."""

    PHASES = [("", _("all phases"))] + list(Phase.Kind.choices) + [("closed", _("closed"))]

    fase = forms.ChoiceField(label=_("Phase"), choices=PHASES, required=False)
    eigenaar = forms.ModelChoiceField(
        label=_("Owner"), queryset=None, required=False, empty_label=_("everyone")
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=None, required=False, empty_label=_("all teams")
    )
    kaart = forms.ModelChoiceField(
        label=_("Quality card"), queryset=None, required=False, empty_label=_("all cards")
    )
    te_laat = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = selectors.members(school=school)
        self.fields["team"].queryset = selectors.teams(school=school)
        self.fields["kaart"].queryset = selectors.cards(school=school)

    def filters(self):
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "phase": data["fase"],
            "owner": data["eigenaar"],
            "team": data["team"],
            "card": data["kaart"],
            "overdue": data["te_laat"],
        }

    def summary(self):
        """The active filters in words, for the page title ("Plan, overdue")."""
        active = {key: value for key, value in self.filters().items() if value}
        words = [str(value) for key, value in active.items() if key not in ("phase", "overdue")]
        if "phase" in active:
            words.insert(0, str(dict(self.PHASES)[active["phase"]]))
        if "overdue" in active:
            words.append(str(_("overdue")))
        return ", ".join(words)
