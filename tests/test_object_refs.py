"""One way to refer to an object: content type + id, described through `hooks.object_info`."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kwaliteit import hooks, refs
from kwaliteit.models import Membership, Reminder
from kwaliteit.refs import REMOVED, describe, describe_one, ref_of
from kwaliteitskaarten.models import CardVersion
from pdca.models import Phase

from .factories import IndicatorFactory, VisionVersionFactory
from .pdca.helpers import make_cycle

MODELS = [
    "kwaliteit.visionversion",
    "kwaliteit.membership",
    "kwaliteit.team",
    "dataplan.indicator",
    "dataplan.dataimport",
    "dataplan.decision",
    "kwaliteitskaarten.kwaliteitskaart",
    "kwaliteitskaarten.cardversion",
    "kwaliteitskaarten.afspraak",
    "pdca.cycle",
    "pdca.phase",
    "pdca.action",
]


def test_every_model_others_refer_to_has_an_object_info_provider():
    assert set(MODELS) <= set(hooks.object_info.keys())


def test_an_object_says_its_title_page_and_school(world):
    cycle = make_cycle(world)
    info = describe_one(cycle, user=world.users["teacher"])
    assert (info.title, info.school_id, info.visible) == (cycle.title, world.school.pk, True)
    assert world.client_for("teacher").get(info.url).status_code == 200
    phase = cycle.phases.get(kind=Phase.Kind.PLAN)
    assert describe_one(phase, user=world.users["teacher"]).title == f"Plan: {cycle.title}"
    data_import = describe_one(world.data_import, user=world.users["coordinator"])
    assert data_import.visible and data_import.school_id == world.school.pk


def test_a_removed_object_is_described_as_removed(world):
    indicator = IndicatorFactory(school=world.school)
    ref = ref_of(indicator)
    indicator.delete()
    assert describe_one(ref, user=world.users["coordinator"]) == REMOVED
    # An id that cannot even be one of the model's is removed too, not an error.
    content_type, _id = ref_of(world.data_import)
    assert describe_one((content_type, "not-a-uuid"), user=world.users["coordinator"]).removed


def test_ids_that_are_no_integer_key_name_no_object_and_spoil_no_others(world, caplog):
    indicator = IndicatorFactory(school=world.school)
    content_type, object_id = ref_of(indicator)
    odd = ["²", "١٢", " 7 ", "9" * 30]  # isdigit() or int() would accept some of these
    found = describe(
        [(content_type, i) for i in [object_id, *odd]], user=world.users["coordinator"]
    )
    assert found[(content_type.id, object_id)].title == indicator.name
    assert all(found[(content_type.id, i)] == REMOVED for i in odd)
    assert "failed" not in caplog.text


def test_another_schools_object_is_not_visible(world):
    outsider, board_member = world.users["outsider"], world.users["board_member"]
    for obj in (world.card, world.agreement, world.indicator, make_cycle(world)):
        assert not describe_one(obj, user=outsider).visible, obj
        assert describe_one(obj, user=board_member).visible, "the board sees its schools"
    membership = Membership.objects.get(user=world.users["teacher"])
    assert not describe_one(membership, user=world.users["teacher"]).visible, "members list"
    assert describe_one(membership, user=world.users["leader"]).visible


def test_drafts_only_for_those_who_write_them(world):
    draft = VisionVersionFactory(school=world.school, number=3)
    assert describe_one(draft, user=world.users["coordinator"]).visible
    assert not describe_one(draft, user=world.users["teacher"]).visible
    card_draft = CardVersion.objects.get(card=world.card)  # the card's concept
    assert describe_one(card_draft, user=world.users["teacher"]).visible, "the card's owner"
    assert not describe_one(card_draft, user=world.users["viewer"]).visible


def test_one_query_per_model_whatever_the_number_of_references(world):
    cycles = [make_cycle(world, title=f"Traject {i}") for i in range(5)]
    few = [ref_of(cycles[0]), ref_of(world.card)]
    many = [ref_of(cycle) for cycle in cycles] + [ref_of(world.card), ref_of(world.indicator)]
    many += [ref_of(phase) for phase in Phase.objects.filter(cycle__in=cycles)]
    describe(few, user=world.users["teacher"])  # content types cached
    with CaptureQueriesContext(connection) as two:
        describe(few, user=world.users["teacher"])
    with CaptureQueriesContext(connection) as four:
        described = describe(many, user=world.users["teacher"])
    assert len(two.captured_queries) == 2
    assert len(four.captured_queries) == 4
    assert all(info.visible for info in described.values())


def test_a_reminder_refers_to_its_object(world):
    phase = make_cycle(world).phases.get(kind=Phase.Kind.PLAN)
    content_type, object_id = refs.ref_of(phase)
    reminder = Reminder.objects.create(
        school=world.school, recipient=world.users["teacher"], item_type="pdca.plan",
        content_type=content_type, object_id=object_id, kind="overdue", day=date(2026, 3, 1),
        title="Lezen", url="/",
    )  # fmt: skip
    info = describe_one((reminder.content_type, reminder.object_id), user=world.users["teacher"])
    assert info.url.endswith(f"/{phase.cycle_id}/")
