"""All cycles of the school (filtered, paginated) and one person's cycles and actions."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from kwaliteit.decorators import school_view
from kwaliteit.params import int_param

from .. import selectors
from ..forms import FilterForm

PER_PAGE = 50


@school_view("cycles.view")
def cycle_list(request):
    """Filter by current phase (or closed), owner, team, card and overdue; htmx swaps the
    results, the same GET form works without it."""
    form = FilterForm(request.GET or None, school=request.school)
    cycles = selectors.cycles_list(school=request.school, **form.filters())
    page = Paginator(cycles, PER_PAGE).get_page(int_param(request, "pagina", default=1, minimum=1))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": any(form.filters().values()),
        "today": timezone.localdate(),
    }
    template = "pdca/list.html#results" if request.htmx else "pdca/list.html"
    return render(request, template, context)


@school_view("cycles.view")
def mine(request):
    """The cycles this person owns or owns a phase of, and the open actions assigned to them."""
    today = timezone.localdate()
    actions = list(selectors.my_actions(school=request.school, user=request.user))
    for action in actions:
        action.overdue = action.is_overdue(today)
    context = {
        "cycles": selectors.my_cycles(school=request.school, user=request.user),
        "actions": actions,
        "today": today,
    }
    return render(request, "pdca/mine.html", context)
