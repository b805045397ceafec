"""Database triggers that make the audit trail append-only, on PostgreSQL and SQLite alike.

An UPDATE or DELETE of a row of kwaliteit_auditevent fails in the database, whatever the path:
the ORM, `queryset.update()`, raw SQL, the admin, a shell. The migration that installs them is
kwaliteit/migrations/0014_audit_append_only.py (0015 takes them off and
puts them back around a table rebuild on SQLite). TRUNCATE (table owner only) is not a row change
and is left to the database's own rights.
"""

from contextlib import contextmanager

TABLE = "kwaliteit_auditevent"
MESSAGE = "The audit trail is append-only: its records cannot be changed or deleted."

POSTGRESQL_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION kwaliteit_audit_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER kwaliteit_audit_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION kwaliteit_audit_append_only()
    """,
]
POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS kwaliteit_audit_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS kwaliteit_audit_append_only()",
]

SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER kwaliteit_audit_no_{action.lower()} BEFORE {action} ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """
    for action in ("UPDATE", "DELETE")
]
SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS kwaliteit_audit_no_{a}" for a in ("update", "delete")]


def statements(vendor, *, install=True):
    if vendor == "postgresql":
        return POSTGRESQL_INSTALL if install else POSTGRESQL_REMOVE
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    return []


def install(schema_editor):
    for statement in statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def remove(schema_editor):
    for statement in statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(statement)


@contextmanager
def emptied_for_test_flush(connection):
    """Tests only: SQLite empties tables with DELETE between transactional tests (PostgreSQL
    truncates), which the triggers refuse; this empties the audit table with them lifted."""
    yield
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for statement in SQLITE_REMOVE:
            cursor.execute(statement)
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
        for statement in SQLITE_INSTALL:
            cursor.execute(statement)
