"""The start page: the coordinator of the bench school (5,000 cycles) opens it.

`home_ms` goes through the bench server, on today's date. The bench's cycles are dated around
`REMINDER_DAY`, so how many of them fall in the start page's window (overdue in the last 26
weeks up to the end of next week) depends on the day the bench runs; `home_busy_ms` therefore
also renders the page in-process as on REMINDER_DAY, when ~375 of the school's phases and actions
are overdue and ~250 are coming (the page still shows at most ten lines per group).
"""

import statistics
import time
from datetime import datetime
from datetime import time as clock_time

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from . import server as bench_server
from .dataset import school_slug
from .figure import Figure
from .pdca_data import REMINDER_DAY


def home_page(server, requests=30, warmup=3):
    """Median time of the coordinator's start page: through the server today, and in-process
    on the bench's busiest day."""
    from kwaliteit import clock
    from kwaliteit.models import Role, School

    school = School.objects.get(slug=school_slug(0))
    coordinator = school.memberships.filter(role=Role.COORDINATOR).first().user
    path = reverse("kwaliteit:home", args=[school.slug])
    cookie = bench_server.login_cookie(coordinator)
    yield Figure("home_ms", bench_server.median_ms(server, path, cookie=cookie), "ms")

    client = Client(HTTP_HOST="localhost")
    client.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    moment = datetime.combine(REMINDER_DAY, clock_time(9), tzinfo=timezone.get_current_timezone())
    times = []
    with clock.at(moment), translation.override("nl"):
        for index in range(warmup + requests):
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"GET {path} answered {response.status_code}, expected 200")
            if index >= warmup:
                times.append(elapsed)
    yield Figure("home_busy_ms", statistics.median(times) * 1000, "ms")
