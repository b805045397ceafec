"""Writing the audit trail: services call `record` in the transaction of the write they make.

    audit.record(actor=user, verb="adopted", obj=version, data={"number": version.number})

The verb is a short code ("created", "adopted", "check_recorded", ...) whose sentence an app
registers with `hooks.audit_verbs` (see kwaliteit/history.py); `changes` holds old → new for
edited fields (see `changed`), `data` what the sentence needs. The record is append-only: nothing
in the application edits or deletes it, and database triggers refuse UPDATE and DELETE on it
(kwaliteit/audit_lock.py). Never put the text of a private reflection in it.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from django.db import connections, router

from . import clock
from .models.audit import AuditEvent
from .refs import ref_of

# Paths to the school through which an audited object knows it (first one that answers).
SCHOOL_PATHS = ("school_id", "card.school_id", "indicator.school_id", "cycle.school_id")

_collector: ContextVar[list | None] = ContextVar("audit_collector", default=None)
_switched_off_for_bench: ContextVar[bool] = ContextVar("audit_off_for_bench", default=False)


def _school_id(obj, school):
    if school is not None:
        return getattr(school, "pk", school)
    for path in SCHOOL_PATHS:
        value = obj
        for attr in path.split("."):
            value = getattr(value, attr, None)
            if value is None:
                break
        if value is not None:
            return value
    return None


def record(*, actor, verb, obj, school=None, changes=None, data=None, at=None):
    """Record that actor (a User or None for the system) did verb to obj."""
    if _switched_off_for_bench.get():
        return None
    content_type, object_id = ref_of(obj)
    event = AuditEvent(
        school_id=_school_id(obj, school),
        actor_id=getattr(actor, "pk", actor),
        at=at or clock.now(),
        verb=verb,
        content_type=content_type,
        object_id=object_id,
        object_repr=str(obj)[:200],
        changes=changes or {},
        data=data or {},
    )
    collector = _collector.get()
    if collector is not None:
        collector.append(event)
    else:
        _insert(event)
    return event


def _insert(event):
    """One plain INSERT, without Model.save's machinery: every audited write pays for it, and
    `make bench` holds it to audit_write_overhead. The values go through the fields' own
    conversion, so JSON and dates are stored as save() would store them."""
    connection = connections[router.db_for_write(AuditEvent)]
    quote = connection.ops.quote_name
    fields = [field for field in AuditEvent._meta.concrete_fields if not field.primary_key]
    # Only quoted names of our own table and columns go into the text; the values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(AuditEvent._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    values = [field.get_db_prep_save(field.pre_save(event, True), connection) for field in fields]
    returning = connection.features.can_return_columns_from_insert
    if returning:
        sql += f" RETURNING {quote(AuditEvent._meta.pk.column)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        event.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    event._state.adding = False
    event._state.db = connection.alias


@contextmanager
def collected():
    """Hold the events recorded inside in a list instead of writing them, so that a bulk path
    (the demo back-dating a story) can set their moments and write them once, with bulk_create."""
    events = []
    token = _collector.set(events)
    try:
        yield events
    finally:
        _collector.reset(token)


@contextmanager
def switched_off_for_bench():
    """`make bench` only: measure a write without its audit record (audit_write_overhead).
    Nothing else may switch the audit trail off."""
    token = _switched_off_for_bench.set(True)
    try:
        yield
    finally:
        _switched_off_for_bench.reset(token)


def changed(old, new, fields):
    """{field: [old, new]} for the fields whose value differs; values as JSON-friendly text."""
    result = {}
    for name in fields:
        before, after = _value(old, name), _value(new, name)
        if before != after:
            result[name] = [before, after]
    return result


def snapshot(obj, fields):
    """The values of fields now, to compare with `changed` after the write."""
    return {name: _value(obj, name) for name in fields}


def _value(obj, name):
    value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):  # 80 and 80.0000 are the same value
        return format(value.normalize(), "f")
    if hasattr(value, "all") and hasattr(value, "model"):  # a many-to-many manager
        return ", ".join(sorted(str(item) for item in value.all()))
    if isinstance(value, list | tuple | set):
        return ", ".join(sorted(str(item) for item in value))
    return str(value)
