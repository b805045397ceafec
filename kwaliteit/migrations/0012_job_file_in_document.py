"""Step 3 of 3: a job's file lives in its Document; object_id is text, never null."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("kwaliteit", "0011_jobs_to_documents")]

    operations = [
        migrations.RemoveField(model_name="job", name="file"),
        migrations.RemoveField(model_name="job", name="filename"),
        migrations.AlterField(
            model_name="job",
            name="object_id",
            field=models.CharField(blank=True, max_length=64),
        ),
    ]
