"""An object's history on its page, the school's export, and the admin's edits."""

import csv
import io
import re
from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kwaliteit import audit, clock
from kwaliteit import services as core_services
from kwaliteit.models import AuditEvent, Role, Team
from kwaliteitskaarten import services as card_services

from .factories import UserFactory
from .helpers.audit import events_of
from .pdca.helpers import make_cycle


def _fill(obj, n, *, actor, start=0):
    """n records on obj, one a minute, so that their order is plain."""
    for i in range(start, start + n):
        moment = timezone.make_aware(datetime(2026, 1, 1, 9)) + timezone.timedelta(minutes=i)
        audit.record(actor=actor, verb="note_added", obj=obj, at=moment, data={"text": f"N{i}"})


def _notes(html):
    return [int(n) for n in re.findall(r": N(\d+)\s", html)]


def _cycle_url(world, cycle, **query):
    url = reverse("pdca:cycle", args=[world.school.slug, cycle.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_history_is_newest_first_twenty_a_page_and_older_pages_load_with_and_without_htmx(
    world,
):
    cycle = make_cycle(world)
    _fill(cycle, 45, actor=world.users["teacher"])
    client = world.client_for("viewer")
    page = client.get(_cycle_url(world, cycle)).content.decode()
    history = page[page.index('id="geschiedenis"') :]
    assert _notes(history) == list(range(44, 25, -1))  # newest first, after today's start
    assert "?geschiedenis=2" in history
    more = client.get(_cycle_url(world, cycle, geschiedenis=2), HTTP_HX_REQUEST="true")
    rows = more.content.decode()
    assert "<html" not in rows and _notes(rows) == list(range(25, 5, -1))
    assert "?geschiedenis=3" in rows
    last = client.get(_cycle_url(world, cycle, geschiedenis=3)).content.decode()  # plain link
    assert "<html" in last and _notes(last) == [5, 4, 3, 2, 1, 0]
    assert "geschiedenis=4" not in last


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["cycle", "card", "indicator", "member", "vision", "import"])
def test_a_history_page_costs_the_same_queries_with_1_or_50_records(world, vision, page):
    teacher, slug = world.users["teacher"], world.school.slug
    obj, url = {
        "cycle": lambda: (cycle := make_cycle(world), _cycle_url(world, cycle)),
        "card": lambda: (
            world.card,
            reverse("kwaliteitskaarten:card", args=[slug, world.card.pk]),
        ),
        "indicator": lambda: (
            world.indicator,
            reverse("dataplan:indicator", args=[slug, world.indicator.pk]),
        ),
        "member": lambda: (
            (member := teacher.memberships.get()),
            reverse("kwaliteit:member-edit", args=[slug, member.pk]),
        ),
        "vision": lambda: (
            vision["v2"],
            reverse("kwaliteit:vision-version", args=[slug, vision["v2"].number]),
        ),
        "import": lambda: (
            world.data_import,
            reverse("dataplan:import", args=[slug, world.data_import.id]),
        ),
    }[page]()
    client = world.client_for("coordinator")
    _fill(obj, 1, actor=teacher)
    client.get(url)  # warm up
    one = _queries(client, url)
    _fill(obj, 49, actor=UserFactory(), start=1)
    assert _queries(client, url) == one
    assert "N49" in client.get(url).content.decode()


def test_teachers_see_no_draft_history(world, vision):
    draft = vision["draft"]
    core_services.vision_draft_update(
        version=draft,
        title="Geheime werktitel",
        statement=draft.statement,
        values=[("Samen", "")],
        user=world.users["coordinator"],
    )
    draft.status, draft.adopted_on = "adopted", date(2026, 1, 1)
    draft.adopted_by = world.users["leader"]
    draft.save()  # adopted now: teachers may open it, but not read how the draft was written
    url = reverse("kwaliteit:vision-version", args=[world.school.slug, draft.number])
    assert "Geheime werktitel" in world.client_for("leader").get(url).content.decode()
    page = world.client_for("teacher").get(url).content.decode()
    assert 'id="geschiedenis"' in page and "Samen leren" not in page.split("geschiedenis")[-1]


def test_the_card_history_includes_its_agreements_and_checks(world):
    card_services.agreement_check_record(
        agreement=world.agreement,
        result="kept",
        note="",
        checked_on=date(2026, 1, 5),
        user=world.users["teacher"],
    )
    url = reverse("kwaliteitskaarten:card", args=[world.school.slug, world.card.pk])
    page = world.client_for("viewer").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    history = page[page.index('id="geschiedenis"') :]
    assert world.users["teacher"].full_name in history
    assert "Elke les een exit-ticket" in history  # what the record is about


# --- export ------------------------------------------------------------------------------------


def _export(client, world, **params):
    return client.get(reverse("kwaliteit:audit-export", args=[world.school.slug]), params)


def test_the_coordinator_exports_a_period_as_formula_safe_semicolon_csv(world):
    attacker = UserFactory(full_name='=HYPERLINK("http://x")')
    with clock.at(datetime(2026, 2, 3, 10)):
        core_services.team_save(school=world.school, team=world.team, name="+Plus", user=attacker)
    with clock.at(datetime(2025, 1, 3, 10)):  # outside the period
        core_services.team_save(school=world.school, name="Oud team", user=attacker)
    with clock.at(datetime(2026, 2, 3, 10)):
        audit.record(actor=None, verb="created", obj=world.other_school, school=world.other_school)
    response = _export(world.client_for("coordinator"), world, start="01-02-2026", end="28-02-2026")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].endswith('.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 2  # the header and the renamed team; not last year, not another school
    when, who, what, kind, obj, changes = rows[1]
    assert when == "03-02-2026 10:00"
    assert who == '\'=HYPERLINK("http://x")'
    assert obj == "'+Plus" and "Bovenbouw" in changes and "'" not in changes[:1]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "31-02-2026", "end": "01-03-2026"}, "day-month-year"),
        ({"start": "gisteren", "end": "01-03-2026"}, "day-month-year"),
        ({"start": "01-03-2026", "end": "01-02-2026"}, "ends before it starts"),
    ],
)
def test_a_bad_period_gets_a_clear_message(world, params, message):
    client = world.client_for("coordinator", language="en")
    response = _export(client, world, **params)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()


