"""Writing the audit trail: services call `record` in the transaction of the write they make.

    audit.record(actor=user, verb="adopted", obj=version, data={"number": version.number})

The verb is a short code ("created", "adopted", "recorded", ...); `changes` holds old → new for
edited fields (see `changed`). The record is append-only: nothing in the application edits or
deletes it.
"""

from . import clock
from .models.audit import AuditEvent
from .refs import ref_of


def _school_id(obj, school):
    if school is not None:
        return getattr(school, "pk", school)
    for attr in ("school_id", "card__school_id"):
        if getattr(obj, attr, None) is not None:
            return getattr(obj, attr)
    return None


def record(*, actor, verb, obj, school=None, changes=None, data=None, at=None):
    """Record that actor (a User or None for the system) did verb to obj."""
    content_type, object_id = ref_of(obj)
    return AuditEvent.objects.create(
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


def changed(old, new, fields):
    """{field: [old, new]} for the fields whose value differs; values as JSON-friendly text."""
    result = {}
    for name in fields:
        before, after = _value(old, name), _value(new, name)
        if before != after:
            result[name] = [before, after]
    return result


def _value(obj, name):
    value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
