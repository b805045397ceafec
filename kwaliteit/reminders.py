"""The one reminder mechanism: sources say what is due, the dispatcher claims and digests it.

Each app registers a source (`register`); the core never imports them. A source is called as
`source(*, today, schools)` with `schools` a dict school id → Rules, and yields `Due` items. The
dispatcher claims every due item as a Reminder under the unique constraint (recipient, item,
kind, day), resolves the reminders whose item no longer waits, and claims one Digest per person
and day. Every step is a constant number of set-based queries, whatever the number of items.
"""

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from . import queue
from .models import Digest, Membership, Reminder, Role, School, User

logger = logging.getLogger(__name__)

Kind = Reminder.Kind
LOST_TASK_AFTER = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Due:
    """One item that waits for one person."""

    school_id: int
    recipient_id: int
    item_type: str
    item_id: int
    kind: str
    day: date  # the due day the reminder is about
    title: str
    url: str

    @property
    def key(self):
        # str(): a TextChoices member does not hash like its value, a database row holds the value
        return (self.recipient_id, self.item_type, self.item_id, str(self.kind), self.day)


class Rules(NamedTuple):
    """A school's reminder settings."""

    due_soon_days: int
    escalate_after_days: int


_sources = []

# item_type → what the item is called in the notification list and the digest.
ITEM_LABELS = {}
# item_type → the sources that yield it (resolve_for asks only those).
_SOURCES_OF = {}


def register(source, *, labels):
    """Add a source of due items; labels maps its item types to a translatable label."""
    _sources.append(source)
    ITEM_LABELS.update(labels)
    for item_type in labels:
        _SOURCES_OF.setdefault(item_type, []).append(source)
    return source


def item_label(item_type):
    return ITEM_LABELS.get(item_type, item_type)


# --- helpers for sources ---------------------------------------------------------------------


def deadline_kind(due_on, today, rules):
    """due_soon within the school's window before the due day, overdue after it, else None."""
    days_left = (due_on - today).days
    if days_left < 0:
        return Kind.OVERDUE
    if days_left <= rules.due_soon_days:
        return Kind.DUE_SOON
    return None


def escalates(due_on, today, rules):
    return (today - due_on).days >= rules.escalate_after_days


def horizon(today, schools):
    """The latest due day any school reminds about today: sources filter on it."""
    return today + timedelta(days=max((r.due_soon_days for r in schools.values()), default=0))


def school_staff(*, school_ids, roles):
    """(school id, role) → ids of the active people in that role, in one query."""
    rows = Membership.objects.filter(
        school_id__in=school_ids, role__in=roles, is_active=True, user__is_active=True
    ).values_list("school_id", "role", "user_id")
    staff = {}
    for school_id, role, user_id in rows:
        staff.setdefault((school_id, role), []).append(user_id)
    return staff


ESCALATION_ROLES = (Role.COORDINATOR, Role.LEADER)


# --- the dispatcher --------------------------------------------------------------------------


def _rules(school_ids=None):
    schools = (
        School.objects.all() if school_ids is None else School.objects.filter(id__in=school_ids)
    )
    rows = schools.values_list("id", "reminder_due_soon_days", "reminder_escalate_after_days")
    return {school_id: Rules(soon, late) for school_id, soon, late in rows}


def resolve_for(*, item_type, item_ids, now=None):
    """Resolve the open reminders of these items that no longer wait; call it in the
    transaction that completed them, so no list or count shows what was just done.

    item_type is one type or several (the same ids for each). The items' own sources decide
    (a measurement may settle one missed month, not another); they are only asked when the
    items have open reminders at all.
    """
    types = [item_type] if isinstance(item_type, str) else list(item_type)
    now = now or timezone.now()
    fields = ("id", "recipient_id", "item_type", "item_id", "kind", "day", "school_id")
    open_rows = list(
        Reminder.objects.filter(
            item_type__in=types, item_id__in=list(item_ids), resolved_at__isnull=True
        ).values_list(*fields)
    )
    if not open_rows:
        return 0
    today = timezone.localdate(now)
    # Only the items' schools: completing one phase must not walk every school's open phases.
    schools = _rules({row[6] for row in open_rows})
    sources = {source for t in types for source in _SOURCES_OF.get(t, ())}
    due = {item.key for source in sources for item in source(today=today, schools=schools)}
    gone = [row[0] for row in open_rows if row[1:6] not in due]
    return Reminder.objects.filter(id__in=gone, resolved_at__isnull=True).update(resolved_at=now)


def collect(*, today):
    """Every due item of every source for active members of the item's school, deduplicated."""
    schools = _rules()
    due = {}
    for source in _sources:
        for item in source(today=today, schools=schools):
            due.setdefault(item.key, item)
    school_ids = sorted({item.school_id for item in due.values()})
    members = set(
        Membership.objects.filter(
            school_id__in=school_ids, is_active=True, user__is_active=True
        ).values_list("school_id", "user_id")
    )
    return {
        key: item for key, item in due.items() if (item.school_id, item.recipient_id) in members
    }


def _chunks(values):
    """One chunk on PostgreSQL; SQLite limits the number of parameters in one statement."""
    size = connection.features.max_query_params or len(values) or 1
    return [values[i : i + size] for i in range(0, len(values), size)]


