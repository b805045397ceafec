"""The dashboard with the providers the apps really register (whatever is installed): figures,
drill-downs, sections and the planlast from real dated items, counted by hand."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kwaliteit import figures, hooks

from ..factories import ActionFactory, CycleFactory, VisionVersionFactory
from ..helpers.pages import get

PERIOD = "periode=eigen&van=01-09-2025&tot=30-11-2025"


def dashboard_url(world, query=PERIOD):
    return reverse("kwaliteit:dashboard", args=[world.school.slug]) + f"?{query}"


def drill_down_keys():
    """Every registered figure that an app lists the objects of."""
    types = figures.figure_types()
    offered = hooks.figure_objects.keys()  # a Hook, not a dict
    return [key for key in offered if key in types]


def add_cycles(world, n, start=0):
    """n cycles due in the period, each with an action, owned by the leader."""
    for i in range(start, start + n):
        cycle = CycleFactory(
            school=world.school,
            owner=world.users["leader"],
            title=f"Traject {i}",
            phases=date(2025, 9, 1),
            phases__owners={"check": world.users["teacher"]},
        )
        ActionFactory(cycle=cycle, owner=world.users["teacher"], due_on=date(2025, 9, 15))
        VisionVersionFactory(
            school=world.school, number=100 + i, adopted=True, adopted_on=date(2025, 10, 1)
        )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("coordinator", 200), ("leader", 200), ("viewer", 200), ("board_member", 200),
     ("teacher", 403), ("outsider", 404)],
)  # fmt: skip
def test_the_real_dashboard_and_every_drill_down_per_persona(world, vision, persona, status):
    add_cycles(world, 2)
    client = world.client_for(persona)
    assert get(client, dashboard_url(world)).status_code == status
    assert get(client, dashboard_url(world) + "&deel=planlast").status_code == status
    assert get(client, dashboard_url(world) + "&formaat=xlsx").status_code == status
    for key in drill_down_keys():
        address = reverse("kwaliteit:figure", args=[world.school.slug, key]) + f"?{PERIOD}"
        assert get(client, address).status_code == status, key
        assert get(client, address + "&formaat=csv").status_code == status, key


def test_the_planlast_from_real_deadlines_counted_by_hand(world, vision):
    """Plan 1 Sep, Do 29 Sep, Check 27 Oct (the teacher's), Act 24 Nov (the leader's);
    an action on 15 Sep for the teacher."""
    add_cycles(world, 1)
    page = get(world.client_for("leader"), dashboard_url(world) + "&deel=planlast")
    text = page.content.decode()
    table = text.split('<table class="planlast">', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in table.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("</tr>")[:-1]:
        name = row.split('<th scope="row">', 1)[1].split("</th>", 1)[0]
        rows[name] = [int(cell) for cell in re.findall(r"<td[^>]*>(\d+)</td>", row)]
    assert rows[world.users["leader"].full_name] == [2, 0, 1, 3]
    assert rows[world.users["teacher"].full_name] == [1, 1, 0, 2]


def count(client, address):
    get(client, address)  # warm up
    with CaptureQueriesContext(connection) as context:
        assert get(client, address).status_code == 200
    return len(context.captured_queries)


def test_the_real_pages_cost_the_same_queries_for_one_or_twenty_cycles(world, vision):
    client = world.client_for("leader")
    addresses = [
        dashboard_url(world),
        dashboard_url(world) + "&deel=planlast",
        dashboard_url(world) + f"&team={world.team.pk}",
        *[
            reverse("kwaliteit:figure", args=[world.school.slug, key]) + f"?{PERIOD}"
            for key in drill_down_keys()
        ],
    ]
    add_cycles(world, 1)
    one = [count(client, address) for address in addresses]
    add_cycles(world, 19, start=1)
    twenty = [count(client, address) for address in addresses]
    assert one == twenty
