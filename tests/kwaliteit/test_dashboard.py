"""The leader's dashboard: who opens it, what it shows, the period and team in the URL."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kwaliteit import hooks
from kwaliteit.periods import CUSTOM, LAST_YEAR, Period

from ..factories import SchoolFactory, TeamFactory
from ..helpers.dashboard import ON_TIME, Fakes, fake_hooks
from ..helpers.pages import get


def url(world, query=""):
    return reverse("kwaliteit:dashboard", args=[world.school.slug]) + (f"?{query}" if query else "")


@pytest.fixture
def fakes(world):
    with fake_hooks(Fakes()) as fakes:
        yield fakes


def main_of(response):
    return response.content.decode().split('<main id="main"', 1)[1]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("leader", 200),
        ("viewer", 200),
        ("board_member", 200),
        ("teacher", 403),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_who_opens_the_dashboard(world, fakes, persona, status):
    assert get(world.client_for(persona), url(world)).status_code == status


@pytest.mark.parametrize("persona", ["leader", "viewer", "board_member"])
def test_the_dashboard_only_reads(world, fakes, persona):
    """Nothing on it writes: the only forms in the page's main part ask (GET)."""
    main = main_of(get(world.client_for(persona), url(world)))
    assert 'method="post"' not in main
    assert main.count('method="get"') == 1


def test_the_navigation_offers_the_dashboard_to_those_who_may_open_it(world, fakes):
    link = f'href="{url(world)}"'
    assert link in get(world.client_for("leader"), url(world)).content.decode()
    assert link in get(world.client_for("board_member"), url(world)).content.decode()
    home = reverse("kwaliteit:home", args=[world.school.slug])
    assert link not in get(world.client_for("teacher"), home).content.decode()


def test_figures_are_grouped_and_read_as_people_read_them(world, fakes):
    page = main_of(get(world.client_for("leader", language="en"), url(world)))
    headings = re.findall(r"<h2 id=\"figures-\d+\">([^<]*)</h2>", page)
    assert headings == ["Cycles", "Cards", "Dataplan"]  # in the order the types come
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Checks on time 12 of 15, 80%" in text
    assert "Open cycles 7" in text
    assert "Self-assessment score 3.25" in text
    assert "Indicators measured — no data" in text  # never 0


def test_a_score_has_a_decimal_comma_in_dutch(world, fakes):
    text = " ".join(
        re.sub(r"<[^>]+>", " ", main_of(get(world.client_for("leader"), url(world)))).split()
    )
    assert "Self-assessment score 3,25" in text


def test_a_figure_links_to_its_objects_with_the_same_period_and_team(world, fakes):
    query = f"periode=eigen&van=01-09-2025&tot=31-12-2025&team={world.team.pk}"
    page = get(world.client_for("leader"), url(world, query)).content.decode()
    drill = reverse("kwaliteit:figure", args=[world.school.slug, ON_TIME])
    expected = (
        f"{drill}?periode=eigen&amp;van=01-09-2025&amp;tot=31-12-2025&amp;team={world.team.pk}"
    )
    assert f'href="{expected}"' in page
    # Figures nobody lists objects for are not links.
    assert reverse("kwaliteit:figure", args=[world.school.slug, "test.open_cycles"]) not in page


def test_without_a_choice_the_figures_are_this_school_year_s(world, fakes):
    get(world.client_for("leader"), url(world))
    (call,) = fakes.figure_calls
    today = date.today()
    assert call["school_ids"] == [world.school.pk]
    assert call["period"] == Period.school_year(world.school, today)
    assert call["team"] is None
    assert fakes.section_calls == [{"period": call["period"], "team": None}]


def test_the_period_in_the_url_is_the_period_of_every_figure(world, fakes):
    response = get(
        world.client_for("leader"), url(world, "periode=eigen&van=1-9-2025&tot=31-12-2025")
    )
    period = Period(date(2025, 9, 1), date(2025, 12, 31), CUSTOM)
    assert fakes.figure_calls[0]["period"] == period
    assert fakes.section_calls[0]["period"] == period
    page = response.content.decode()
    assert 'value="1-9-2025"' in page and 'value="31-12-2025"' in page  # as typed
    assert (
        "csv" in page
        and "periode=eigen&amp;van=01-09-2025&amp;tot=31-12-2025&amp;formaat=csv" in page
    )


def test_last_school_year(world, fakes):
    get(world.client_for("leader"), url(world, "periode=vorig-jaar"))
    assert fakes.figure_calls[0]["period"].key == LAST_YEAR


WRONG_PERIODS = {
    "periode=eigen&van=31-12-2025&tot=01-09-2025": (
        "The period ends before it starts: swap the dates."
    ),
    "periode=eigen&van=01-08-2019&tot=31-12-2025": (
        "A period spans at most 5 years: choose a shorter one."
    ),
    "periode=eigen&van=morgen&tot=31-12-2025": "Enter the date as day-month-year, e.g. 31-07-2026.",
}


@pytest.mark.parametrize(("query", "message"), WRONG_PERIODS.items())
def test_a_wrong_period_shows_its_message_and_the_default_period(world, fakes, query, message):
    response = get(world.client_for("leader", language="en"), url(world, query))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "<title>Error: " in page
    default = Period.school_year(world.school, date.today())
    assert fakes.figure_calls[0]["period"] == default
    assert "Period: this school year" in page


def test_a_team_of_the_school_filters_every_figure(world, fakes):
    response = get(world.client_for("leader", language="en"), url(world, f"team={world.team.pk}"))
    assert fakes.figure_calls[0]["team"] == world.team.pk
    assert fakes.section_calls[0]["team"] == world.team.pk
    assert "Team: Bovenbouw" in response.content.decode()


def test_a_team_of_another_school_is_refused_and_shows_nothing_of_it(world, fakes):
    elsewhere = TeamFactory(school=SchoolFactory(), name="Geheim team")
    response = get(world.client_for("leader", language="en"), url(world, f"team={elsewhere.pk}"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose one of this school&#x27;s teams, or all teams." in page
    assert "Geheim team" not in page
    assert fakes.figure_calls[0]["team"] is None


def test_the_apps_sections_are_on_the_page(world, fakes):
    page = get(world.client_for("leader"), url(world)).content.decode()
    assert '<section class="fake-section"><h2>Funnel</h2></section>' in page


def test_a_failing_provider_leaves_its_figures_out_and_says_so(world):
    def broken(**kwargs):
        raise RuntimeError("down")

    broken.figure_types = []
    with fake_hooks(Fakes()) as fakes:
        provider = hooks.school_figures.providers()[0]
        with hooks.school_figures.override(provider, broken):
            response = get(world.client_for("leader", language="en"), url(world))
    assert response.status_code == 200
    assert "Some figures could not be read just now" in response.content.decode()
    assert fakes.figure_calls


def test_without_any_figure_the_page_says_what_comes(world):
    with hooks.school_figures.override(), hooks.dashboard_sections.override():
        response = get(world.client_for("viewer", language="en"), url(world))
    assert "No figures yet" in response.content.decode()


def count(client, address):
    with CaptureQueriesContext(connection) as context:
        assert get(client, address).status_code == 200
    return len(context.captured_queries)


def test_the_query_count_does_not_grow_with_the_number_of_figures(world):
    client = world.client_for("leader")
    get(client, url(world))  # warm up: session, content types
    with fake_hooks(Fakes(extra=1)):
        one = count(client, url(world, f"team={world.team.pk}"))
    with fake_hooks(Fakes(extra=20)):
        twenty = count(client, url(world, f"team={world.team.pk}"))
    assert one == twenty
