"""An import's runs (reading, checking, saving) are Jobs; the import keeps only where it stands.

An import that was being read or checked when this ran waits for its (next) check as
"uploaded"; one that was being saved is back at "ready" (or "has problems" when the user chose to
skip rows), so that the user can confirm it again.
"""

import django.db.models.deletion
from django.db import migrations, models


def forwards(apps, schema_editor):
    DataImport = apps.get_model("dataplan", "DataImport")
    DataImport.objects.filter(status__in=["reading", "validating"]).update(status="uploaded")
    saving = DataImport.objects.filter(status="importing")
    saving.filter(skip_problem_rows=True).update(status="invalid")
    saving.update(status="valid")


def backwards(apps, schema_editor):
    DataImport = apps.get_model("dataplan", "DataImport")
    # Not read yet: the worker of the earlier code reads it again.
    DataImport.objects.filter(status="uploaded", preview={}).update(status="reading")


class Migration(migrations.Migration):

    dependencies = [
        ('dataplan', '0003_recorded_moments_from_clock'),
        ('kwaliteit', '0012_job_file_in_document'),
    ]

    operations = [
        migrations.AddField(
            model_name='dataimport',
            name='job',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='kwaliteit.job'),
        ),
        migrations.AlterField(
            model_name='dataimport',
            name='status',
            field=models.CharField(choices=[('uploaded', 'uploaded'), ('invalid', 'has problems'), ('valid', 'ready to import'), ('done', 'imported'), ('failed', 'failed')], default='uploaded', max_length=10),
        ),
        migrations.RunPython(forwards, backwards),
    ]
