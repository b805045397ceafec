"""Reminders refer to their object by content type + id (kwaliteit.refs) instead of item_id."""

import django.db.models.deletion
from django.db import migrations, models

# The item types reminders had, and the model each one's id referred to.
MODELS = {
    "pdca.plan": ("pdca", "phase"),
    "pdca.do": ("pdca", "phase"),
    "pdca.check": ("pdca", "phase"),
    "pdca.act": ("pdca", "phase"),
    "pdca.action": ("pdca", "action"),
    "cards.agreement": ("kwaliteitskaarten", "afspraak"),
    "cards.review": ("kwaliteitskaarten", "kwaliteitskaart"),
    "cards.review-draft": ("kwaliteitskaarten", "kwaliteitskaart"),
    "cards.adoption": ("kwaliteitskaarten", "kwaliteitskaart"),
    "vision.draft": ("kwaliteit", "visionversion"),
    "dataplan.collection": ("dataplan", "indicator"),
}


def fill_references(apps, schema_editor):
    Reminder = apps.get_model("kwaliteit", "Reminder")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # A type nobody yields any more refers to nothing: such a reminder cannot be shown or resolved.
    Reminder.objects.exclude(item_type__in=list(MODELS)).delete()
    for item_type, (app_label, model) in MODELS.items():
        rows = Reminder.objects.filter(item_type=item_type)
        if not rows.exists():
            continue
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for reminder in rows.only("id", "item_id"):
            reminder.content_type_id = content_type.id
            reminder.object_id = str(reminder.item_id)
            reminder.save(update_fields=["content_type", "object_id"])


def fill_item_ids(apps, schema_editor):
    Reminder = apps.get_model("kwaliteit", "Reminder")
    for reminder in Reminder.objects.only("id", "object_id"):
        reminder.item_id = int(reminder.object_id)
        reminder.save(update_fields=["item_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("kwaliteit", "0008_adoptable_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="reminder",
            name="content_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="reminder",
            name="object_id",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="reminder",
            name="item_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.RunPython(fill_references, fill_item_ids),
        migrations.RemoveConstraint(model_name="reminder", name="reminder_claimed_once"),
        migrations.RemoveField(model_name="reminder", name="item_id"),
        migrations.AlterField(
            model_name="reminder",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddConstraint(
            model_name="reminder",
            constraint=models.UniqueConstraint(
                fields=("recipient", "item_type", "content_type", "object_id", "kind", "day"),
                name="reminder_claimed_once",
            ),
        ),
    ]
