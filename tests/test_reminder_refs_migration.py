"""0009_reminder_object_ref: existing reminders get a reference to their object from their type."""

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("kwaliteit", "0008_adoptable_version")]
AFTER = [("kwaliteit", "0009_reminder_object_ref")]


def test_existing_reminders_refer_to_their_object(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    school = apps.get_model("kwaliteit", "School").objects.create(
        name="OBS Oud", slug="oud", sector="po"
    )
    user = apps.get_model("kwaliteit", "User").objects.create(email="a@oud.example")
    Reminder = apps.get_model("kwaliteit", "Reminder")
    for item_type, item_id in [("pdca.act", 7), ("cards.adoption", 3), ("dataplan.collection", 9),
                               ("gone.type", 1)]:  # fmt: skip
        Reminder.objects.create(school=school, recipient=user, item_type=item_type,
                                item_id=item_id, kind="overdue", day="2026-03-01")  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    rows = {
        r.item_type: (r.content_type.app_label, r.content_type.model, r.object_id)
        for r in apps.get_model("kwaliteit", "Reminder").objects.select_related("content_type")
    }
    assert rows == {
        "pdca.act": ("pdca", "phase", "7"),
        "cards.adoption": ("kwaliteitskaarten", "kwaliteitskaart", "3"),
        "dataplan.collection": ("dataplan", "indicator", "9"),
    }, "a type nobody yields any more refers to nothing: dropped"

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # and back: the ids return
    apps = executor.loader.project_state(BEFORE).apps
    ids = apps.get_model("kwaliteit", "Reminder").objects.values_list("item_type", "item_id")
    assert dict(ids) == {"pdca.act": 7, "cards.adoption": 3, "dataplan.collection": 9}
    call_command("migrate", verbosity=0)
