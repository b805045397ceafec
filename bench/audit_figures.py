"""Audit-trail figures: what recording costs a typical write, and a page with a long history."""

import statistics
import time
from datetime import timedelta

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from . import server as bench_server
from .dataset import school_slug
from .figure import Figure

HISTORY_RECORDS = 1_000


class _RolledBack(Exception):
    pass


def _writes(school):
    """A typical write pair: record an agreement check, complete a cycle's Plan."""
    from kwaliteitskaarten import selectors as card_selectors
    from kwaliteitskaarten import services as card_services
    from kwaliteitskaarten.models import Afspraak
    from pdca import services as pdca_services
    from pdca.models import Cycle

    # Read as the pages read them (kwaliteitskaarten.selectors.agreement_get: with its card), so
    # the write is timed as a person's click makes it.
    first = Afspraak.objects.filter(card__school=school, is_active=True).order_by("id")[0]
    agreement = card_selectors.agreement_get(school=school, pk=first.pk)
    cycle = (
        Cycle.objects.filter(school=school, closed_at__isnull=True, criteria__isnull=False)
        # one filter call: the Plan itself is still open (not just any phase of the cycle)
        .filter(phases__kind="plan", phases__completed_at__isnull=True)
        .exclude(goal_what="")
        .exclude(goal_date__isnull=True)
        .order_by("id")
        .distinct()[0]
    )
    user = cycle.owner
    day = timezone.localdate()

    def write():
        card_services.agreement_check_record(
            agreement=agreement, result="kept", note="", checked_on=day, user=user
        )
        pdca_services.phase_complete(cycle=cycle, kind="plan", user=user)

    return write


def _time(write):
    """One write pair, rolled back so every run starts from the same state."""
    try:
        with transaction.atomic():
            started = time.perf_counter()
            write()
            elapsed = time.perf_counter() - started
            raise _RolledBack
    except _RolledBack:
        return elapsed


def write_overhead(write, runs=200):
    """Median time with the audit trail / the same without it (alternating, after a warm-up)."""
    from kwaliteit import audit

    on, off = [], []
    for index in range(runs + 2):
        with_audit = _time(write)
        with audit.switched_off_for_bench():
            without = _time(write)
        if index >= 2:
            on.append(with_audit)
            off.append(without)
    return statistics.median(on) / statistics.median(off)


def audit_write_overhead(server):
    from kwaliteit.models import School

    school = School.objects.get(slug=school_slug(0))
    yield Figure("audit_write_overhead", write_overhead(_writes(school)), "x", digits=3)


def long_history(school, records=HISTORY_RECORDS):
    """A cycle of the school with at least `records` history records (added once, kept)."""
    from django.contrib.contenttypes.models import ContentType

    from kwaliteit.models import AuditEvent
    from pdca.models import Cycle

    cycle = Cycle.objects.filter(school=school, decision="stop").order_by("-id")[0]
    content_type = ContentType.objects.get_for_model(Cycle)
    present = AuditEvent.objects.filter(content_type=content_type, object_id=str(cycle.pk))
    missing = records - present.count()
    start = timezone.now() - timedelta(days=records)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            school_id=school.pk,
            actor_id=cycle.owner_id,
            at=start + timedelta(days=i),
            verb="note_added",
            content_type=content_type,
            object_id=str(cycle.pk),
            object_repr=cycle.title,
            data={"phase": "do", "text": f"Voortgang nr. {i}"},
        )
        for i in range(max(missing, 0))
    )
    return cycle


def history_queries(cycle):
    """Queries of one page of the cycle's history (one, however long the history)."""
    from kwaliteit import history

    with CaptureQueriesContext(connection) as context:
        history.history_for(cycle, page=1)
    return len(context.captured_queries)


def history_page(server):
    """The cycle page of a cycle with 1,000 history records, and its history's query count."""
    from kwaliteit.models import Role, School

    school = School.objects.get(slug=school_slug(0))
    cycle = long_history(school)
    coordinator = school.memberships.filter(role=Role.COORDINATOR).first().user
    cookie = bench_server.login_cookie(coordinator)
    path = reverse("pdca:cycle", args=[school.slug, cycle.pk])
    yield Figure("history_page_ms", bench_server.median_ms(server, path, cookie=cookie), "ms")
    yield Figure("history_page_queries", history_queries(cycle), "", digits=0)
