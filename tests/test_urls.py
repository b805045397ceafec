"""Walk every URL pattern with every persona: 200/302/403/404 exactly as the rules say."""

import pytest

from .helpers.pages import PERSONAS, get
from .urlwalk import POST_ONLY, WALKS, all_routes, expected_status, url_kwargs, walk_for

ROUTES = all_routes()


def test_every_route_is_walked():
    names = {route.name for route in ROUTES}
    assert {"kwaliteit:home", "kwaliteit:vision", "login", "kwaliteit:job-download"} <= names
    assert len(names) == len(ROUTES), "URL names must be unique"


def test_every_app_walks_its_own_routes():
    """Each route's arguments come from its app's tests/<app>/walk.py (none is left out)."""
    assert {"", "kwaliteit", "dataplan", "kwaliteitskaarten", "pdca"} <= set(WALKS)
    for route in ROUTES:
        assert walk_for(route).__name__.endswith(".walk"), route.name


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
