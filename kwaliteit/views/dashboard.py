"""The leader's dashboard and the drill-down page of one figure (with their CSV/xlsx exports).

The period and team travel in the URL (`kwaliteit.forms.PeriodForm`); a wrong choice shows its
message on the form and the page answers for the default period and all teams.
"""

import logging

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from .. import dashboard, exports, figures, hooks
from ..decorators import school_view
from ..forms import PeriodForm

logger = logging.getLogger(__name__)


def _filters(request):
    form = PeriodForm(request.GET, school=request.school, today=timezone.localdate())
    return form, form.period(), form.team_id()


PLANLAST = "planlast"  # ?deel=planlast: the page with its planlast, or (htmx) the planlast alone


@school_view("dashboard.view")
def dashboard_page(request):
    """The school's figures for a period (and team), each linking to the objects behind it, the
    apps' sections (charts), and the planlast for those who may see named colleagues.

    The planlast reads every app's dated items, so the page asks for it separately (htmx, on
    load; without script a link opens the page with it): the figures are not kept waiting."""
    form, period, team_id = _filters(request)
    people = request.access.can("dashboard.people")
    with_planlast = people and request.GET.get("deel") == PLANLAST
    load = None
    if with_planlast:
        load = dashboard.planlast(school=request.school, period=period, team_id=team_id)
    context = {
        "period": period,
        "team": form.chosen_team(),
        "query": dashboard.query(period, team_id),
        "people": people,
        "load": load,
        "load_chart": dashboard.planlast_chart(load) if load and load.people else None,
    }
    if with_planlast and request.htmx:
        return render(request, "kwaliteit/dashboard.html#planlast", context)
    shown = dashboard.figures_for(school=request.school, period=period, team_id=team_id)
    kind = exports.asked(request)
    if kind:
        if people and load is None:
            load = dashboard.planlast(school=request.school, period=period, team_id=team_id)
        return exports.response(
            kind,
            dashboard.export_headers(),
            dashboard.export_rows(shown, period, load if people else None),
            title=request.school.name,
            filename=f"dashboard {request.school.slug} {period.start} {period.end}",
        )
    context.update(
        form=form,
        shown=shown,
        sections=hooks.dashboard_sections.results(request, period=period, team_id=team_id),
    )
    return render(request, "kwaliteit/dashboard.html", context)


@school_view("dashboard.view")
def figure_page(request, key):
    """The objects behind one figure (as the app that offers it lists them), as a table and as
    CSV/xlsx; 404 for a figure nobody offers."""
    kind = figures.figure_types().get(key)
    provider = hooks.figure_objects.get(key)
    if kind is None or provider is None:
        raise Http404
    form, period, team_id = _filters(request)
    try:
        found = provider(school=request.school, period=period, team_id=team_id, user=request.user)
    except Exception:
        logger.exception("figure_objects provider for %s failed", key)
        found = None
    export = exports.asked(request)
    if export and found is not None:
        return exports.response(
            export,
            dashboard.figure_headers(found),
            dashboard.figure_rows(found, request.build_absolute_uri),
            title=str(kind.label),
            filename=f"{key} {request.school.slug} {period.start} {period.end}",
        )
    context = {
        "form": form,
        "kind": kind,
        "key": key,
        "period": period,
        "team": form.chosen_team(),
        "query": dashboard.query(period, team_id),
        "found": found,
        "table": dashboard.figure_table(found) if found is not None else None,
    }
    return render(request, "kwaliteit/figure.html", context)
