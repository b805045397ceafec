"""The cycle_pdf jobs name their object's content type (pdca.cycle); their object_id was
already its pk."""

from django.db import migrations


def forwards(apps, schema_editor):
    Job = apps.get_model("kwaliteit", "Job")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="pdca", model="cycle")
    Job.objects.filter(kind="cycle_pdf").exclude(object_id="").update(content_type=content_type)


class Migration(migrations.Migration):
    dependencies = [
        ("pdca", "0002_recorded_moments_from_clock"),
        ("kwaliteit", "0012_job_file_in_document"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
