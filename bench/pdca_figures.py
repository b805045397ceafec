"""Improvement-cycle figures: the cycle list and a full cycle page (through the server), and one
reminder dispatch over the whole bench dataset (in-process)."""

import contextlib
import statistics
import sys
import time
from datetime import datetime
from datetime import time as clock

from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from . import server as bench_server
from .dataset import school_slug
from .figure import Figure
from .pdca_data import REMINDER_DAY


def cycle_pages(server):
    """Median server time of the cycle list (page 1 of 5,000 cycles) and of a full cycle:
    closed after the Act, continued in a follow-up, with criteria, actions, notes and history."""
    from kwaliteit.models import Role, School
    from pdca.models import Cycle

    school = School.objects.get(slug=school_slug(0))
    coordinator = school.memberships.filter(role=Role.COORDINATOR).first().user
    cookie = bench_server.login_cookie(coordinator)
    cycle = Cycle.objects.filter(school=school, decision="adjust").order_by("id").first()
    pages = {}
    with contextlib.suppress(NoReverseMatch):  # the pages arrive with the rest of the issue
        pages["cycle_list_ms"] = reverse("pdca:list", args=[school.slug])
        pages["cycle_page_ms"] = reverse("pdca:cycle", args=[school.slug, cycle.pk])
    for name, path in pages.items():
        yield Figure(name, bench_server.median_ms(server, path, cookie=cookie), "ms")


def _dispatch():
    """kwaliteit.reminders.dispatch, or None while it is not there yet."""
    try:
        from kwaliteit import reminders
    except ImportError:
        return None
    return getattr(reminders, "dispatch", None)


def reminder_dispatch(server, runs=3):
    """One kwaliteit.reminders.dispatch() over the whole dataset: 100,000 open phases of which
    ~10,000 are due, plus the other apps' sources (agreements, reviews, collection moments).

    Each run happens inside a transaction that is rolled back afterwards. That does two things
    at once: every run starts from the same state (no reminders or digests yet, so it does the
    full work: collect, claim, resolve, claim the digests), and the on_commit hooks that would
    queue digest_send are discarded with the transaction, so no e-mail task is published or run
    (eagerly or otherwise) while we measure. Nothing is patched; what is left out is only the
    final COMMIT, which a real dispatch pays once.
    """
    from kwaliteit.models import Digest, Reminder

    dispatch = _dispatch()
    if dispatch is None:
        print("reminder_dispatch: kwaliteit.reminders.dispatch is not there yet", file=sys.stderr)
        return
    # Leftovers of a real dispatch against this database would make a run do less work.
    Reminder.objects.all().delete()
    Digest.objects.all().delete()
    tz = timezone.get_current_timezone()
    # REMINDER_DAY after the digest hour: the dataset's due set, and the digests are made.
    now = datetime.combine(REMINDER_DAY, clock(settings.REMINDER_DIGEST_HOUR, 30), tzinfo=tz)

    def run(capture=False):
        with transaction.atomic(), translation.override("nl"):
            context = CaptureQueriesContext(connection) if capture else contextlib.nullcontext([])
            with context as queries:
                started = time.perf_counter()
                digests = dispatch(now=now)
                elapsed = time.perf_counter() - started
            claimed = Reminder.objects.count()
            transaction.set_rollback(True)
        with connection.cursor() as cursor:  # the rolled-back rows, gone before the next run
            cursor.execute(f"VACUUM ANALYZE {Reminder._meta.db_table}, {Digest._meta.db_table}")
        return elapsed, len(queries), claimed, len(digests)

    run()  # warm-up: the tables in the database's cache, as on a server that runs every day
    times = []
    for _ in range(runs):
        elapsed, _queries, claimed, digests = run()
        times.append(elapsed)
    _elapsed, queries, _claimed, _digests = run(capture=True)
    yield Figure("reminder_dispatch_s", statistics.median(times), "s", digits=2)
    yield Figure("reminder_dispatch_queries", queries, "", digits=0)
    yield Figure("reminder_dispatch_reminders", claimed, "", digits=0)
    yield Figure("reminder_dispatch_digests", digests, "", digits=0)
