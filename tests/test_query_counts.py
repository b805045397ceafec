"""Every page's query count stays the same with 1 and with 50 rows of everything."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dataplan.models import Decision
from kwaliteit.models import CoreValue, Role
from kwaliteitskaarten import services as card_services

from .builders import reminder_for
from .factories import (
    IndicatorFactory,
    JobFactory,
    MeasurementFactory,
    MembershipFactory,
    SchoolFactory,
    TeamFactory,
    VisionVersionFactory,
)
from .helpers.pages import get
from .pdca.helpers import add_rows as add_pdca_rows
from .urlwalk import POST_ONLY, all_routes, expected_status, url_kwargs

ROUTES = all_routes()

# Every page stays under this many queries, whatever the data.
MAX_QUERIES = 17  # 16 before each object page showed its history (one query)
# Pages that gather from every app through hooks: one query (or a fixed few) per provider.
GATHERING = {
    "kwaliteit:home": 30,
    "kwaliteit:dashboard": 40,
    "board": 40,
    "board-report": 30,
    "kwaliteit:report": 40,
}

PAGES = [
    route
    for route in ROUTES
    if route.name not in POST_ONLY and route.name not in {"logout", "set-language", "root"}
]


def add_rows(world, vision, n, start):
    """n more of everything a page may list."""
    coordinator = world.users["coordinator"]
    for i in range(start, start + n):
        team = TeamFactory(school=world.school)
        MembershipFactory(school=world.school, role=Role.TEACHER, teams=[team, world.team])
        VisionVersionFactory(
            school=world.school, number=1000 + i, adopted=True, values=["Samen", "Moed"]
        )
        JobFactory(school=world.school, created_by=coordinator)
        reminder_for(world, coordinator, item_id=i, title=f"Traject {i}")  # open
        reminder_for(world, coordinator, item_id=1000 + i, read_at=timezone.now())  # earlier
        school = SchoolFactory(board=world.board)
        MembershipFactory(school=school, role=Role.COORDINATOR)
        VisionVersionFactory(school=school, number=1, adopted=True)
        for version in vision.values():
            CoreValue.objects.create(vision=version, name=f"Waarde {i}", position=i)
        other = IndicatorFactory(school=world.school, owner=coordinator)
        MeasurementFactory(indicator=other)
        MeasurementFactory(indicator=world.indicator)  # a new group each time
        MeasurementFactory(indicator=world.indicator, group=world.measurement.group)
        Decision.objects.create(indicator=world.indicator, decided_on=date(2025, 1, 1), text="x")
        card = card_services.card_create(
            school=world.school,
            title=f"Thema {i}",
            owner=coordinator,
            team=world.team,
            user=coordinator,
        )
        card.versions.get().core_values.set(vision["v2"].core_values.all())
        agreement = card_services.agreement_add(
            card=card,
            text=f"Afspraak {i}",
            owner=coordinator,
            check_interval_months=3,
            first_check_on=date(2026, 1, 1),
        )
        for target in (agreement, world.agreement):
            card_services.agreement_check_record(
                agreement=target,
                result="kept",
                note="",
                checked_on=date(2026, 1, 2),
                user=coordinator,
            )
        card_services.agreement_add(
            card=world.card,
            text=f"Nog een afspraak {i}",
            owner=coordinator,
            check_interval_months=3,
            first_check_on=date(2026, 1, 1),
        )
        add_pdca_rows(world, i)


def persona_for(route):
    for persona in ("coordinator", "leader", "board_member", "anonymous"):
        if expected_status(route, persona) == 200:
            return persona
    raise AssertionError(f"Nobody can open {route.name}")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = get(client, url)
    assert response.status_code == 200, url
    return len(context.captured_queries), context


@pytest.mark.parametrize("route", PAGES, ids=[r.name for r in PAGES])
def test_query_count_does_not_grow_with_data(route, world, vision):
    persona = persona_for(route)
    client = world.client_for(persona)
    url = reverse(route.name, kwargs=url_kwargs(route, world, vision, persona))
    add_rows(world, vision, 1, start=0)
    get(client, url)  # warm up: session, content types
    with_one, _ = count_queries(client, url)
    add_rows(world, vision, 49, start=1)
    with_fifty, context = count_queries(client, url)
    queries = "\n".join(q["sql"] for q in context.captured_queries)
    assert with_fifty == with_one, f"{url}: {with_one} → {with_fifty} queries\n{queries}"
    limit = GATHERING.get(route.name, MAX_QUERIES)
    assert with_fifty <= limit, f"{url}: {with_fifty} queries\n{queries}"
