"""The Do: actions with an owner, a due date and a status; progress notes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from kwaliteit.decorators import school_view

from .. import selectors, services
from ..forms import ActionForm, NoteForm, add_service_error
from .common import back_to_cycle, cycle_for, form_page, may_update_action, may_work, require_work


@school_view("cycles.write")
def action_add(request, pk):
    cycle = cycle_for(request, pk)
    require_work(request, cycle)
    form = ActionForm(
        request.POST or None,
        school=request.school,
        with_status=False,
        initial={"owner": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_add(cycle=cycle, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The action has been added."))
            return back_to_cycle(request, cycle, f"#action-{action.pk}")
    return form_page(
        request,
        cycle,
        form,
        title=_("New action"),
        submit=_("Add the action"),
        intro=_("What will be done, by whom, and by when?"),
    )


@school_view("cycles.write")
def action_edit(request, pk, action_pk):
    """Those who work on the cycle change everything; the owner of the action its status."""
    cycle = cycle_for(request, pk)
    action = selectors.action_get(cycle=cycle, pk=action_pk)
    if not may_update_action(request, cycle, action):
        raise PermissionDenied
    status_only = not may_work(request, cycle)
    form = ActionForm(
        request.POST or None, instance=action, school=request.school, status_only=status_only
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The action has been saved."))
            return back_to_cycle(request, cycle, f"#action-{action.pk}")
    return form_page(
        request,
        cycle,
        form,
        title=_("Action"),
        submit=_("Save the action"),
        intro=_("Only the status is yours to change: the action was assigned to you.")
        if status_only
        else "",
    )


@school_view("cycles.write")
def note_add(request, pk):
    cycle = cycle_for(request, pk)
    require_work(request, cycle)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_add(cycle=cycle, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The progress note has been saved."))
            return back_to_cycle(request, cycle, f"#note-{note.pk}")
    return form_page(request, cycle, form, title=_("Progress note"), submit=_("Save the note"))
