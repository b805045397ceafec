"""The board's annual report: each school's adopted report of a year with its checksum, and the
year's figures side by side; for the board's members only."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kwaliteit import figures, hooks
from kwaliteit.figures import FigureType, Value
from kwaliteit.services_reports import report_adopt, report_start

from ..factories import SchoolFactory
from ..helpers.reports import SINCE, YEAR, members_since

pytestmark = pytest.mark.django_db


def url(world, year=YEAR):
    return reverse("board-report", args=[world.board.slug]) + f"?jaar={year}"


def fake_figures():
    """Checks on time: 75% (3 of 4) for every school asked about; a trend point is left out."""

    def provider(*, school_ids, period, team_id=None):
        for school_id in school_ids:
            yield Value(school_id, "pdca.checks_on_time", 75, numerator=3, denominator=4)
            yield Value(school_id, "pdca.checks_on_time", 10, month=date(2025, 9, 1))

    provider.figure_types = [
        FigureType("pdca.checks_on_time", "Checks op tijd", figures.PERCENT, better=figures.HIGHER)
    ]
    return provider


@pytest.fixture
def adopted(world):
    members_since(world.school, SINCE)
    draft = report_start(school=world.school, start_year=YEAR, user=world.users["coordinator"])
    return report_adopt(report=draft, user=world.users["leader"])


def test_the_board_sees_each_schools_adopted_report_and_its_checksum(world, adopted):
    SchoolFactory(board=world.board, name="CBS Het Kompas", slug="kompas")
    with hooks.school_figures.override(fake_figures()):
        response = world.client_for("board_member", language="en").get(url(world))
    page = response.content.decode()
    assert response.status_code == 200
    assert adopted.document.checksum in page
    assert reverse("kwaliteit:report", args=[world.school.slug, adopted.pk]) in page
    assert "CBS Het Kompas" in page and "not adopted yet" in page
    assert "Checks op tijd" in page and page.count("75%") == 2
    assert "10%" not in page, "trend points are not the year's figure"


def test_another_year_shows_no_report(world, adopted):
    page = world.client_for("board_member", language="en").get(url(world, YEAR - 1)).text
    assert adopted.document.checksum not in page and "not adopted yet" in page


@pytest.mark.parametrize("persona", ["coordinator", "leader", "teacher", "outsider"])
def test_only_the_boards_members_read_it(world, persona):
    assert world.client_for(persona).get(url(world)).status_code == 404


def test_the_board_report_costs_the_same_queries_for_one_school_and_several(world, adopted):
    client = world.client_for("board_member", language="en")
    with hooks.school_figures.override(fake_figures()):
        client.get(url(world))
        with CaptureQueriesContext(connection) as one:
            client.get(url(world))
        for index in range(3):
            school = SchoolFactory(board=world.board, name=f"School {index}", slug=f"s{index}")
            members_since(school, SINCE)
        with CaptureQueriesContext(connection) as four:
            page = client.get(url(world)).content.decode()
    assert page.count("75%") == 4
    assert len(four) == len(one)
