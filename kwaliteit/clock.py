"""The time services write down: normally now, set to a moment in the past for the demo.

Services and the audit trail read `clock.now()` / `clock.today()` instead of `timezone.now()`
for the moments they record, so a demo builder can write a story that happened last year
through the same services a user goes through:

    with clock.at(datetime(2025, 9, 12, 10, tzinfo=...)):
        services.card_adopt(...)
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, time

from django.utils import timezone

_moment: ContextVar[datetime | None] = ContextVar("clock_moment", default=None)


def now() -> datetime:
    return _moment.get() or timezone.now()


def today():
    return timezone.localdate(now())


@contextmanager
def at(moment: datetime):
    """Everything inside happens at `moment` (an aware datetime) as far as services are
    concerned."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    token = _moment.set(moment)
    try:
        yield moment
    finally:
        _moment.reset(token)


def on(day, hour=10, minute=0):
    """`at` on a calendar day, at a time of day (local time), but never later than now: the
    demo tells its stories by date, and what it tells for today has happened by now.

        with clock.on(date(2025, 9, 4), 16):
            services.vision_adopt(...)
    """
    moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
    return at(min(moment, timezone.now()))
