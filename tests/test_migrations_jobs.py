"""0011_jobs_to_documents: existing jobs keep their object and their file."""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command


def test_vision_jobs_refer_to_the_version_and_their_files_become_documents(transactional_db):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("kwaliteit", "0010_documents_and_job_references")]
    after = [("kwaliteit", "0011_jobs_to_documents")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    School = apps.get_model("kwaliteit", "School")
    user = apps.get_model("kwaliteit", "User").objects.create(email="a@oud.example")
    Version = apps.get_model("kwaliteit", "VisionVersion")
    Job = apps.get_model("kwaliteit", "Job")
    versions = {}
    for slug in ("oud", "nieuw"):
        school = School.objects.create(name=slug, slug=slug, sector="po")
        for number in (1, 2):
            versions[slug, number] = Version.objects.create(
                school=school,
                number=number,
                title="Visie",
                statement="x",
                created_by=user,
                status="adopted",
                adopted_on=f"2025-01-0{number}",
                adopted_by=user,
            )
    content = b"%PDF-1.7 old job"
    path = default_storage.save("generated/test/visie.pdf", ContentFile(content))
    school = versions["nieuw", 2].school
    made = Job.objects.create(
        school=school,
        created_by=user,
        kind="vision_pdf",
        object_id="2",
        status="done",
        file=path,
        filename="visie-2.pdf",
    )
    plan = Job.objects.create(school=school, created_by=user, kind="dataplan_pdf", status="done")

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    Job = apps.get_model("kwaliteit", "Job")
    made = Job.objects.select_related("content_type", "document").get(pk=made.pk)
    # The number 2 of *that* school, not the other school's version 2.
    assert made.object_id == str(versions["nieuw", 2].pk)
    assert made.content_type.model == "visionversion"
    document = made.document
    assert (document.file.name, document.filename) == (path, "visie-2.pdf")
    assert document.checksum == hashlib.sha256(content).hexdigest()
    assert document.size == len(content) and document.expires_at is not None
    plan = Job.objects.get(pk=plan.pk)
    assert (plan.object_id, plan.content_type_id, plan.document_id) == ("", None, None)
    call_command("migrate", verbosity=0)
    default_storage.delete(path)
