"""The audit trail: one readable record per audited write, append-only in the database."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import translation

from dataplan import services as dataplan_services
from dataplan.models import DataImport
from kwaliteit import audit, history, services
from kwaliteit.models import AuditEvent, Role
from kwaliteitskaarten import services as card_services
from pdca import services as pdca_services

from .factories import MembershipFactory
from .helpers.audit import events_of
from .pdca.helpers import complete_plan, make_cycle, to_act


def _record(world):
    return audit.record(actor=world.users["coordinator"], verb="created", obj=world.card)


def test_the_database_refuses_to_change_or_delete_a_record(world):
    event = _record(world)
    for attempt in (
        lambda: AuditEvent.objects.filter(pk=event.pk).update(verb="deleted"),
        lambda: AuditEvent.objects.filter(pk=event.pk).delete(),
        lambda: event.save(),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            attempt()
    for sql in (
        "UPDATE kwaliteit_auditevent SET verb = 'x'",
        "DELETE FROM kwaliteit_auditevent",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).verb == "created"


# --- each audited service writes exactly one record ---------------------------------------


def _vision_draft(world, vision, user):
    draft = vision["draft"]
    services.vision_draft_update(
        version=draft,
        title="Nieuwe titel",
        statement=draft.statement,
        values=[("Moed", "")],
        user=user,
    )
    return draft, "vision_draft_updated", {"title", "core_values"}


def _card_create(world, vision, user):
    card = card_services.card_create(
        school=world.school, title="Rekenen", owner=user, team=None, user=user
    )
    return card, "card_created", set()


def _card_draft(world, vision, user):
    draft = world.card.versions.get()
    card_services.card_draft_update(
        version=draft,
        why="Omdat",
        core="Kern",
        autonomy="",
        how_we_see_it="",
        core_values=[],
        indicators=[world.indicator],
        user=user,
    )
    return draft, "card_draft_updated", {"why", "core", "indicators"}


def _card_archive(world, vision, user):
    card_services.card_archive(card=world.card, user=user)
    return world.card, "card_archived", set()


def _agreement_add(world, vision, user):
    agreement = card_services.agreement_add(
        card=world.card,
        text="Elke week",
        owner=user,
        check_interval_months=3,
        first_check_on=date(2026, 3, 1),
        user=user,
    )
    return agreement, "agreement_added", set()


def _agreement_edit(world, vision, user):
    card_services.agreement_update(
        agreement=world.agreement,
        text="Elke les een uitstapkaartje",
        owner=user,
        check_interval_months=3,
        user=user,
    )
    return world.agreement, "agreement_changed", {"text", "owner"}


def _agreement_check(world, vision, user):
    card_services.agreement_check_record(
        agreement=world.agreement,
        result="partly",
        note="Half",
        checked_on=date(2026, 1, 5),
        user=user,
    )
    return world.agreement, "check_recorded", set()


def _indicator_create(world, vision, user):
    indicator = dataplan_services.indicator_save(
        school=world.school,
        user=user,
        name="Welbevinden",
        question="Voelen ze zich veilig?",
        source="survey",
        kind="percentage",
        owner=user,
        level="school",
        norm=Decimal("70"),
        collection_months=[10],
    )
    return indicator, "indicator_created", set()


def _indicator_deactivate(world, vision, user):
    dataplan_services.indicator_save(
        school=world.school, indicator=world.indicator, user=user, is_active=False
    )
    return world.indicator, "indicator_deactivated", {"is_active"}


def _measurement_add(world, vision, user):
    dataplan_services.measurement_add(
        indicator=world.indicator,
        group_name="Groep 8",
        measured_on=date(2025, 10, 1),
        value=Decimal("71.5"),
        note="",
        user=user,
    )
    return world.indicator, "measurement_added", set()


def _measurement_delete(world, vision, user):
    dataplan_services.measurement_delete(measurement=world.measurement, user=user)
    return world.indicator, "measurement_deleted", set()


def _decision(world, vision, user):
    dataplan_services.decision_add(
        indicator=world.indicator, decided_on=date(2025, 11, 1), text="Extra lezen", user=user
    )
    return world.indicator, "decision_added", set()


def _member_invite(world, vision, user):
    membership = services.membership_invite(
        school=world.school,
        email="nieuw@regenboog.example",
        full_name="Nieuwe Collega",
        role=Role.TEACHER,
        teams=[world.team],
        invited_by=user,
    )
    return membership, "member_invited", set()


def _member_change(world, vision, user):
    membership = world.users["teacher"].memberships.get(school=world.school)
    services.membership_update(
        membership=membership, role=Role.LEADER, teams=[], is_active=True, user=user
    )
    return membership, "member_changed", {"role", "teams"}


def _team_create(world, vision, user):
    return (
        services.team_save(school=world.school, name="Onderbouw", user=user),
        "team_created",
        set(),
    )


def _team_rename(world, vision, user):
    services.team_save(school=world.school, team=world.team, name="Middenbouw", user=user)
    return world.team, "team_renamed", {"name"}


def _team_delete(world, vision, user):
    team_pk = world.team.pk
    services.team_delete(team=world.team, user=user)
    world.team.pk = team_pk  # the record stays about the team that was
    return world.team, "team_deleted", set()


def _cycle_create(world, vision, user):
    return make_cycle(world, user=user), "cycle_created", set()


def _plan_change(world, vision, user):
    cycle = make_cycle(world)
    pdca_services.plan_update(
        cycle=cycle,
        user=user,
        title="Lezen met plezier",
        owner=cycle.owner,
        team=None,
        cards=[],
        goal_what=cycle.goal_what,
        goal_measure="90%",
        goal_date=cycle.goal_date,
        reason=cycle.reason,
    )
    return cycle, "plan_changed", {"title", "team", "cards", "goal_measure"}


def _phase_complete(world, vision, user):
    cycle = make_cycle(world)
    pdca_services.phase_complete(cycle=cycle, kind="plan", user=user)
    return cycle, "phase_completed", set()


def _criterion_add(world, vision, user):
    cycle = make_cycle(world)
    pdca_services.criterion_add(cycle=cycle, user=user, description="Iedereen leest thuis")
    return cycle, "criterion_added", set()


def _action_add(world, vision, user):
    cycle = make_cycle(world)
    complete_plan(cycle, user)
    pdca_services.action_add(
        cycle=cycle, user=user, description="Voorlezen", owner=user, due_on=date(2026, 5, 1)
    )
    return cycle, "action_added", set()


def _decide(world, vision, user):
    cycle = to_act(make_cycle(world), user)
    pdca_services.act_decide(cycle=cycle, user=user, decision="stop", note="Doel gehaald")
    return cycle, "decided", set()


SERVICES = [
    _vision_draft,
    _card_create,
    _card_draft,
    _card_archive,
    _agreement_add,
    _agreement_edit,
    _agreement_check,
    _indicator_create,
    _indicator_deactivate,
    _measurement_add,
    _measurement_delete,
    _decision,
    _member_invite,
    _member_change,
    _team_create,
    _team_rename,
    _team_delete,
    _cycle_create,
    _plan_change,
    _phase_complete,
    _criterion_add,
    _action_add,
    _decide,
]


@pytest.mark.parametrize("write", SERVICES, ids=[f.__name__[1:] for f in SERVICES])
def test_each_audited_write_is_recorded_once_with_its_verb_and_changes(world, vision, write):
    user = world.users["leader"]
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    obj, verb, fields = write(world, vision, user)
    # The setup of the larger writes (a cycle to change) records too: the write is the last.
    records = AuditEvent.objects.filter(pk__gt=before)
    last = records.order_by("-pk").first()
    assert (last.verb, last.actor_id) == (verb, user.pk)
    assert records.filter(verb=verb).count() == 1
    assert events_of(obj, verb=verb).count() == 1
    assert set(last.changes) == fields
    assert last.school_id == world.school.pk
    with translation.override("en"):
        said = history.sentence(last)
    assert said and "_" not in said  # a sentence, not a verb code


def test_a_check_reads_in_the_readers_words_and_an_edit_shows_old_and_new(world):
    user = world.users["teacher"]
    card_services.agreement_check_record(
        agreement=world.agreement,
        result="not_kept",
        note="",
        checked_on=date(2026, 1, 5),
        user=user,
    )
    card_services.agreement_update(
        agreement=world.agreement,
        text="Elke les een uitstapkaartje",
        owner=user,
        check_interval_months=6,
        user=user,
    )
    with translation.override("en"):
        page = history.history_for(world.agreement)
    changed, checked, added = page.entries
    assert added.sentence == "added an agreement" and added.actor == "the system"
    assert checked.sentence == "recorded: not kept"
    assert changed.sentence == "changed an agreement"
    assert [(c.label, c.old, c.new) for c in changed.changes] == [
        ("Agreement", "Elke les een exit-ticket", "Elke les een uitstapkaartje"),
        ("Follow up every (months)", "3", "6"),
    ]


def test_an_import_records_one_event_with_its_row_counts_not_one_per_row(world):
    client = world.client_for("coordinator")
    text = (
        "Indicator;Groep;Datum;Waarde;Toelichting\n"
        "Leesresultaten;Groep 6;01-10-2025;81;\n"
        "Leesresultaten;Groep 7;01-10-2025;veel;\n"
        "Leesresultaten;Groep 8;01-10-2025;77;\n"
    )
    upload = SimpleUploadedFile("metingen.csv", text.encode(), content_type="text/csv")
    response = client.post(
        reverse("dataplan:import-upload", args=[world.school.slug]),
        {"file": upload, "school_year": "2025"},
    )
    form = client.get(response["Location"]).context["form"]
    client.post(response["Location"], {name: form[name].initial for name in form.fields})
    data_import = DataImport.objects.get(row_count=3)
    confirm = reverse("dataplan:import-confirm", args=[world.school.slug, data_import.id])
    client.post(confirm, {"skip_problem_rows": "1"})
    data_import.refresh_from_db()
    assert data_import.status == "done"
    record = events_of(data_import).get()
    assert (record.verb, record.data) == ("import_committed", {"rows": 2, "skipped": 1})
    with translation.override("en"):
        assert history.sentence(record) == "imported 2 measurements, skipped 1 row"
    page = client.get(response["Location"]).content.decode()
    assert 'id="geschiedenis"' in page


def test_no_record_carries_the_text_of_a_reflection(world, vision):
    secret = "Ik twijfel aan mijn eigen lessen"
    teacher = world.users["teacher"]
    card_services.reflection_add(author=teacher, card=world.card, text=secret, visibility="private")
    cycle = to_act(make_cycle(world), teacher)
    pdca_services.act_decide(cycle=cycle, user=teacher, decision="stop", note="Klaar")
    for record in AuditEvent.objects.all():
        assert secret not in f"{record.object_repr}{record.changes}{record.data}"
    assert not AuditEvent.objects.filter(content_type__model="reflection").exists()


def test_the_bench_switch_leaves_the_record_out_and_only_inside_it(world):
    with audit.switched_off_for_bench():
        assert _record(world) is None
    assert _record(world) is not None
    assert AuditEvent.objects.filter(verb="created", object_id=str(world.card.pk)).count() == 1


def test_a_member_of_the_school_is_named_in_the_history_by_name(world):
    member = MembershipFactory(school=world.school, role=Role.VIEWER)
    record = audit.record(actor=member.user, verb="created", obj=world.card)
    assert history.entry(record).actor == member.user.full_name
