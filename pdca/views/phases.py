"""Completing a phase (in order, with what it requires) and reopening one (with a reason)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kwaliteit.decorators import school_view

from .. import services
from ..forms import ReopenForm, add_service_error
from ..models import Phase
from .common import back_to_cycle, cycle_for, form_page, require_work


def _kind(kind):
    if kind not in Phase.Kind.values:
        raise Http404
    return Phase.Kind(kind)


@school_view("cycles.write")
@require_POST
def phase_complete(request, pk, kind):
    cycle = cycle_for(request, pk)
    require_work(request, cycle)
    kind = _kind(kind)
    try:
        services.phase_complete(cycle=cycle, kind=kind, user=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("The %(phase)s has not been completed.") % {"phase": kind.label},
        )
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The %(phase)s has been completed.") % {"phase": kind.label})
    return back_to_cycle(request, cycle, f"#{kind}")


@school_view("cycles.write")
def phase_reopen(request, pk, kind):
    cycle = cycle_for(request, pk)
    require_work(request, cycle)
    kind = _kind(kind)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_reopen(
                cycle=cycle, kind=kind, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The %(phase)s has been reopened.") % {"phase": kind.label})
            return back_to_cycle(request, cycle, f"#{kind}")
    return form_page(
        request,
        cycle,
        form,
        title=_("Reopen the %(phase)s") % {"phase": kind.label},
        submit=_("Reopen"),
        intro=_("Reopening is recorded in the history with your reason."),
    )
