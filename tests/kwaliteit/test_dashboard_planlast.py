"""The planlast on the dashboard: deadlines per person per month, only for steering roles."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from kwaliteit.dated import Remind

from ..factories import MembershipFactory, SchoolFactory, UserFactory
from ..helpers.dashboard import Fakes, deadline, fake_hooks
from ..helpers.pages import get

PERIOD = "periode=eigen&van=01-09-2025&tot=30-11-2025"
SEP, OCT, NOV = date(2025, 9, 10), date(2025, 10, 31), date(2025, 11, 1)


def url(world, query=PERIOD):
    """The dashboard with its planlast (as the link without script opens it)."""
    return reverse("kwaliteit:dashboard", args=[world.school.slug]) + f"?{query}&deel=planlast"


def planlast_rows(response):
    """{name: [counts per month..., total]} from the planlast table."""
    return planlast_rows_in(response.content.decode())


def planlast_rows_in(page):
    if 'class="planlast"' not in page:
        return None
    table = page.split('<table class="planlast">', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        name = re.search(r'<th scope="row">([^<]*)</th>', row).group(1)
        rows[name] = [int(cell) for cell in re.findall(r"<td[^>]*>(\d+)</td>", row)]
    return rows


@pytest.fixture
def fakes(world):
    users, school = world.users, world.school
    teacher, coordinator, leader = users["teacher"], users["coordinator"], users["leader"]
    items = [
        deadline(school, SEP, teacher, n=1),
        deadline(school, SEP, teacher, coordinator, n=2),  # waits for two: counts for both
        deadline(school, OCT, teacher, n=3, remind=Remind.MISSED),  # a collection moment
        deadline(school, NOV, leader, n=4, teams=[world.team.pk]),
        deadline(school, NOV, leader, n=5, remind=Remind.AWAITING),  # no deadline: waits
        deadline(school, NOV, n=6),  # waits for nobody
        deadline(school, date(2025, 8, 31), teacher, n=7),  # before the period
        deadline(SchoolFactory(), SEP, teacher, n=8),  # another school's
    ]
    with fake_hooks(Fakes(items=items)) as fakes:
        yield fakes


def test_each_person_s_deadlines_per_month_counted_by_hand(world, fakes):
    rows = planlast_rows(get(world.client_for("leader"), url(world)))
    users = world.users
    assert rows == {
        users["teacher"].full_name: [2, 1, 0, 3],
        users["coordinator"].full_name: [1, 0, 0, 1],
        users["leader"].full_name: [0, 0, 1, 1],
    }


def test_the_busiest_first_and_everyone_together_per_month(world, fakes):
    page = get(world.client_for("coordinator"), url(world)).content.decode()
    names = list(planlast_rows(get(world.client_for("coordinator"), url(world))))
    assert names[0] == world.users["teacher"].full_name
    footer = page.split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    assert re.findall(r'<td class="number">(\d+)</td>', footer) == ["3", "1", "1", "5"]
    assert page.count('class="number busiest"') == 1  # the teacher's two in September


def test_a_team_counts_only_that_team_s_deadlines(world, fakes):
    rows = planlast_rows(
        get(world.client_for("leader"), url(world, f"{PERIOD}&team={world.team.pk}"))
    )
    assert rows == {world.users["leader"].full_name: [0, 0, 1, 1]}


@pytest.mark.parametrize("persona", ["viewer", "board_member"])
def test_readers_never_see_colleagues_by_name(world, fakes, persona):
    response = get(world.client_for(persona), url(world))
    assert planlast_rows(response) is None
    page = response.content.decode()
    for person in ("teacher", "coordinator"):
        assert world.users[person].full_name not in page.split('<main id="main"', 1)[1]


def test_the_page_asks_for_the_planlast_after_the_figures(world, fakes):
    """Without deel=planlast the page holds a link (htmx follows it on load); the fragment is
    the planlast alone."""
    plain = reverse("kwaliteit:dashboard", args=[world.school.slug]) + f"?{PERIOD}"
    page = get(world.client_for("leader"), plain).content.decode()
    assert planlast_rows_in(page) is None
    link = escape(f"{plain}&deel=planlast")
    assert f'hx-get="{link}"' in page and f'href="{link}#planlast"' in page
    fragment = get(world.client_for("leader"), url(world), HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert body.lstrip().startswith('<div id="planlast-body"') and "<html" not in body
    assert planlast_rows(fragment)[world.users["teacher"].full_name] == [2, 1, 0, 3]


def test_readers_get_no_planlast_even_when_they_ask(world, fakes):
    fragment = get(world.client_for("viewer"), url(world), HTTP_HX_REQUEST="true")
    assert planlast_rows(fragment) is None
    assert world.users["teacher"].full_name not in fragment.content.decode()


def test_without_deadlines_the_section_says_so(world):
    with fake_hooks(Fakes()):
        response = get(world.client_for("leader", language="en"), url(world))
    assert "No deadlines in this period." in response.content.decode()


def test_the_names_are_escaped(world):
    person = UserFactory(full_name="<script>alert(1)</script>")
    MembershipFactory(user=person, school=world.school)
    with fake_hooks(Fakes(items=[deadline(world.school, SEP, person)])):
        page = get(world.client_for("leader"), url(world)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def count(client, address):
    with CaptureQueriesContext(connection) as context:
        assert get(client, address).status_code == 200
    return len(context.captured_queries)


def test_the_query_count_does_not_grow_with_people_or_deadlines(world):
    client = world.client_for("leader")
    people = [UserFactory() for _ in range(20)]
    one = [deadline(world.school, SEP, people[0])]
    many = [deadline(world.school, day, person, n=n) for n, person in enumerate(people)
            for day in (SEP, OCT, NOV)]  # fmt: skip
    get(client, url(world))  # warm up
    with fake_hooks(Fakes(items=one)):
        with_one = count(client, url(world))
    with fake_hooks(Fakes(items=many)):
        with_many = count(client, url(world))
    assert with_one == with_many
