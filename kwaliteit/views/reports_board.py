"""The board's annual report: each school's adopted report of a school year, with its checksum,
and the year's figures side by side."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .. import selectors, selectors_reports
from ..params import int_param
from ..schoolyear import SchoolYear

YEARS_BACK = 5


@login_required
def board_report(request, board_slug):
    """Read by the board's members only (404 for anyone else)."""
    board = selectors.board_for_member(user=request.user, slug=board_slug)
    current = SchoolYear.of(timezone.localdate()).start_year
    years = list(range(current, current - YEARS_BACK - 1, -1))
    start_year = int_param(request, "jaar", default=current - 1)
    if start_year not in years:
        start_year = current - 1
    rows, period = selectors_reports.board_reports(board=board, start_year=start_year)
    context = {
        "board": board,
        "rows": rows,
        "period": period,
        "year": start_year,
        "years": [(y, f"{y}-{y + 1}") for y in years],
        "year_label": f"{start_year}-{start_year + 1}",
        "figures": selectors_reports.board_figures(
            schools=[school for school, _report in rows], period=period
        ),
    }
    return render(request, "kwaliteit/report_board.html", context)
