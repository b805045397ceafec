"""What the cycle views share: who may work on a cycle, and the form page they all use."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from .. import selectors


def cycle_for(request, pk):
    """The cycle of this school (404 otherwise), knowing whether the user owns one of its phases."""
    return selectors.cycle_get(school=request.school, pk=pk, user=request.user)


def may_work(request, cycle):
    """Coordinators and leaders work on any cycle; a teacher on the cycles they own or where
    they own a phase. Viewers and board members only read."""
    access = request.access
    if access.can("cycles.manage"):
        return True
    return access.can("cycles.write") and (
        cycle.owner_id == request.user.id or getattr(cycle, "owns_phase", False)
    )


def require_work(request, cycle):
    if not may_work(request, cycle):
        raise PermissionDenied


def may_update_action(request, cycle, action):
    """Everyone who works on the cycle; the person an action is assigned to, for its status."""
    return may_work(request, cycle) or (
        request.access.can("cycles.write") and action.owner_id == request.user.id
    )


def cycle_url(request, cycle, anchor=""):
    return reverse("pdca:cycle", args=[request.school.slug, cycle.pk]) + anchor


def back_to_cycle(request, cycle, anchor=""):
    return redirect(cycle_url(request, cycle, anchor))


def form_page(request, cycle, form, *, title, submit, intro="", notice="", extra=None):
    """One form about a cycle, with its error summary, a submit button and a way back."""
    context = {
        "cycle": cycle,
        "form": form,
        "title": title,
        "submit": submit,
        "intro": intro,
        "notice": notice,
        **(extra or {}),
    }
    return render(request, "pdca/form.html", context)
