"""The Act: anchor (borgen), adjust (bijstellen) or stop (stoppen). Deciding closes the cycle."""

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kwaliteit.decorators import school_view

from .. import selectors, services
from ..forms import ActForm, add_service_error
from ..models import Cycle, Phase
from .common import back_to_cycle, cycle_for, require_work


def _initial(cycle, cards):
    return {
        "card": cards[0].pk if cards else None,
        "owner": cycle.owner_id,
        "check_interval_months": 3,
        "first_check_on": timezone.localdate() + relativedelta(months=1),
    }


@school_view("cycles.write")
def act(request, pk):
    cycle = cycle_for(request, pk)
    require_work(request, cycle)
    cards = list(cycle.cards.all())
    form = ActForm(request.POST or None, school=request.school, initial=_initial(cycle, cards))
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        anchor = form.anchor() if decision == Cycle.Decision.ANCHOR else None
        try:
            follow_up = services.act_decide(
                cycle=cycle,
                user=request.user,
                decision=decision,
                note=form.cleaned_data["note"],
                anchor=anchor,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if follow_up is not None:
                messages.success(
                    request,
                    _("The cycle is closed. This follow-up cycle continues it: sharpen its plan."),
                )
                return redirect("pdca:cycle", request.school.slug, follow_up.pk)
            messages.success(request, _("The decision has been recorded; the cycle is closed."))
            return back_to_cycle(request, cycle, "#act")
    phases = {phase.kind: phase for phase in selectors.phases_for(cycle=cycle)}
    if cycle.is_closed:
        notice = _("This cycle is closed. Reopen its Act to change it.")
    elif not phases[Phase.Kind.CHECK].is_completed:
        notice = _("The Act starts when the Check has been completed: phases go in order.")
    else:
        notice = ""
    context = {
        "cycle": cycle,
        "form": form,
        "cards": cards,
        "criteria": selectors.criteria_for(cycle=cycle),
        "notice": notice,
    }
    return render(request, "pdca/act.html", context)
