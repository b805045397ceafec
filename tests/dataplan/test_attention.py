"""What the dataplan adds to the start page besides its dated items: imports that stopped
halfway, for whoever can pick them up."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from dataplan.attention import unfinished_imports
from dataplan.models import DataImport
from kwaliteit import hooks
from kwaliteit.attention import Kind
from kwaliteit.models import Job, Role
from kwaliteit.permissions import BOARD, Access
from tests.factories import DataImportFactory, JobFactory

pytestmark = pytest.mark.django_db

READ = {"headers": ["Indicator", "Datum", "Waarde"], "rows": []}


def items(world, persona, role=None):
    access = Access(world.school, role or persona)
    with translation.override("en"):
        return unfinished_imports(
            school=world.school,
            user=world.users[persona],
            access=access,
            today=timezone.localdate(),
        )


def upload(world, persona="coordinator", **fields):
    fields.setdefault("preview", READ)
    return DataImportFactory(school=world.school, created_by=world.users[persona], **fields)


def test_registered_for_the_start_page():
    assert unfinished_imports in hooks.attention_items.providers()


def test_failed_stuck_and_waiting_imports_each_say_what_is_the_matter(world):
    failed = upload(world, original_name="mislukt.csv", status=DataImport.Status.FAILED)
    invalid = upload(world, original_name="fouten.csv", status=DataImport.Status.INVALID)
    valid = upload(world, original_name="klaar.csv", status="valid", summary={"new_rows": 3})
    unmapped = upload(world, original_name="kolommen.csv")
    found = {item.title: item for item in items(world, "coordinator")}
    assert {name: item.detail for name, item in found.items()} == {
        "mislukt.csv": "Import failed: nothing was saved",
        "fouten.csv": "Import stopped: the file has problems to fix",
        "klaar.csv": "Import checked: waits for the confirmation that saves it",
        "kolommen.csv": "Import waits for its columns to be matched",
    }
    item = found["mislukt.csv"]
    assert item.kind == Kind.PROBLEM
    assert item.url == f"/s/regenboog/dataplan/importeren/{failed.id}/"
    assert item.school_id == world.school.id
    assert item.waits_for == (world.users["coordinator"].id,)
    assert [
        found[name].url.split("/")[-2] for name in ("fouten.csv", "klaar.csv", "kolommen.csv")
    ] == [
        str(invalid.id),
        str(valid.id),
        str(unmapped.id),
    ]


def test_what_needs_nothing_from_anyone_is_left_out(world):
    # the shared import has not been read yet: it is being read, not stuck
    upload(world, status=DataImport.Status.DONE, original_name="klaar.csv")
    upload(world, status="valid", summary={"new_rows": 0}, original_name="niets-nieuws.csv")
    running = JobFactory(school=world.school, status=Job.Status.RUNNING, started_at=timezone.now())
    upload(world, status=DataImport.Status.UPLOADED, job=running, original_name="bezig.csv")
    old = upload(world, status=DataImport.Status.FAILED, original_name="oud.csv")
    DataImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    assert items(world, "coordinator") == []


def test_an_import_replaced_by_a_later_finished_one_is_left_alone(world):
    upload(world, status=DataImport.Status.FAILED, original_name="eerste.csv")
    later = upload(world, status=DataImport.Status.DONE, original_name="tweede.csv")
    DataImport.objects.filter(pk=later.pk).update(finished_at=timezone.now() + timedelta(minutes=1))
    assert items(world, "coordinator") == []


def test_the_coordinator_sees_every_import_a_leader_their_own_others_none(world):
    upload(world, "coordinator", status=DataImport.Status.FAILED, original_name="coo.csv")
    upload(world, "leader", status=DataImport.Status.FAILED, original_name="lei.csv")
    assert {i.title for i in items(world, "coordinator")} == {"coo.csv", "lei.csv"}
    assert {i.title for i in items(world, "leader")} == {"lei.csv"}
    assert items(world, "teacher") == []
    assert items(world, "viewer") == []
    assert items(world, "board_member", role=BOARD) == []
    # another school's import never shows
    DataImportFactory(
        school=world.other_school, created_by=world.users["outsider"], status="failed"
    )
    assert {i.title for i in items(world, "coordinator")} == {"coo.csv", "lei.csv"}


def test_one_query_whatever_the_number_of_imports(world):
    def count():
        with CaptureQueriesContext(connection) as queries:
            items(world, "coordinator", role=Role.COORDINATOR)
        return len(queries)

    upload(world, status=DataImport.Status.FAILED)
    one = count()
    for _ in range(5):
        upload(world, status=DataImport.Status.INVALID)
    assert count() == one == 1
