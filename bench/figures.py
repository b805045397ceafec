"""The figures `make bench` prints; each function yields Figure rows."""

import contextlib
import os
import statistics
import time
from unittest import mock

from django.db import transaction
from django.utils import translation

from . import server as bench_server
from .dataset import school_slug
from .figure import Figure

BASELINE_PATH = "/healthz/"


def baseline(server):
    """A bare Django page: the ceiling every other page figure is read against.

    baseline_ms is timed exactly as the pages are (same client, same server, same run), so each
    page's ratio to it (`<page>_x`, printed next to the page) holds on a noisy machine too.
    """
    result = bench_server.load(server, BASELINE_PATH)
    yield Figure("baseline_rps", result.rps, "req/s")
    yield Figure("baseline_ms", bench_server.median_ms(server, BASELINE_PATH), "ms", digits=2)


def vision_pdf(server, runs=5):
    """The vision PDF as a worker makes it: job_create on commit, then the job_run service."""
    from kwaliteit import services_jobs, tasks
    from kwaliteit.models import Job, Role, School, VisionVersion

    school = School.objects.get(slug=school_slug(0))
    user = school.memberships.filter(role=Role.COORDINATOR).first().user
    version = VisionVersion.objects.filter(school=school, status="adopted").order_by("-number")[0]
    times, jobs = [], []
    # The queue is left out: we time what the worker does, not the broker (nor an eager run).
    with mock.patch.object(tasks.run_job, "delay"), translation.override("nl"):
        try:
            for index in range(runs + 1):  # the first run warms fonts, as a live worker has
                with transaction.atomic():
                    job = services_jobs.job_create(
                        school=school, user=user, kind="vision_pdf", about=version
                    )
                jobs.append(job)
                started = time.perf_counter()
                services_jobs.job_run(job_id=job.id)
                elapsed = time.perf_counter() - started
                job.refresh_from_db()
                if job.status != Job.Status.DONE:
                    raise RuntimeError(f"vision PDF job ended {job.status}: {job.error}")
                if index:
                    times.append(elapsed)
        finally:
            for job in Job.objects.filter(id__in=[j.id for j in jobs]).select_related("document"):
                if job.document:
                    folder = os.path.dirname(job.file.path)
                    job.file.delete(save=False)
                    with contextlib.suppress(OSError):
                        os.rmdir(folder)
                    job.document.delete()
                job.delete()
    yield Figure("vision_pdf_s", statistics.median(times), "s", digits=3)


def _later_figures():
    from .audit_figures import audit_write_overhead, history_page
    from .board_figures import board_rollup
    from .cards_figures import cards_pages
    from .dashboard_figures import dashboard_page
    from .dataplan_figures import dataplan_import, dataplan_pages
    from .home_figures import home_page
    from .pdca_figures import cycle_pages, reminder_dispatch
    from .report_figures import annual_report_pdf

    return [
        dataplan_import,
        dataplan_pages,
        cards_pages,
        cycle_pages,
        reminder_dispatch,
        audit_write_overhead,
        history_page,
        home_page,
        board_rollup,
        dashboard_page,
        annual_report_pdf,
    ]


# Later issues append their figure function here; all share one server and one run.
FIGURES = [baseline, vision_pdf, *_later_figures()]
