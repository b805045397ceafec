"""Core values get a lineage: the same value across vision versions (nullable → fill → required).

Existing values are linked to the value of the same name (case-insensitive) in the school's
previous version, as the cards' coverage matched them until now.
"""

import uuid

from django.db import migrations, models


def fill_lineage(apps, schema_editor):
    CoreValue = apps.get_model("kwaliteit", "CoreValue")
    VisionVersion = apps.get_model("kwaliteit", "VisionVersion")
    previous = {}  # school id → {name casefold: lineage} of the version before
    for version in VisionVersion.objects.order_by("school_id", "number"):
        known = previous.get(version.school_id, {})
        current = {}
        for value in CoreValue.objects.filter(vision=version).order_by("position", "id"):
            key = value.name.strip().casefold()
            value.lineage = known.get(key) or uuid.uuid4()
            if value.lineage in current.values():
                value.lineage = uuid.uuid4()
            current[key] = value.lineage
            value.save(update_fields=["lineage"])
        previous[version.school_id] = current


class Migration(migrations.Migration):
    dependencies = [
        ("kwaliteit", "0004_school_session_idle_hours"),
    ]

    operations = [
        migrations.AddField(
            model_name="corevalue",
            name="lineage",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_lineage, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="corevalue",
            name="lineage",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
    ]
