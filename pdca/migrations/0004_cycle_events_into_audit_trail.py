from django.db import migrations

# CycleEvent.kind → the audit trail's verb for it.
VERBS = {
    "created": "cycle_created",
    "plan_changed": "plan_changed",
    "completed": "phase_completed",
    "reopened": "phase_reopened",
    "action_added": "action_added",
    "action_changed": "action_changed",
    "note": "note_added",
    "evaluated": "criterion_evaluated",
    "decided": "decided",
    "anchored": "anchored",
    "follow_up": "follow_up_started",
}
KINDS = {verb: kind for kind, verb in VERBS.items()}


def _cycle_type(apps):
    content_type, _created = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="pdca", model="cycle"
    )
    return content_type


def into_audit_trail(apps, schema_editor):
    """Every cycle event becomes an audit record on its cycle: same person, same moment."""
    CycleEvent = apps.get_model("pdca", "CycleEvent")
    AuditEvent = apps.get_model("kwaliteit", "AuditEvent")
    content_type = _cycle_type(apps)
    events = CycleEvent.objects.select_related("cycle").order_by("created_at", "id")
    batch = []
    for event in events.iterator(chunk_size=2000):
        batch.append(
            AuditEvent(
                school_id=event.cycle.school_id,
                actor_id=event.actor_id,
                at=event.created_at,
                verb=VERBS.get(event.kind, event.kind),
                content_type=content_type,
                object_id=str(event.cycle_id),
                object_repr=event.cycle.title[:200],
                data={"phase": event.phase, "text": event.text},
            )
        )
        if len(batch) >= 2000:
            AuditEvent.objects.bulk_create(batch)
            batch = []
    AuditEvent.objects.bulk_create(batch)


def back_to_cycle_events(apps, schema_editor):
    """The audit records of cycles back as cycle events (the records themselves stay)."""
    CycleEvent = apps.get_model("pdca", "CycleEvent")
    AuditEvent = apps.get_model("kwaliteit", "AuditEvent")
    Cycle = apps.get_model("pdca", "Cycle")
    content_type = _cycle_type(apps)
    cycles = set(Cycle.objects.values_list("pk", flat=True))
    CycleEvent._meta.get_field("created_at").auto_now_add = False  # keep each event's moment
    records = AuditEvent.objects.filter(content_type=content_type, verb__in=KINDS)
    CycleEvent.objects.bulk_create(
        CycleEvent(
            cycle_id=int(record.object_id),
            actor_id=record.actor_id,
            kind=KINDS[record.verb],
            phase=record.data.get("phase", ""),
            text=(record.data.get("text") or "")[:1000],
            created_at=record.at,
        )
        for record in records.order_by("at", "id").iterator(chunk_size=2000)
        if int(record.object_id) in cycles
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("kwaliteit", "0014_audit_append_only"),
        ("pdca", "0003_cycle_pdf_job_reference"),
    ]

    operations = [migrations.RunPython(into_audit_trail, back_to_cycle_events)]
