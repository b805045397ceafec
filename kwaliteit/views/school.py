from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import selectors
from ..decorators import school_view


@school_view("school.view")
def school_home(request):
    """The school's start page: where the quality cycle stands."""
    school = request.school
    context = {
        "vision": selectors.vision_current(school=school),
        "draft": selectors.vision_draft(school=school),
        "teams": selectors.teams_list(school=school),
    }
    return render(request, "kwaliteit/school_home.html", context)


@login_required
def board_overview(request, board_slug):
    """A board member compares the board's schools without asking each one."""
    board = selectors.board_for_member(user=request.user, slug=board_slug)
    schools = selectors.board_schools(board=board)
    return render(request, "kwaliteit/board_overview.html", {"board": board, "schools": schools})