def _claim(due):
    Reminder.objects.bulk_create(
        [
            Reminder(
                school_id=item.school_id,
                recipient_id=item.recipient_id,
                item_type=item.item_type,
                item_id=item.item_id,
                kind=item.kind,
                day=item.day,
                title=item.title[:300],
                url=item.url[:300],
            )
            for _key, item in sorted(due.items())  # one order for every dispatcher: no deadlocks
        ],
        ignore_conflicts=True,
    )


def _resolve(due, now):
    """Reminders whose item no longer waits are resolved; one that waits again reopens."""
    fields = ("id", "recipient_id", "item_type", "item_id", "kind", "day")
    open_rows = Reminder.objects.filter(resolved_at__isnull=True).values_list(*fields)
    gone = [row[0] for row in open_rows if row[1:] not in due]
    for ids in _chunks(gone):
        Reminder.objects.filter(id__in=ids, resolved_at__isnull=True).update(resolved_at=now)
    if not due:
        return
    # An item that waits again (a phase reopened, a date moved back) shows up again.
    recipients = sorted({key[0] for key in due})
    items = sorted({key[2] for key in due})
    resolved = Reminder.objects.filter(
        resolved_at__isnull=False, recipient_id__in=recipients, item_id__in=items
    ).values_list(*fields)
    back = [row[0] for row in resolved if row[1:] in due]
    for ids in _chunks(back):
        Reminder.objects.filter(id__in=ids).update(resolved_at=None)


def _waiting_for_mail():
    """Open reminders no e-mail has carried yet (a failed e-mail does not count)."""
    return Reminder.objects.filter(resolved_at__isnull=True).filter(
        Q(digest__isnull=True) | Q(digest__status=Digest.Status.FAILED)
    )


def _digest_recipients(today):
    daily = Q(recipient__reminder_frequency=User.Frequency.DAILY)
    # Weekly digests go out on Mondays only: someone who chooses weekly on a Tuesday waits for
    # the next Monday, whatever waits already. Several dispatches on one Monday claim one row.
    weekly = Q(pk__in=[])
    if today.weekday() == 0:
        weekly = Q(recipient__reminder_frequency=User.Frequency.WEEKLY)
    return sorted(
        set(
            _waiting_for_mail()
            .filter(recipient__is_active=True)
            .filter(daily | weekly)
            .values_list("recipient_id", flat=True)
        )
    )


def _claim_digests(today):
    """One digest per person and day; returns the ids this dispatcher won."""
    recipients = _digest_recipients(today)
    if not recipients:
        return []
    token = uuid.uuid4()
    Digest.objects.bulk_create(
        [Digest(recipient_id=r, day=today, token=token) for r in recipients],
        ignore_conflicts=True,
    )
    won = list(Digest.objects.filter(token=token).values_list("id", flat=True))
    if won:
        mine = Digest.objects.filter(token=token)
        digest_id = mine.filter(recipient_id=OuterRef("recipient_id")).values("id")[:1]
        _waiting_for_mail().filter(recipient_id__in=mine.values("recipient_id")).update(
            digest_id=Subquery(digest_id)
        )
    for digest_id in won:
        queue.on_commit("kwaliteit.tasks.send_digest", digest_id)
    return won


def _requeue_lost(now):
    """Digests still waiting long after they were claimed: their task was lost."""
    lost = Digest.objects.filter(
        status=Digest.Status.PENDING, created_at__lt=now - LOST_TASK_AFTER
    ).values_list("id", flat=True)
    for digest_id in lost:
        queue.on_commit("kwaliteit.tasks.send_digest", digest_id)


def digest_time(now):
    return timezone.localtime(now).hour >= settings.REMINDER_DIGEST_HOUR


# --- a busy database -------------------------------------------------------------------------

# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
RETRY_SQLSTATES = {"40001", "40P01", "55P03"}
LOCK_RETRIES = 8
LOCK_BACKOFF_SECONDS = 0.05  # doubled each time: about 13 s in all


def is_lock_error(error):
    """A lock or serialization conflict with another writer, which passes if tried again."""
    if not isinstance(error, DatabaseError):
        return False
    cause = error.__cause__ or error
    if getattr(cause, "sqlstate", None) in RETRY_SQLSTATES:
        return True
    # SQLite has no codes for it: "database is locked", "database table is locked".
    return connection.vendor == "sqlite" and "is locked" in str(cause)


def retry_on_lock(func, /, *args, **kwargs):
    """Run func; on a lock error roll back and try again after a short, growing pause.

    Only outside a transaction: inside one the caller's whole transaction has to go.
    """
    for attempt in range(LOCK_RETRIES + 1):
        try:
            return func(*args, **kwargs)
        except DatabaseError as error:
            if attempt == LOCK_RETRIES or connection.in_atomic_block or not is_lock_error(error):
                raise
            logger.info("Database busy (%s); trying again", error)
            time.sleep(LOCK_BACKOFF_SECONDS * 2**attempt)
    raise AssertionError("unreachable")


def dispatch(*, now=None):
    """Claim what is due, resolve what no longer is, claim today's digests; returns their ids.

    Safe to run in parallel and to repeat: the unique constraints decide who sends what, so a
    dispatch that met a busy database simply runs again.
    """
    return retry_on_lock(_dispatch, now=now)


def _dispatch(*, now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = collect(today=today)
    _claim(due)
    _resolve(due, now)
    if not digest_time(now):
        return []
    won = _claim_digests(today)
    _requeue_lost(now)
    logger.info("Reminders: %s due, %s digests claimed", len(due), len(won))
    return won
