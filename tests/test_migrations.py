from io import StringIO

from django.core.management import call_command


def test_no_missing_migrations(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        raise AssertionError(f"Model changes without a migration:\n{out.getvalue()}") from None


def test_migrations_are_reversible(transactional_db):
    call_command("migrate", "kwaliteit", "zero", verbosity=0)
    call_command("migrate", verbosity=0)
