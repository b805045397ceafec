"""A cycle: starting one (from scratch, a card or an indicator), its page, plan, schedule, PDF."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dataplan import selectors as dataplan_selectors
from dataplan.templatetags.dataplan import number
from kwaliteit import history as audit_history
from kwaliteit import services_jobs
from kwaliteit.decorators import school_view
from kwaliteit.params import int_param

from .. import selectors, services
from ..forms import CycleForm, NoteForm, PlanForm, ScheduleForm, add_service_error
from ..links import starting_point
from ..models import Cycle
from .common import back_to_cycle, cycle_for, form_page, may_update_action, may_work, require_work


@dataclass
class Start:
    """Where a new cycle comes from, and what that fills in."""

    origin: str = Cycle.Origin.SCRATCH
    indicator: object = None
    card: object = None
    origin_note: str = ""
    initial: dict = field(default_factory=dict)


def _from_indicator(request, pk):
    indicator = selectors.indicator_get(school=request.school, pk=pk)
    if indicator is None:
        raise Http404
    status = dataplan_selectors.indicator_row(indicator=indicator).status
    unit = f" {indicator.unit}" if indicator.unit else ""
    note = starting_point(indicator, status)
    target = indicator.target if indicator.target is not None else indicator.norm
    initial = {
        "title": (_("Improve: %(indicator)s") % {"indicator": indicator.name})[:150],
        "reason": note,
        "criterion": (
            _("%(indicator)s reaches %(target)s")
            % {"indicator": indicator.name, "target": f"{number(target)}{unit}"}
        )[:300],
        "criterion_indicator": indicator.pk,
        "criterion_target": target,
    }
    return Start(Cycle.Origin.INDICATOR, indicator=indicator, origin_note=note, initial=initial)


def _from_card(request, pk):
    card = selectors.card_get(school=request.school, pk=pk)
    if card is None:
        raise Http404
    initial = {
        "title": (_("Improve: %(card)s") % {"card": card.title})[:150],
        "cards": [card.pk],
        "team": card.team_id,
        "owner": card.owner_id or request.user.pk,
    }
    return Start(Cycle.Origin.CARD, card=card, initial=initial)


def _start(request):
    if (pk := int_param(request, "indicator")) is not None:
        start = _from_indicator(request, pk)
    elif (pk := int_param(request, "card")) is not None:
        start = _from_card(request, pk)
    else:
        start = Start()
    defaults = {"owner": request.user.pk}
    defaults.update(
        (f"due_{kind}", day)
        for kind, day in services.default_due_dates(
            timezone.localdate(), start=request.school.year_start
        ).items()
    )
    start.initial = {**defaults, **start.initial}
    return start


@school_view("cycles.write")
def cycle_new(request):
    """Start a cycle; ?indicator=<id> or ?card=<id> fills in what is already known."""
    start = _start(request)
    form = CycleForm(request.POST or None, school=request.school, initial=start.initial)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_create(
                school=request.school,
                user=request.user,
                origin=start.origin,
                indicator=start.indicator,
                origin_note=start.origin_note,
                due_dates=form.due_dates(),
                criteria=form.criteria(),
                **form.plan(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The cycle has been started. Complete its plan next."))
            return back_to_cycle(request, cycle)
    return render(request, "pdca/new.html", {"form": form, "start": start})


@school_view("cycles.view")
def cycle_page(request, pk):
    cycle = cycle_for(request, pk)
    history = audit_history.for_request(request, cycle)
    if more := audit_history.fragment(request, history):
        return more
    today = timezone.localdate()
    phases = selectors.phases_for(cycle=cycle)
    current = selectors.mark_phases(phases, cycle=cycle, today=today)
    actions = list(selectors.actions_for(cycle=cycle))
    for action in actions:
        action.overdue = action.is_overdue(today)
        action.editable = may_update_action(request, cycle, action)
    context = {
        "cycle": cycle,
        "phases": phases,
        "current": current,
        "phase": {phase.kind: phase for phase in phases},
        "criteria": selectors.criteria_for(cycle=cycle),
        "actions": actions,
        "notes": selectors.notes_for(cycle=cycle),
        "history": history,
        "cards": cycle.cards.all(),
        "chain": selectors.chain_for(cycle=cycle),
        "may_work": may_work(request, cycle),
        "note_form": NoteForm(),
        "today": today,
    }
    return render(request, "pdca/cycle.html", context)


@school_view("cycles.write")
def plan_edit(request, pk):
    cycle = cycle_for(request, pk)
    require_work(request, cycle)
    form = PlanForm(request.POST or None, instance=cycle, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(cycle=cycle, user=request.user, **form.plan())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The plan has been saved."))
            return back_to_cycle(request, cycle, "#goal")
    plan = next(p for p in selectors.phases_for(cycle=cycle) if p.kind == "plan")
    notice = (
        _("The Plan has been completed. Reopen it, with a reason, to change the goal.")
        if plan.is_completed
        else ""
    )
    return form_page(
        request,
        cycle,
        form,
        title=_("The plan"),
        submit=_("Save the plan"),
        intro=_("A checkable goal: what should be better, how much, and by when."),
        notice=notice,
    )


@school_view("cycles.write")
def schedule(request, pk):
    """Due dates and owners of the phases."""
    cycle = cycle_for(request, pk)
    require_work(request, cycle)
    phases = selectors.phases_for(cycle=cycle)
    form = ScheduleForm(request.POST or None, school=request.school, phases=phases)
    if request.method == "POST" and form.is_valid():
        try:
            services.phases_schedule(
                cycle=cycle, user=request.user, due_dates=form.due_dates(), owners=form.owners()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The planning has been saved."))
            return back_to_cycle(request, cycle, "#phases")
    context = {"cycle": cycle, "form": form}
    return render(request, "pdca/schedule.html", context)


@school_view("cycles.view")
@require_POST
def cycle_pdf(request, pk):
    """The cycle report as a PDF, made in the background."""
    cycle = cycle_for(request, pk)
    with transaction.atomic():
        job = services_jobs.job_create(
            school=request.school, user=request.user, kind="cycle_pdf", about=cycle
        )
    return redirect("kwaliteit:job", request.school.slug, job.id)
