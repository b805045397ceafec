"""The card_pdf jobs name their object's content type (kwaliteitskaarten.cardversion); their object_id was
already its pk."""

from django.db import migrations


def forwards(apps, schema_editor):
    Job = apps.get_model("kwaliteit", "Job")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="kwaliteitskaarten", model="cardversion")
    Job.objects.filter(kind="card_pdf").exclude(object_id="").update(content_type=content_type)


class Migration(migrations.Migration):
    dependencies = [
        ("kwaliteitskaarten", "0005_adoptable_version"),
        ("kwaliteit", "0012_job_file_in_document"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