@pytest.mark.parametrize("persona", ["leader", "teacher", "viewer", "board_member"])
def test_only_the_coordinator_exports(world, persona):
    assert _export(world.client_for(persona), world).status_code == 403


# --- the admin ---------------------------------------------------------------------------------


@pytest.fixture
def admin_client(world):
    user = world.users["coordinator"]
    user.is_staff = user.is_superuser = True
    user.save()
    return world.client_for("coordinator")


def test_an_edit_and_a_delete_in_the_admin_are_recorded_with_old_and_new(world, admin_client):
    team = world.team
    url = reverse("admin:kwaliteit_team_change", args=[team.pk])
    response = admin_client.post(url, {"school": world.school.pk, "name": "Middenbouw"})
    assert response.status_code == 302
    record = events_of(team).last()
    assert record.verb == "changed_in_admin" and record.actor == world.users["coordinator"]
    assert record.changes == {"name": ["Bovenbouw", "Middenbouw"]}
    other = Team.objects.create(school=world.school, name="Weg")
    delete = reverse("admin:kwaliteit_team_delete", args=[other.pk])
    admin_client.post(delete, {"post": "yes"})
    assert not Team.objects.filter(pk=other.pk).exists()
    assert AuditEvent.objects.filter(verb="deleted_in_admin", object_repr="Weg").count() == 1


def test_a_membership_role_change_in_the_admin_is_recorded(world, admin_client):
    membership = world.users["viewer"].memberships.get()
    url = reverse("admin:kwaliteit_membership_change", args=[membership.pk])
    data = {
        "user": membership.user_id,
        "school": world.school.pk,
        "role": Role.TEACHER,
        "teams": [world.team.pk],
        "is_active": "on",
    }
    assert admin_client.post(url, data).status_code == 302
    assert events_of(membership).last().changes == {"role": ["viewer", "teacher"]}


def test_the_admin_shows_the_audit_trail_read_only(world, admin_client):
    record = audit.record(actor=None, verb="created", obj=world.card)
    assert admin_client.get(reverse("admin:kwaliteit_auditevent_changelist")).status_code == 200
    change = admin_client.post(
        reverse("admin:kwaliteit_auditevent_change", args=[record.pk]), {"verb": "deleted"}
    )
    assert change.status_code == 403
    assert admin_client.get(reverse("admin:kwaliteit_auditevent_add")).status_code == 403
    delete = reverse("admin:kwaliteit_auditevent_delete", args=[record.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=record.pk).verb == "created"
