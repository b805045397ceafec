"""The one reminder mechanism: apps offer dated items, the core derives what is due, claims it
and digests it.

Every app offers its dated things through `hooks.dated_items` (kwaliteit.dated); the dispatcher
asks for the open ones up to the furthest "due soon" day of any school and derives the reminders
in one place from each item's `remind`, `date`, `waits_for` and `escalate_to` and the school's
Rules: due soon and overdue (then escalated to the roles in escalate_to), missed, awaiting. It
claims every due item as a Reminder under the unique constraint (recipient, item type, object,
kind, day), resolves the reminders whose item no longer waits, and claims one Digest per person
and day. Every step is a constant number of set-based queries, whatever the number of items.

A provider that fails is logged and left out of that run; the reminders of its item types are
neither claimed nor resolved until it answers again.
"""

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from . import clock, dated, queue
from .dated import Remind
from .models import Digest, Membership, Reminder, School, User

logger = logging.getLogger(__name__)

Kind = Reminder.Kind
LOST_TASK_AFTER = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Due:
    """One item that waits for one person."""

    school_id: int
    recipient_id: int
    item_type: str
    object_id: str
    kind: str
    day: date  # the due day the reminder is about
    title: str
    url: str

    @property
    def key(self):
        # str(): a TextChoices member does not hash like its value, a database row holds the value
        return (self.recipient_id, self.item_type, self.object_id, str(self.kind), self.day)


class Rules(NamedTuple):
    """A school's reminder settings."""

    due_soon_days: int
    escalate_after_days: int


def item_label(item_type):
    """What an item type is called in the notification list and the digest."""
    kind = dated.item_types().get(item_type)
    return kind.label if kind else item_type


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
    """The latest due day any school reminds about today: the items asked for end there."""
    return today + timedelta(days=max((r.due_soon_days for r in schools.values()), default=0))


# --- from dated items to due reminders -------------------------------------------------------


def dues(items, *, today, schools, staff):
    """The Due rows of these items today. schools: school id → Rules; staff(school id, role) →
    ids of the people in that role (asked only for an escalation)."""
    for item in items:
        rules = schools.get(item.school_id)
        if item.done or rules is None or item.remind == Remind.NEVER:
            continue
        waiting = [person for person in dict.fromkeys(item.waits_for) if person]

        def due(person, kind, day, item=item):
            return Due(item.school_id, person, item.type, str(item.id), kind, day, item.title,
                       item.url)  # fmt: skip

        if item.remind == Remind.MISSED:
            if item.date < today:  # the moment (its last day) has passed without being done
                yield from (due(person, Kind.MISSED, item.first_day) for person in waiting)
        elif item.remind == Remind.AWAITING:
            yield from (due(person, Kind.AWAITING, item.first_day) for person in waiting)
        else:
            kind = deadline_kind(item.date, today, rules)
            if kind is None:
                continue
            yield from (due(person, kind, item.date) for person in waiting)
            if kind == Kind.OVERDUE and item.escalate_to and escalates(item.date, today, rules):
                told = {p for role in item.escalate_to for p in staff(item.school_id, role)}
                for person in sorted(told - set(waiting)):
                    yield due(person, Kind.ESCALATION, item.date)


class _Staff:
    """The active people per school and role, read once and only when first asked."""

    def __init__(self, school_ids):
        self.school_ids = sorted(school_ids)
        self.rows = None

    def load(self):
        if self.rows is None:
            self.rows = {}
            for school_id, role, user_id in Membership.objects.filter(
                school_id__in=self.school_ids, is_active=True, user__is_active=True
            ).values_list("school_id", "role", "user_id"):
                self.rows.setdefault((school_id, role), []).append(user_id)
        return self.rows

    def __call__(self, school_id, role):
        return self.load().get((school_id, role), ())

    def members(self):
        return {(school, user) for (school, _role), users in self.load().items() for user in users}


def _open_dues(*, today, schools, types=None):
    """(Due rows by key, the item types whose provider failed) for these schools today."""
    items, failed = dated.items(
        school_ids=sorted(schools),
        start=None,
        end=horizon(today, schools),
        open_only=True,
        types=types,
    )
    failed_types = {name for provider in failed for name in dated.types_of(provider)}
    if any(not dated.types_of(provider) for provider in failed):
        failed_types = None  # a provider without declared types failed: resolve nothing
    staff = _Staff({item.school_id for item in items})
    due = {}
    for item in dues(items, today=today, schools=schools, staff=staff):
        due.setdefault(item.key, item)
    return due, failed_types, staff


# --- the dispatcher --------------------------------------------------------------------------


