"""The list of cycles (filters, pages, overdue), "my cycles and actions", and who may write."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kwaliteitskaarten import services as card_services
from pdca import services
from pdca.models import Cycle

from ..factories import TeamFactory
from ..helpers.audit import events_of
from ..urlwalk import all_routes
from .helpers import complete_do, complete_plan, make_cycle, to_act, walk_kwargs

TODAY = timezone.localdate()


def url(world, name, *args):
    return reverse(f"pdca:{name}", args=[world.school.slug, *args])


def titles(response):
    return [cycle.title for cycle in response.context["page"].object_list]


def overdue_cycle(world, **kwargs):
    """A cycle whose Plan was due ten days ago."""
    due = {
        "plan": TODAY - timedelta(days=10),
        "do": TODAY + timedelta(days=30),
        "check": TODAY + timedelta(days=60),
        "act": TODAY + timedelta(days=90),
    }
    return make_cycle(world, due_dates=due, **kwargs)


def test_filters_by_phase_owner_team_card_and_overdue(world, en):
    coordinator, leader = world.users["coordinator"], world.users["leader"]
    in_plan = make_cycle(world, title="In plan", owner=leader, team=None, cards=[])
    in_do = make_cycle(world, title="In do")
    complete_plan(in_do, coordinator)
    in_check = make_cycle(world, title="In check")
    complete_plan(in_check, coordinator)
    complete_do(in_check, coordinator)
    closed = to_act(make_cycle(world, title="Gesloten"), coordinator)
    services.act_decide(cycle=closed, user=coordinator, decision="stop", note="Klaar")
    late = overdue_cycle(world, title="Te laat", cards=[])
    other_team = TeamFactory(school=world.school)
    other_card = card_services.card_create(
        school=world.school, title="Rekenen", owner=coordinator, team=None, user=coordinator
    )
    on_other = make_cycle(world, title="Ander team", team=other_team, cards=[other_card])

    client = en("viewer")
    get = lambda **params: titles(client.get(url(world, "list"), params))  # noqa: E731
    assert set(get()) == {c.title for c in Cycle.objects.all()}
    assert set(get(fase="plan")) == {in_plan.title, late.title, on_other.title}
    assert get(fase="do") == [in_do.title]
    assert get(fase="check") == [in_check.title]
    assert get(fase="closed") == [closed.title]
    assert get(eigenaar=leader.pk) == [in_plan.title]
    assert get(team=other_team.pk) == [on_other.title]
    assert get(kaart=other_card.pk) == [on_other.title]
    assert get(te_laat="on") == [late.title]
    assert get(fase="do", te_laat="on") == []


def test_the_list_is_paginated_by_fifty(world, en):
    for i in range(51):
        make_cycle(world, title=f"Traject {i:02}", criteria=[])
    client = en("viewer")
    first = client.get(url(world, "list"))
    assert len(first.context["page"].object_list) == 50
    assert "page 1 of 2" in first.content.decode()
    second = client.get(url(world, "list"), {"pagina": 2, "fase": "plan"})
    assert titles(second) == ["Traject 00"]
    assert "fase=plan&amp;pagina=1" in second.content.decode()  # the filter stays


def test_htmx_gets_only_the_results(world, en):
    make_cycle(world, title="Alleen de tabel")
    response = en("viewer").get(url(world, "list"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="cycle-results"' in html and "Alleen de tabel" in html
    assert "<html" not in html


def test_the_list_filters_in_sql_with_a_fixed_number_of_queries(world, en):
    client = en("viewer")
    overdue_cycle(world, title="Een")
    client.get(url(world, "list"), {"te_laat": "on", "fase": "plan"})
    with CaptureQueriesContext(connection) as one:
        client.get(url(world, "list"), {"te_laat": "on", "fase": "plan"})
    for i in range(20):
        overdue_cycle(world, title=f"Laat {i}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url(world, "list"), {"te_laat": "on", "fase": "plan"})
    assert len(titles(response)) == 21
    assert len(many.captured_queries) == len(one.captured_queries)


def test_overdue_is_marked_in_words_on_the_list_the_cycle_and_mine(world, en):
    cycle = overdue_cycle(world)
    services.action_add(
        cycle=cycle,
        user=world.users["teacher"],
        description="Leesmaatjes",
        owner=world.users["teacher"],
        due_on=TODAY - timedelta(days=2),
    )
    late_since = (TODAY - timedelta(days=10)).strftime("%b").lstrip("0")
    client = en("teacher")
    for path in (url(world, "list"), url(world, "cycle", cycle.pk), url(world, "mine")):
        html = client.get(path).content.decode()
        assert "overdue since" in html, path
        assert late_since in html
    mine = client.get(url(world, "mine")).content.decode()
    assert mine.count("overdue since") >= 2  # the cycle and the action


def test_mine_shows_my_cycles_phases_and_open_actions(world, en):
    teacher, leader = world.users["teacher"], world.users["leader"]
    own = make_cycle(world, title="Mijn eigen traject")
    phase_owned = make_cycle(world, title="Mijn fase", owner=leader)
    services.phases_schedule(
        cycle=phase_owned, user=leader, due_dates={}, owners={"check": teacher}
    )
    not_mine = make_cycle(world, title="Niet van mij", owner=leader)
    services.action_add(
        cycle=not_mine, user=leader, description="Open actie", owner=teacher, due_on=TODAY
    )
    done = services.action_add(
        cycle=not_mine, user=leader, description="Klaar actie", owner=teacher, due_on=TODAY
    )
    services.action_update(
        action=done,
        user=leader,
        description=done.description,
        owner=teacher,
        due_on=TODAY,
        status="done",
    )
    response = en("teacher").get(url(world, "mine"))
    html = response.content.decode()
    assert {c.title for c in response.context["cycles"]} == {own.title, phase_owned.title}
    assert "Open actie" in html and "Klaar actie" not in html
    assert "Niet van mij" in html  # the action's cycle


WRITE_ROUTES = [
    route
    for route in all_routes()
    if route.name.startswith("pdca:") and route.permission == "cycles.write"
]


@pytest.mark.parametrize("persona", ["viewer", "board_member"])
@pytest.mark.parametrize("route", WRITE_ROUTES, ids=[r.name for r in WRITE_ROUTES])
def test_readers_cannot_post_anything(world, persona, route):
    values = {"school_slug": world.school.slug, **walk_kwargs(world, route.name)}
    path = reverse(route.name, kwargs={name: values[name] for name in route.kwarg_names})
    cycle = world._pdca_cycle
    before = Cycle.objects.count(), events_of(cycle).count(), cycle.notes.count()
    response = world.client_for(persona).post(path, {"text": "x", "reason": "x"})
    assert response.status_code == 403
    assert (Cycle.objects.count(), events_of(cycle).count(), cycle.notes.count()) == before


def test_a_teacher_cannot_work_on_someone_elses_cycle(world):
    cycle = make_cycle(world, owner=world.users["leader"])
    client = world.client_for("teacher")
    assert client.get(url(world, "cycle", cycle.pk)).status_code == 200  # reading is fine
    for name in ("plan", "schedule", "criterion-add", "action-add", "check", "act"):
        assert client.get(url(world, name, cycle.pk)).status_code == 403, name
