"""Success criteria: added, changed and removed while the Plan is open."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kwaliteit.confirm import CONFIRM_FIELD, is_confirmed
from kwaliteit.decorators import school_view

from .. import selectors, services
from ..forms import CriterionForm, add_service_error
from .common import back_to_cycle, cycle_for, form_page, require_work

INTRO = gettext_lazy(
    "How will you know the goal is reached? Tie the criterion to an indicator to see its "
    "measurements in the Check."
)


@school_view("cycles.write")
def criterion_add(request, pk):
    cycle = cycle_for(request, pk)
    require_work(request, cycle)
    form = CriterionForm(request.POST or None, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            criterion = services.criterion_add(cycle=cycle, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The success criterion has been added."))
            return back_to_cycle(request, cycle, f"#criterion-{criterion.pk}")
    return form_page(
        request,
        cycle,
        form,
        title=_("New success criterion"),
        submit=_("Add the criterion"),
        intro=INTRO,
    )


@school_view("cycles.write")
def criterion_edit(request, pk, criterion_pk):
    cycle = cycle_for(request, pk)
    require_work(request, cycle)
    criterion = selectors.criterion_get(cycle=cycle, pk=criterion_pk)
    form = CriterionForm(request.POST or None, instance=criterion, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_update(criterion=criterion, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The success criterion has been saved."))
            return back_to_cycle(request, cycle, f"#criterion-{criterion.pk}")
    return form_page(
        request,
        cycle,
        form,
        title=_("Change the success criterion"),
        submit=_("Save the criterion"),
        intro=INTRO,
    )


@school_view("cycles.write")
def criterion_delete(request, pk, criterion_pk):
    """Asks first (GET), removes on POST."""
    cycle = cycle_for(request, pk)
    require_work(request, cycle)
    criterion = selectors.criterion_get(cycle=cycle, pk=criterion_pk)
    error = None
    if is_confirmed(request):
        try:
            services.criterion_delete(criterion=criterion, user=request.user)
        except ValidationError as problem:
            error = problem
        else:
            messages.success(request, _("The success criterion has been removed."))
            return back_to_cycle(request, cycle, "#criteria")
    context = {
        "cycle": cycle,
        "criterion": criterion,
        "error": error,
        "confirm_field": CONFIRM_FIELD,
    }
    return render(request, "pdca/criterion_delete.html", context)
