"""Walk every URL pattern with every persona: 200/302/403/404 exactly as the rules say."""

import pytest

from .conftest import PERSONAS, get
from .factories import JobFactory
from .urlwalk import POST_ONLY, all_routes, expected_status

ROUTES = all_routes()
DATAPLAN_INDICATOR = {"dataplan:measurement-add", "dataplan:decision-add"}


def url_kwargs(route, world, vision, persona):
    """Arguments for a route, by argument name; a new kind of argument must be added here."""
    user = world.users.get(persona) or world.users["coordinator"]
    values = {
        "school_slug": world.school.slug,
        "board_slug": world.board.slug,
        "number": vision["v2"].number,
        "job_id": JobFactory(school=world.school, created_by=user, object_id=2).id,
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
