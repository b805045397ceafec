"""The one reminder mechanism: sources say what is due, the dispatcher claims and digests it.

Each app registers a source (`register`); the core never imports them. A source is called as
`source(*, today, schools)` with `schools` a dict school id → Rules, and yields `Due` items. The
dispatcher claims every due item as a Reminder under the unique constraint (recipient, item,
kind, day), resolves the reminders whose item no longer waits, and claims one Digest per person
and day. Every step is a constant number of set-based queries, whatever the number of items.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

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


def register(source, *, labels):
    """Add a source of due items; labels maps its item types to a translatable label."""
    _sources.append(source)
    ITEM_LABELS.update(labels)
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


def _rules():
    rows = School.objects.values_list(
        "id", "reminder_due_soon_days", "reminder_escalate_after_days"
    )
    return {school_id: Rules(soon, late) for school_id, soon, late in rows}


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
    monday = today - timedelta(days=today.weekday())
    mailed_this_week = Digest.objects.filter(
        recipient_id=OuterRef("recipient_id"), day__gte=monday
    ).exclude(status=Digest.Status.EMPTY)
    daily = Q(recipient__reminder_frequency=User.Frequency.DAILY)
    weekly = Q(recipient__reminder_frequency=User.Frequency.WEEKLY) & ~Exists(mailed_this_week)
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
    from .tasks import digest_send

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
        transaction.on_commit(lambda digest_id=digest_id: digest_send.delay(digest_id))
    return won


def _requeue_lost(now):
    """Digests still waiting long after they were claimed: their task was lost."""
    from .tasks import digest_send

    lost = Digest.objects.filter(
        status=Digest.Status.PENDING, created_at__lt=now - LOST_TASK_AFTER
    ).values_list("id", flat=True)
    for digest_id in lost:
        transaction.on_commit(lambda digest_id=digest_id: digest_send.delay(digest_id))


def digest_time(now):
    return timezone.localtime(now).hour >= settings.REMINDER_DIGEST_HOUR


def dispatch(*, now=None):
    """Claim what is due, resolve what no longer is, claim today's digests; returns their ids.

    Safe to run in parallel and to repeat: the unique constraints decide who sends what.
    """
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
