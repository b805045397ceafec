"""Walk every URL pattern with every persona: 200/302/403/404 exactly as the rules say."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kwaliteitskaarten.models import AssessmentPeriod

from .conftest import PERSONAS, get
from .factories import DocumentFactory, JobFactory
from .pdca.helpers import walk_kwargs
from .urlwalk import POST_ONLY, all_routes, expected_status

ROUTES = all_routes()
DATAPLAN_INDICATOR = {"dataplan:measurement-add", "dataplan:decision-add"}


CARD_ADOPTED = {"kwaliteitskaarten:compare", "kwaliteitskaarten:pdf"}


def adopt_card_twice(world, vision):
    """world.card with two adopted versions: they can be compared, and the card printed."""
    from kwaliteitskaarten import services as card_services

    for core in ("Kern", "Kern, herzien"):
        draft = card_services.card_review_start(card=world.card, user=world.users["coordinator"])
        draft.core = core
        draft.save()
        draft.core_values.set(vision["v2"].core_values.all()[:1])
        card_services.card_adopt(version=draft, user=world.users["leader"])


def assessment_period(world):
    today = timezone.localdate()
    return AssessmentPeriod.objects.get_or_create(
        school=world.school,
        name="Voorjaar",
        defaults={"opens_on": today - timedelta(days=7), "closes_on": today + timedelta(days=7)},
    )[0]


def reminder_for(world, user, **fields):
    """A notification for one person (their own; another person's answers 404)."""
    from django.contrib.contenttypes.models import ContentType

    from kwaliteit.models import Reminder

    values = {"item_type": "pdca.plan", "kind": "overdue", "title": "Lezen"}
    values["object_id"] = str(fields.pop("item_id", 1))  # the phase it is about
    values["content_type"] = ContentType.objects.get_by_natural_key("pdca", "phase")
    return Reminder.objects.create(
        school=world.school, recipient=user, day=date(2026, 3, 1), url="/", **{**values, **fields}
    )


def url_kwargs(route, world, vision, persona):
    """Arguments for a route, by argument name; a new kind of argument must be added here."""
    user = world.users.get(persona) or world.users["coordinator"]
    values = {
        "school_slug": world.school.slug,
        "board_slug": world.board.slug,
        "number": vision["v2"].number,
        "job_id": JobFactory(school=world.school, created_by=user, object_id=2).id,
        "document_id": DocumentFactory(school=world.school, created_by=user).id,
        "uidb64": "MQ",
        "fmt": "csv",
        "import_id": world.data_import.id,
        "token": "set-password",
    }
    indicator = world.indicator
    per_route = {
        "kwaliteitskaarten:agreement-check": {"pk": world.agreement.pk},
        "dataplan:measurement-delete": {"pk": world.measurement.pk},
        "kwaliteit:member-edit": {"pk": world.school.memberships.first().pk},
        "kwaliteit:team-edit": {"pk": world.team.pk},
        "kwaliteit:team-delete": {"pk": world.team.pk},
    }
    if route.name == "notification-read":  # the persona's own notification
        per_route[route.name] = {"pk": reminder_for(world, user).pk}
    if route.name in CARD_ADOPTED:
        adopt_card_twice(world, vision)
    if route.name == "kwaliteitskaarten:assessment-answer":
        per_route[route.name] = {"period_pk": assessment_period(world).pk}
    if route.name.startswith("pdca:") and len(route.kwarg_names) > 1:
        per_route[route.name] = walk_kwargs(world, route.name)
    kwargs = {}
    for name in route.kwarg_names:
        if route.name.startswith("dataplan:indicator") or route.name in DATAPLAN_INDICATOR:
            per_route.setdefault(route.name, {"pk": indicator.pk})
        if route.name.startswith("kwaliteitskaarten:"):
            per_route.setdefault(route.name, {"pk": world.card.pk})
        if route.name in per_route and name in per_route[route.name]:
            kwargs[name] = per_route[route.name][name]
        elif name in values:
            kwargs[name] = values[name]
        else:
            raise AssertionError(f"{route.name}: no test value for URL argument {name!r}")
    return kwargs


def test_every_route_is_walked():
    names = {route.name for route in ROUTES}
    assert {"kwaliteit:home", "kwaliteit:vision", "login", "kwaliteit:job-download"} <= names
    assert len(names) == len(ROUTES), "URL names must be unique"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_get(route, persona, world, vision):
    from django.urls import reverse

    url = reverse(route.name, kwargs=url_kwargs(route, world, vision, persona))
    response = get(world.client_for(persona), url)
    expected = expected_status(route, persona)
    assert response.status_code == expected, f"GET {url} as {persona}"
    if persona == "anonymous" and expected == 302 and not route.is_public:
        assert response["Location"].startswith(reverse("login"))


POST_ROUTES = [route for route in ROUTES if route.name in POST_ONLY]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", POST_ROUTES, ids=[r.name for r in POST_ROUTES])
def test_post(route, persona, world, vision):
    from django.urls import reverse

    url = reverse(route.name, kwargs=url_kwargs(route, world, vision, persona))
    response = world.client_for(persona).post(url)
    assert response.status_code == expected_status(route, persona, method="POST"), (
        f"POST {url} as {persona}"
    )
