"""Existing jobs refer to their object by content type + text id, and their files become
Documents.

The vision PDF's object_id was the version *number*; it becomes that school's VisionVersion pk.
The other kinds (card_pdf, cycle_pdf) already stored a pk; their apps' own migrations name the
content type. A stored file becomes a Document with its size and SHA-256 checksum, in place (the
file is not copied) and expiring as the job's file did.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import migrations


def forwards(apps, schema_editor):
    Job = apps.get_model("kwaliteit", "Job")
    Document = apps.get_model("kwaliteit", "Document")
    VisionVersion = apps.get_model("kwaliteit", "VisionVersion")
    ContentType = apps.get_model("contenttypes", "ContentType")
    vision_type, _ = ContentType.objects.get_or_create(app_label="kwaliteit", model="visionversion")
    Job.objects.filter(object_id__isnull=True).update(object_id="")
    for job in Job.objects.filter(kind="vision_pdf").exclude(object_id=""):
        pk = (
            VisionVersion.objects.filter(school_id=job.school_id, number=int(job.object_id))
            .values_list("pk", flat=True)
            .first()
        )
        job.content_type = vision_type
        job.object_id = str(pk) if pk is not None else ""
        job.save(update_fields=["content_type", "object_id"])
    days = timedelta(days=settings.GENERATED_FILE_DAYS)
    for job in Job.objects.exclude(file=""):
        try:
            with default_storage.open(job.file.name, "rb") as handle:
                content = handle.read()
        except OSError:
            continue  # the file is gone: the job simply has no document
        made = job.finished_at or job.created_at
        job.document = Document.objects.create(
            school_id=job.school_id,
            created_by_id=job.created_by_id,
            file=job.file.name,
            filename=job.filename or job.file.name.rsplit("/", 1)[-1],
            size=len(content),
            checksum=hashlib.sha256(content).hexdigest(),
            mime_type="application/pdf",
            content_type_id=job.content_type_id,
            object_id=job.object_id,
            created_at=made,
            expires_at=job.created_at + days,
        )
        job.save(update_fields=["document"])


def backwards(apps, schema_editor):
    Job = apps.get_model("kwaliteit", "Job")
    VisionVersion = apps.get_model("kwaliteit", "VisionVersion")
    for job in Job.objects.select_related("document"):
        if job.document_id:
            job.file, job.filename = job.document.file.name, job.document.filename
        if job.kind == "vision_pdf" and job.object_id:
            number = VisionVersion.objects.filter(pk=job.object_id).values_list("number", flat=True)
            job.object_id = str(number.first() or "") or None
        job.object_id = job.object_id or None
        job.save(update_fields=["file", "filename", "object_id"])


class Migration(migrations.Migration):
    dependencies = [("kwaliteit", "0010_documents_and_job_references")]

    operations = [migrations.RunPython(forwards, backwards)]
