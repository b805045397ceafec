"""The strict Content-Security-Policy in a real browser: real pages (with htmx, charts, forms)
run without a single violation, which Chromium reports as a console error."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import MeasurementFactory
from tests.pdca.helpers import walk_cycle

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("no_console_errors")]


@pytest.fixture
def pages(world, vision):
    """The pages to open as the coordinator: vision, an indicator with its chart, a cycle,
    Mijn kwaliteit and the cycle list."""
    for score in (61, 68):
        MeasurementFactory(
            indicator=world.indicator, group=world.measurement.group, value=Decimal(score)
        )
    slug = world.school.slug
    cycle = walk_cycle(world)
    return [
        reverse("kwaliteit:vision", args=[slug]),
        reverse("kwaliteit:vision-compare", args=[slug, vision["v2"].number]),
        reverse("dataplan:indicator", args=[slug, world.indicator.pk]),
        reverse("pdca:cycle", args=[slug, cycle.pk]),
        reverse("kwaliteitskaarten:mine", args=[slug]),
        reverse("pdca:list", args=[slug]),
    ]


def test_real_pages_raise_no_policy_violation(page, log_in_as, world, pages):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in_as(world.users["coordinator"])
    for url in pages:
        response = page.goto(url)
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        if "/indicatoren/" in url:
            assert page.locator("svg.trend-chart").count() == 1
    assert not violations, violations


def test_htmx_swaps_work_under_the_policy(page, log_in_as, world, pages):
    """The cycle list's filter swaps its results through htmx: no inline style, no eval."""
    log_in_as(world.users["coordinator"])
    page.goto(reverse("pdca:list", args=[world.school.slug]))
    with page.expect_response(lambda response: "fase=" in response.url) as swapped:
        page.locator("select[name=fase]").select_option("plan")
    assert swapped.value.status == 200
    assert swapped.value.request.headers.get("hx-request") == "true"
    page.wait_for_load_state("networkidle")
