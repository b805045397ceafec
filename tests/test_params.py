"""Hand-edited query strings: odd numbers in any parameter never make a page fail."""

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import RequestFactory
from django.urls import reverse

from kwaliteit.params import MAX_LIST, int_param, int_params, parse_int

from .builders import adopt_card_twice
from .helpers.pages import get
from .urlwalk import POST_ONLY, all_routes, expected_status, url_kwargs

ROUTES = all_routes()

ROOT = Path(__file__).resolve().parent.parent
APPS = ["kwaliteit", "dataplan", "kwaliteitskaarten", "pdca", "accreditatie"]
ODD_VALUES = ["99999999999999999999", "-1", "²", "١٢", "", "1e3", "0x10", "\x00", " 7", "7\n"]


def query_parameters():
    """Every query parameter a view reads: found in the source, so a new one is walked too."""
    pattern = re.compile(
        r"""(?:int_params?\(\s*request,\s*|request\.GET(?:\.get|\.getlist)?\(\s*|\bGET\[\s*)"""
        r"""["']([\w-]+)["']"""
    )
    names = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            names.update(pattern.findall(path.read_text()))
    from pdca.forms import FilterForm

    names.update(FilterForm.base_fields)  # the cycle list reads its filters through a form
    return sorted(names)


PARAMETERS = query_parameters()
GET_ROUTES = [route for route in ROUTES if route.name not in POST_ONLY]


def test_the_walk_knows_the_parameters_views_read():
    assert {"with", "pagina", "jaar", "groep", "indicator", "card", "eigenaar"} <= set(PARAMETERS)


@pytest.mark.parametrize("value", ["1", "0", "2147483647", "0007"])
def test_plain_ascii_digits_are_numbers(value):
    assert parse_int(value) == int(value)


@pytest.mark.parametrize("value", [*ODD_VALUES, None, "2147483648", "+3", "3.0", "٣"])
def test_anything_else_is_no_number(value):
    assert parse_int(value) is None


def test_int_param_answers_the_default_or_404_when_required():
    from django.http import Http404

    request = RequestFactory().get("/", {"with": "²", "page": "12", "low": "0"})
    assert int_param(request, "with") is None
    assert int_param(request, "with", default=1) == 1
    assert int_param(request, "page", maximum=10, default=10) == 10
    assert int_param(request, "low", minimum=1) is None
    assert int_param(request, "page") == 12
    with pytest.raises(Http404):
        int_param(request, "with", required=True)
    with pytest.raises(Http404):
        int_param(request, "absent", required=True)


def test_int_params_keep_the_readable_numbers_once_and_no_more_than_the_cap():
    values = ["3", "²", "3", "-1", "5", *[str(n) for n in range(10, 400)]]
    request = RequestFactory().get("/", {"groep": values})
    numbers = int_params(request, "groep")
    assert numbers[:3] == [3, 5, 10]
    assert len(numbers) == MAX_LIST


def test_vision_compare_with_a_superscript_two_shows_the_previous_version(world, vision):
    url = reverse("kwaliteit:vision-compare", args=[world.school.slug, vision["v2"].number])
    response = world.client_for("coordinator").get(url, {"with": "²"})
    assert response.status_code == 200
    assert response.context["old"] == vision["v1"]
    assert response.context["new"] == vision["v2"]


def test_card_compare_with_a_superscript_two_shows_the_previous_version(world, vision):
    adopt_card_twice(world, vision)
    numbers = sorted(world.card.versions.values_list("number", flat=True))
    url = reverse("kwaliteitskaarten:compare", args=[world.school.slug, world.card.pk, numbers[-1]])
    response = world.client_for("coordinator").get(url, {"with": "²"})
    assert response.status_code == 200
    assert [response.context["old"].number, response.context["new"].number] == numbers[-2:]


@pytest.mark.parametrize("route", GET_ROUTES, ids=[r.name for r in GET_ROUTES])
def test_odd_query_values_never_fail_a_page(route, world, vision):
    """As coordinator, every page with every parameter set to each odd value: no 500."""
    if expected_status(route, "coordinator") not in {200, 302}:
        pytest.skip("the coordinator does not open this page")
    client = world.client_for("coordinator")
    client.raise_request_exception = False
    url = reverse(route.name, kwargs=url_kwargs(route, world, vision, "coordinator"))
    for value in ODD_VALUES:
        query = urlencode({name: value for name in PARAMETERS})
        response = get(client, f"{url}?{query}")
        assert response.status_code in {200, 302, 404}, f"GET {url}?{query!r}"
