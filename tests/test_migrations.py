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


def test_existing_core_values_get_the_lineage_of_the_same_name_in_the_version_before(
    transactional_db,
):
    """0005_corevalue_lineage links values across versions by name, as coverage matched them."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        [("kwaliteit", "0004_school_session_idle_hours")],
        [("kwaliteit", "0005_corevalue_lineage")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    school = apps.get_model("kwaliteit", "School").objects.create(
        name="OBS Oud", slug="oud", sector="po"
    )
    user = apps.get_model("kwaliteit", "User").objects.create(email="a@oud.example")
    Version = apps.get_model("kwaliteit", "VisionVersion")
    Value = apps.get_model("kwaliteit", "CoreValue")
    for number, names in [(1, ["Samen", "Respect"]), (2, ["samen", "Groei"])]:
        version = Version.objects.create(
            school=school,
            number=number,
            title="Visie",
            statement="x",
            created_by=user,
            status="adopted",
            adopted_on=f"2025-01-0{number}",
            adopted_by=user,
        )
        for position, name in enumerate(names):
            Value.objects.create(vision=version, position=position, name=name)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    lineage = {
        (v.vision.number, v.name): v.lineage
        for v in apps.get_model("kwaliteit", "CoreValue").objects.select_related("vision")
    }
    assert lineage[(2, "samen")] == lineage[(1, "Samen")]
    assert len({lineage[(1, "Respect")], lineage[(2, "Groei")], lineage[(1, "Samen")]}) == 3
    call_command("migrate", verbosity=0)


def test_cycle_events_move_into_the_audit_trail_with_their_person_and_moment(transactional_db):
    """pdca 0004 copies every CycleEvent into the audit trail before 0005 removes the model."""
    from datetime import UTC, datetime

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("pdca", "0003_cycle_pdf_job_reference"), ("kwaliteit", "0014_audit_append_only")]
    after = [("pdca", "0004_cycle_events_into_audit_trail")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    school = apps.get_model("kwaliteit", "School").objects.create(
        name="OBS Oud", slug="oud", sector="po"
    )
    user = apps.get_model("kwaliteit", "User").objects.create(email="a@oud.example")
    cycle = apps.get_model("pdca", "Cycle").objects.create(
        school=school, title="Lezen", owner=user, created_by=user
    )
    CycleEvent = apps.get_model("pdca", "CycleEvent")
    moment = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)
    for kind, phase, text in [("created", "plan", "vanaf nul"), ("reopened", "do", "Vergeten")]:
        event = CycleEvent.objects.create(
            cycle=cycle, actor=user, kind=kind, phase=phase, text=text
        )
        CycleEvent.objects.filter(pk=event.pk).update(created_at=moment)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    records = apps.get_model("kwaliteit", "AuditEvent").objects.order_by("id")
    assert [
        (r.verb, r.actor_id, r.at, r.object_id, r.object_repr, r.school_id, r.data) for r in records
    ] == [
        (
            "cycle_created",
            user.pk,
            moment,
            str(cycle.pk),
            "Lezen",
            school.pk,
            {"phase": "plan", "text": "vanaf nul"},
        ),
        (
            "phase_reopened",
            user.pk,
            moment,
            str(cycle.pk),
            "Lezen",
            school.pk,
            {"phase": "do", "text": "Vergeten"},
        ),
    ]
    assert records[0].content_type.model == "cycle"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
