"""Documents (stored outputs) and the job's reference to its object as content type + text id.

Step 1 of 3: new columns beside the old ones; 0008 fills them, 0009 drops the old ones.
"""

import django.db.models.deletion
import kwaliteit.clock
import kwaliteit.models.documents
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("kwaliteit", "0009_reminder_object_ref"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="content_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="job",
            name="object_id",
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.CreateModel(
            name="Document",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        max_length=300, upload_to=kwaliteit.models.documents.document_file_path
                    ),
                ),
                ("filename", models.CharField(max_length=200, verbose_name="file name")),
                ("size", models.PositiveBigIntegerField(verbose_name="size")),
                ("checksum", models.CharField(max_length=64, verbose_name="SHA-256 checksum")),
                ("mime_type", models.CharField(max_length=100, verbose_name="type of file")),
                ("object_id", models.CharField(blank=True, max_length=64)),
                ("created_at", models.DateTimeField(default=kwaliteit.clock.now)),
                (
                    "expires_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="expires at"),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "school",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documents",
                        to="kwaliteit.school",
                    ),
                ),
            ],
            options={
                "verbose_name": "document",
                "verbose_name_plural": "documents",
                "ordering": ["-created_at"],
            },
        ),
        migrations.AddField(
            model_name="job",
            name="document",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="job",
                to="kwaliteit.document",
            ),
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(fields=["expires_at"], name="document_expires"),
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(fields=["content_type", "object_id"], name="document_object"),
        ),
    ]
