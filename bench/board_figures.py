"""The board roll-up over the 20 bench schools: the bench's board member on the board page."""

from django.urls import reverse

from . import server as bench_server
from .dataset import SLUG_PREFIX
from .figure import Figure

BOARD_SLUG = f"{SLUG_PREFIX}board"  # made by dataset.core with its one board member


def board_rollup(server):
    """Median server time of the roll-up of all 20 schools, this school year, with each
    school's trend: every figure provider asked twice (this period and the one before)."""
    from kwaliteit.models import Board

    board = Board.objects.get(slug=BOARD_SLUG)
    member = board.members.order_by("id").first()
    cookie = bench_server.login_cookie(member)
    path = reverse("board", args=[board.slug])
    yield Figure("board_rollup_ms", bench_server.median_ms(server, path, cookie=cookie), "ms")
