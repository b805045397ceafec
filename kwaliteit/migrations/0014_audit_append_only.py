from django.db import migrations

from kwaliteit import audit_lock


def install(apps, schema_editor):
    audit_lock.install(schema_editor)


def remove(apps, schema_editor):
    audit_lock.remove(schema_editor)


class Migration(migrations.Migration):
    """Triggers refuse UPDATE and DELETE on the audit trail (PostgreSQL and SQLite)."""

    dependencies = [("kwaliteit", "0013_school_year_start")]

    operations = [migrations.RunPython(install, remove)]
