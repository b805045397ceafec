"""The Check: every success criterion evaluated, with the indicator's measurements beside it,
and a conclusion."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kwaliteit.decorators import school_view

from .. import selectors, services
from ..forms import ConclusionForm, EvaluationForm, add_service_error
from ..models import Phase
from .common import back_to_cycle, cycle_for, require_work

Kind = Phase.Kind


def _state(cycle):
    """The phases by kind, and a notice when the Check is not open for writing."""
    phases = {phase.kind: phase for phase in selectors.phases_for(cycle=cycle)}
    if cycle.is_closed:
        notice = _("This cycle is closed. Reopen its Act to change it.")
    elif not phases[Kind.DO].is_completed:
        notice = _("The Check starts when the Do has been completed: phases go in order.")
    elif phases[Kind.CHECK].is_completed:
        notice = _("The Check has been completed. Reopen it, with a reason, to change it.")
    else:
        notice = ""
    return phases, notice


@school_view("cycles.write")
def check_page(request, pk):
    """Every criterion with its evaluation and measurements; the conclusion is saved here."""
    cycle = cycle_for(request, pk)
    require_work(request, cycle)
    form = ConclusionForm(request.POST or None, initial={"conclusion": cycle.check_conclusion})
    if request.method == "POST" and form.is_valid():
        try:
            services.check_conclusion_save(
                cycle=cycle, user=request.user, conclusion=form.cleaned_data["conclusion"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The conclusion has been saved."))
            return back_to_cycle(request, cycle, "#conclusion")
    today = timezone.localdate()
    phases, notice = _state(cycle)
    criteria = selectors.with_measurements(
        selectors.criteria_for(cycle=cycle), cycle=cycle, today=today
    )
    context = {
        "cycle": cycle,
        "form": form,
        "criteria": criteria,
        "missing": sum(1 for criterion in criteria if not criterion.result),
        "check_phase": phases[Kind.CHECK],
        "notice": notice,
        "today": today,
    }
    return render(request, "pdca/check.html", context)


@school_view("cycles.write")
def evaluate(request, pk, criterion_pk):
    cycle = cycle_for(request, pk)
    require_work(request, cycle)
    criterion = selectors.criterion_get(cycle=cycle, pk=criterion_pk)
    form = EvaluationForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_evaluate(criterion=criterion, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The evaluation has been saved."))
            # back to the Check page it was opened from, at this criterion
            check = reverse("pdca:check", args=[request.school.slug, cycle.pk])
            return redirect(f"{check}#criterion-{criterion.pk}")
    today = timezone.localdate()
    [criterion] = selectors.with_measurements([criterion], cycle=cycle, today=today)
    _phases, notice = _state(cycle)
    context = {"cycle": cycle, "criterion": criterion, "form": form, "notice": notice}
    return render(request, "pdca/evaluate.html", context)
