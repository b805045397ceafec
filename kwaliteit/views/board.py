"""The board roll-up: a board member compares the board's schools without asking each one."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from .. import board as rollup
from .. import board_exports, clock, exports, selectors
from ..forms import PeriodForm


@login_required
def board_overview(request, board_slug):
    """The roll-up page and its CSV/xlsx exports (GET); a POST only asks for the board report
    PDF, which a board member may take home — nothing on this page changes a school."""
    board = selectors.board_for_member(user=request.user, slug=board_slug)
    all_schools = list(board.schools.order_by("name", "id"))
    schools = _chosen_schools(request, all_schools)
    form = PeriodForm(
        request.GET, today=clock.today(), year_start=rollup.board_year_start(all_schools)
    )
    period = form.period()
    if request.method == "POST":
        if request.POST.get("formaat") != "pdf":
            return HttpResponseNotAllowed(["GET"])
        return _report(request, board, all_schools, period)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    sort, direction = _sorting(request)
    data = rollup.build(schools=schools, period=period, sort=sort, direction=direction)
    export = request.GET.get("formaat")
    if export in exports.FORMATS:
        return _export(board, data, export)
    headers = _headers(request, data, sort, direction)
    for group in data.groups:
        group.columns = [{"kind": kind, **headers[kind.key]} for kind in group.types]
    context = {
        "board": board,
        "all_schools": all_schools,
        "chosen": {school.slug for school in schools} if len(schools) < len(all_schools) else set(),
        "form": form,
        "rollup": data,
        "period": period,
        "headers": headers,
        "sort": sort,
        "direction": direction,
        "links": _links(request),
    }
    return render(request, "kwaliteit/board.html", context)


def _chosen_schools(request, schools):
    """?school=<slug> (repeatable) narrows the roll-up; a school outside the board is a 404."""
    slugs = request.GET.getlist("school")
    if not slugs:
        return schools
    by_slug = {school.slug: school for school in schools}
    if any(slug not in by_slug for slug in slugs):
        raise Http404
    return [school for school in schools if school.slug in set(slugs)]


def _sorting(request):
    sort = request.GET.get("sorteer") or rollup.BY_NAME
    if sort != rollup.BY_NAME and sort not in {kind.key for kind in rollup.rollup_types()}:
        sort = rollup.BY_NAME  # a figure that no longer exists: by name
    direction = rollup.DOWN if request.GET.get("richting") == rollup.DOWN else rollup.UP
    return sort, direction


def _query(request, **changes):
    query = request.GET.copy()
    query.pop("formaat", None)
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


def _headers(request, data, sort, direction):
    """Per figure key (and "school"): the link that sorts by it and its aria-sort."""
    headers = {}
    for key in [rollup.BY_NAME, *(kind.key for kind in data.types)]:
        current = key == sort
        flip = rollup.DOWN if current and direction == rollup.UP else rollup.UP
        headers[key] = {
            "url": "?" + _query(request, sorteer=key, richting=flip),
            "aria_sort": ("ascending" if direction == rollup.UP else "descending")
            if current
            else "",
            "arrow": ("▲" if direction == rollup.UP else "▼") if current else "",
        }
    return headers


def _links(request):
    return {
        "csv": "?" + _query(request, formaat="csv"),
        "xlsx": "?" + _query(request, formaat="xlsx"),
    }


def _export(board, data, extension):
    response = exports.response(
        extension,
        board_exports.export_headers(data),
        board_exports.export_rows(data),
        title=board.name,
        filename=board_exports.export_filename(board, data.period),
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _report(request, board, schools, period):
    if not schools:
        raise Http404
    with transaction.atomic():
        job = rollup.report_request(
            board=board, school=schools[0], user=request.user, period=period
        )
    return redirect("kwaliteit:job", schools[0].slug, job.id)
