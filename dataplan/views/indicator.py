"""One indicator: trend per group against the norm, measurements, decisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kwaliteit import history as audit_history
from kwaliteit.confirm import confirm_page, is_confirmed
from kwaliteit.decorators import school_view
from kwaliteit.params import int_param, int_params

from .. import selectors, services
from ..forms import DecisionForm, MeasurementForm
from ..trends import chosen_groups, indicator_chart

MEASUREMENTS_PER_PAGE = 25


@school_view("dataplan.view")
def indicator_page(request, pk):
    indicator = selectors.indicator_get(school=request.school, pk=pk)
    if more := audit_history.fragment_for(request, indicator):
        return more
    return render_indicator(request, indicator)


def render_indicator(request, indicator, measurement_form=None, decision_form=None):
    """The indicator page; a form with errors comes back in it."""
    row = selectors.indicator_row(indicator=indicator)
    asked = int_params(request, "groep")
    groups = chosen_groups(row, asked)
    years = selectors.school_years_with_data(indicator=indicator)
    year_param = int_param(request, "jaar")
    year = next((y for y in years if y.start_year == year_param), years[0] if years else None)
    context = {
        "indicator": indicator,
        "row": row,
        "chart": indicator_chart(row, groups),
        "chosen_ids": {group.group_id for group in groups},
        "years": years,
        "year": year,
        "measurements": Paginator(
            selectors.measurements_in_year(indicator=indicator, year=year) if year else [],
            MEASUREMENTS_PER_PAGE,
        ).get_page(int_param(request, "pagina", default=1, minimum=1)),
        "decisions": selectors.decisions_for(indicator=indicator),
        "group_names": selectors.groups_for(school=request.school, level=indicator.level),
        "measurement_form": measurement_form or MeasurementForm(),
        "decision_form": decision_form or DecisionForm(),
        "current_year": (
            request.school.school_year(row.status.last_measured_on) if row.status.latest else None
        ),
        "history": audit_history.for_request(request, indicator),
    }
    return render(request, "dataplan/indicator.html", context)


@school_view("dataplan.measure")
@require_POST
def measurement_add(request, pk):
    indicator = selectors.indicator_get(school=request.school, pk=pk)
    form = MeasurementForm(request.POST)
    if form.is_valid():
        try:
            measurement = services.measurement_add(
                indicator=indicator, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The measurement has been saved."))
            return redirect(measurement_url(request, measurement))
    return render_indicator(request, indicator, measurement_form=form)


def measurement_url(request, measurement):
    """The indicator page at the year and page that list this measurement, scrolled to it."""
    year, page = selectors.measurement_place(
        measurement=measurement, per_page=MEASUREMENTS_PER_PAGE
    )
    url = reverse("dataplan:indicator", args=[request.school.slug, measurement.indicator_id])
    query = f"?jaar={year.start_year}" + (f"&pagina={page}" if page > 1 else "")
    return f"{url}{query}#measurement-{measurement.pk}"


@school_view("dataplan.measure")
def measurement_delete(request, pk):
    """Asks first; the confirmed POST deletes the measurement."""
    measurement = selectors.measurement_get(school=request.school, pk=pk)
    if not is_confirmed(request):
        what = {
            "indicator": measurement.indicator.name,
            "date": date_format(measurement.measured_on),
            # the whole-school group has no name of its own
            "group": (measurement.group.name if measurement.group else "") or _("whole school"),
        }
        return confirm_page(
            request,
            title=_("Delete the measurement of %(date)s: %(indicator)s") % what,
            question=_("Delete the measurement of %(group)s on %(date)s?") % what,
            consequence=_(
                "The value disappears from the indicator, its trend and the dataplan. "
                "Enter it again if you need it back."
            ),
            button=_("Delete the measurement"),
            cancel_url=reverse(
                "dataplan:indicator", args=[request.school.slug, measurement.indicator_id]
            ),
        )
    services.measurement_delete(measurement=measurement, user=request.user)
    messages.success(request, _("The measurement has been deleted."))
    return redirect("dataplan:indicator", request.school.slug, measurement.indicator_id)


@school_view("dataplan.measure")
@require_POST
def decision_add(request, pk):
    indicator = selectors.indicator_get(school=request.school, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decision = services.decision_add(
                indicator=indicator, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            url = reverse("dataplan:indicator", args=[request.school.slug, indicator.pk])
            return redirect(f"{url}#decision-{decision.pk}")
    return render_indicator(request, indicator, decision_form=form)
