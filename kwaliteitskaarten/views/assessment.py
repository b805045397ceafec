"""Card self-assessment: the periods, and answering every card once per open period."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kwaliteit.decorators import school_view

from .. import selectors_assessment as selectors
from .. import services

# The roles that work in daily practice rate it: coordinators, leaders and teachers.
# Viewers and board members read the team scores but do not answer.
ANSWER_PERMISSION = "agreements.check"

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

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("A period cannot close before the day it opens."))
        return cleaned


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


@school_view("cards.view")
def periods(request):
    """Every self-assessment period with its state; coordinators open a new one."""
    can_create = request.access.can("cards.edit")
    form = PeriodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        if form.is_valid():
            try:
                period = services.assessment_period_create(
                    school=request.school, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The period “%(name)s” has been made.") % {"name": period.name},
                )
                return redirect("kwaliteitskaarten:assessment", request.school.slug)
    context = {
        "periods": selectors.periods_list(school=request.school),
        "form": form if can_create else None,
        "can_answer": request.access.can(ANSWER_PERMISSION),
        "today": timezone.localdate(),
    }
    return render(request, "kwaliteitskaarten/assessment_periods.html", context)


@school_view(ANSWER_PERMISSION)
def answer(request, period_pk):
    """Rate every adopted card once in an open period; the answers are saved all at once."""
    period = selectors.period_get(school=request.school, pk=period_pk)
    today = timezone.localdate()
    is_open = period.is_open(today)
    if request.method == "POST" and not is_open:
        messages.error(request, _("This self-assessment is not open."))
        return redirect("kwaliteitskaarten:assessment-answer", request.school.slug, period.pk)
    cards = list(selectors.cards_to_assess(period=period, user=request.user)) if is_open else []
    form = AnswersForm(request.POST if request.method == "POST" else None, cards=cards)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.assessment_answers_save(
                period=period, respondent=request.user, answers=form.answers, today=today
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = len(saved)
            messages.success(
                request,
                ngettext(
                    "Thank you: your answer for %(count)d card has been saved.",
                    "Thank you: your answers for %(count)d cards have been saved.",
                    count,
                )
                % {"count": count},
            )
            return redirect("kwaliteitskaarten:assessment-answer", request.school.slug, period.pk)
    context = {
        "period": period,
        "is_open": is_open,
        "form": form,
        "cards": cards,
        "all_answered": bool(cards) and all(card.answered for card in cards),
        "today": today,
    }
    return render(request, "kwaliteitskaarten/assessment_answer.html", context)
