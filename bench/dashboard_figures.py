"""The leader's dashboard of the bench school (5,000 cycles) for the school year 2025–26, the
year the bench's cycles fall in."""

from django.urls import reverse

from . import server as bench_server
from .dataset import school_slug
from .figure import Figure

# The bench's cycles are due around its fixed dispatch day (17 November 2025): that school year.
PERIOD = "periode=eigen&van=01-08-2025&tot=31-07-2026"


def dashboard_page(server):
    """dashboard_ms: the page a leader opens (every app's figures and sections);
    dashboard_planlast_ms: the same page with the planlast in it, as it opens without script
    (with script the planlast is a second request, after the page)."""
    from kwaliteit.models import Role, School

    school = School.objects.get(slug=school_slug(0))
    leader = school.memberships.filter(role=Role.LEADER, is_active=True).first().user
    cookie = bench_server.login_cookie(leader)
    path = f"{reverse('kwaliteit:dashboard', args=[school.slug])}?{PERIOD}"
    yield Figure("dashboard_ms", bench_server.median_ms(server, path, cookie=cookie), "ms")
    with_planlast = f"{path}&deel=planlast"
    yield Figure(
        "dashboard_planlast_ms",
        bench_server.median_ms(server, with_planlast, cookie=cookie, requests=20),
        "ms",
    )