def _rules(school_ids=None):
    schools = (
        School.objects.all() if school_ids is None else School.objects.filter(id__in=school_ids)
    )
    rows = schools.values_list("id", "reminder_due_soon_days", "reminder_escalate_after_days")
    return {school_id: Rules(soon, late) for school_id, soon, late in rows}


def _may_resolve(item_type, failed_types):
    return failed_types is not None and item_type not in failed_types


def resolve_for(*, item_type, item_ids, now=None):
    """Resolve the open reminders of these items that no longer wait; call it in the
    transaction that completed them, so no list or count shows what was just done.

    item_type is one type or several (the same ids for each). The providers of those types
    decide (a measurement may settle one missed month, not another); they are only asked when
    the items have open reminders at all, and only for the items' schools.
    """
    types = [item_type] if isinstance(item_type, str) else list(item_type)
    now = now or clock.now()
    fields = ("id", "recipient_id", "item_type", "object_id", "kind", "day", "school_id")
    open_rows = list(
        Reminder.objects.filter(
            item_type__in=types,
            object_id__in=[str(item_id) for item_id in item_ids],
            resolved_at__isnull=True,
        ).values_list(*fields)
    )
    if not open_rows:
        return 0
    today = timezone.localdate(now)
    # Only the items' schools: completing one phase must not walk every school's open phases.
    schools = _rules({row[6] for row in open_rows})
    with clock.at(now):
        due, failed_types, _staff = _open_dues(today=today, schools=schools, types=types)
    gone = [
        row[0] for row in open_rows if row[1:6] not in due and _may_resolve(row[2], failed_types)
    ]
    return Reminder.objects.filter(id__in=gone, resolved_at__isnull=True).update(resolved_at=now)


def collect(*, today):
    """Every due item of every provider for active members of the item's school, deduplicated,
    and the item types whose provider failed (None: resolve nothing)."""
    due, failed_types, staff = _open_dues(today=today, schools=_rules())
    members = staff.members() if due else set()
    due = {key: item for key, item in due.items() if (item.school_id, item.recipient_id) in members}
    return due, failed_types


def _chunks(values):
    """One chunk on PostgreSQL; SQLite limits the number of parameters in one statement."""
    size = connection.features.max_query_params or len(values) or 1
    return [values[i : i + size] for i in range(0, len(values), size)]


def _content_types(item_types):
    """item type → content type id of the model its ids refer to (cached by Django)."""
    models = dated.item_types()
    found = {}
    for item_type in item_types:
        kind = models.get(item_type)
        if kind is None:
            logger.error("Reminders: item type %s has no registered model; left out", item_type)
            continue
        found[item_type] = ContentType.objects.get_by_natural_key(*kind.model.split(".")).id
    return found


def _claim(due):
    content_types = _content_types({item.item_type for item in due.values()})
    Reminder.objects.bulk_create(
        [
            Reminder(
                school_id=item.school_id,
                recipient_id=item.recipient_id,
                item_type=item.item_type,
                content_type_id=content_types[item.item_type],
                object_id=item.object_id,
                kind=item.kind,
                day=item.day,
                title=item.title[:300],
                url=item.url[:300],
            )
            for _key, item in sorted(due.items())  # one order for every dispatcher: no deadlocks
            if item.item_type in content_types
        ],
        ignore_conflicts=True,
    )


def _resolve(due, now, failed_types):
    """Reminders whose item no longer waits are resolved; one that waits again reopens.
    Those of a failed provider's item types stay as they are."""
    fields = ("id", "recipient_id", "item_type", "object_id", "kind", "day")
    open_rows = Reminder.objects.filter(resolved_at__isnull=True).values_list(*fields)
    gone = [
        row[0] for row in open_rows if row[1:] not in due and _may_resolve(row[2], failed_types)
    ]
    for ids in _chunks(gone):
        Reminder.objects.filter(id__in=ids, resolved_at__isnull=True).update(resolved_at=now)
    if not due:
        return
    # An item that waits again (a phase reopened, a date moved back) shows up again.
    recipients = sorted({key[0] for key in due})
    objects = sorted({key[2] for key in due})
    resolved = Reminder.objects.filter(
        resolved_at__isnull=False, recipient_id__in=recipients, object_id__in=objects
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
    with clock.at(now):  # providers that ask what day it is (a moment that passed) get `now`
        due, failed_types = collect(today=today)
    _claim(due)
    _resolve(due, now, failed_types)
    if not digest_time(now):
        return []
    won = _claim_digests(today)
    _requeue_lost(now)
    logger.info("Reminders: %s due, %s digests claimed", len(due), len(won))
    return won
