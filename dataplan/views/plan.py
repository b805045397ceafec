"""The dataplan at a glance, indicator definitions, settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kwaliteit import services_jobs
from kwaliteit.decorators import school_view

from .. import selectors, services
from ..forms import IndicatorForm, SettingsForm


@school_view("dataplan.view")
def plan(request):
    """Question, source, moment, owner, norm, latest value and status of every indicator."""
    rows = selectors.plan_rows(school=request.school)
    plan_settings = selectors.settings_for(school=request.school)
    active = [row for row in rows if row.indicator.is_active]
    overloaded = len(active) > plan_settings.max_active_indicators
    context = {
        "rows": rows,
        "settings": plan_settings,
        "active_count": len(active),
        "overloaded": overloaded,
        "stale": selectors.without_recent_decision(rows) if overloaded else [],
    }
    return render(request, "dataplan/plan.html", context)


@school_view("dataplan.manage")
def indicator_edit(request, pk=None):
    indicator = selectors.indicator_get(school=request.school, pk=pk) if pk else None
    form = IndicatorForm(request.POST or None, instance=indicator, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.indicator_save(
                school=request.school, indicator=indicator, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The indicator has been saved."))
            return redirect("dataplan:indicator", request.school.slug, saved.pk)
    return render(request, "dataplan/indicator_form.html", {"form": form, "indicator": indicator})


@school_view("dataplan.manage")
def plan_settings(request):
    current = selectors.settings_for(school=request.school)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.settings_update(
            school=request.school,
            max_active_indicators=form.cleaned_data["max_active_indicators"],
        )
        messages.success(request, _("The changes have been saved."))
        return redirect("dataplan:plan", request.school.slug)
    context = {
        "form": form,
        "misfits": selectors.indicators_outside_their_scale(school=request.school),
    }
    return render(request, "dataplan/settings.html", context)


@school_view("dataplan.view")
@require_POST
def plan_pdf(request):
    with transaction.atomic():
        job = services_jobs.job_create(
            school=request.school, user=request.user, kind="dataplan_pdf"
        )
    return redirect("kwaliteit:job", request.school.slug, job.id)
