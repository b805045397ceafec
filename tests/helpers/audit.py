"""The audit trail as tests read it: the records on one object."""

from kwaliteit.models import AuditEvent
from kwaliteit.refs import ref_of


def events_of(obj, **filters):
    """The audit records on obj (oldest first), optionally filtered (verb=..., actor=...)."""
    content_type, object_id = ref_of(obj)
    records = AuditEvent.objects.filter(content_type=content_type, object_id=object_id)
    return records.filter(**filters).order_by("at", "id")
