"""Drill-down pages and the exports of the dashboard: CSV (Dutch Excel dialect) and xlsx."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kwaliteit import hooks
from kwaliteit.figures import COUNT, FigureType, Row, Value
from kwaliteit.periods import CUSTOM, Period

from ..helpers.dashboard import ON_TIME, Fakes, deadline, fake_hooks, late_row
from ..helpers.pages import get

PERIOD = "periode=eigen&van=01-09-2025&tot=30-11-2025"
SEPTEMBER = Period(date(2025, 9, 1), date(2025, 11, 30), CUSTOM)


def dashboard_url(world, query=PERIOD):
    return reverse("kwaliteit:dashboard", args=[world.school.slug]) + f"?{query}"


def figure_url(world, key=ON_TIME, query=PERIOD):
    return reverse("kwaliteit:figure", args=[world.school.slug, key]) + f"?{query}"


def csv_lines(response):
    content = response.content
    assert content.startswith("\ufeff".encode())
    return content.decode("utf-8-sig").split("\r\n")[:-1]


@pytest.fixture
def fakes(world):
    items = [deadline(world.school, date(2025, 9, 10), world.users["teacher"])]
    with fake_hooks(Fakes(items=items, rows=[late_row(1), late_row(2)])) as fakes:
        yield fakes


def test_the_dashboard_as_csv_one_row_per_figure(world, fakes):
    response = get(world.client_for("leader", language="en"), dashboard_url(world) + "&formaat=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="dashboard-')
    assert csv_lines(response) == [
        "Group;Figure;Month;Value;Counted;Out of;Unit;From;To",
        "Cycles;Checks on time;;80;12;15;percent;01-09-2025;30-11-2025",
        "Cycles;Open cycles;;7;;;number;01-09-2025;30-11-2025",
        "Cards;Self-assessment score;;3,25;;;score;01-09-2025;30-11-2025",  # decimal comma
        "Dataplan;Indicators measured;;;;;number;01-09-2025;30-11-2025",  # no data: empty
        f"Deadlines per person (planlast);{world.users['teacher'].full_name};01-09-2025;1;;;"
        "number;01-09-2025;30-11-2025",
        f"Deadlines per person (planlast);{world.users['teacher'].full_name};01-10-2025;0;;;"
        "number;01-09-2025;30-11-2025",
        f"Deadlines per person (planlast);{world.users['teacher'].full_name};01-11-2025;0;;;"
        "number;01-09-2025;30-11-2025",
    ]


def test_readers_export_the_figures_without_names(world, fakes):
    response = get(world.client_for("board_member"), dashboard_url(world) + "&formaat=csv")
    text = response.content.decode("utf-8-sig")
    assert len(csv_lines(response)) == 5
    assert world.users["teacher"].full_name not in text


def test_a_trend_adds_a_row_per_month_and_text_that_looks_like_a_formula_is_quoted(world):
    kind = FigureType("test.trend", "=HYPERLINK(A1)", COUNT, group="@groep")

    def provide(*, school_ids, period, team_id=None):
        for school_id in school_ids:
            yield Value(school_id, "test.trend", 3)
            yield Value(school_id, "test.trend", Decimal("-1.5"), month=date(2025, 10, 1))
            yield Value(school_id, "test.trend", 2, month=date(2025, 9, 1))

    provide.figure_types = [kind]
    with hooks.school_figures.override(provide), hooks.dated_items.override():
        response = get(world.client_for("leader"), dashboard_url(world) + "&formaat=csv")
    rows = [line.split(";") for line in csv_lines(response)[1:]]
    assert [row[:4] for row in rows] == [
        ["'@groep", "'=HYPERLINK(A1)", "", "3"],
        ["'@groep", "'=HYPERLINK(A1)", "01-09-2025", "2"],
        ["'@groep", "'=HYPERLINK(A1)", "01-10-2025", "-1,5"],
    ]


def test_the_dashboard_as_xlsx_keeps_numbers_as_numbers_and_text_as_text(world, fakes):
    response = get(
        world.client_for("leader", language="en"), dashboard_url(world) + "&formaat=xlsx"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Group", "Figure", "Month", "Value")
    assert rows[1][:6] == ("Cycles", "Checks on time", None, 80, 12, 15)
    assert rows[3][3] == 3.25
    assert sheet.cell(row=2, column=8).value.date() == date(2025, 9, 1)


def test_an_unknown_format_is_the_page(world, fakes):
    response = get(world.client_for("leader"), dashboard_url(world) + "&formaat=pdf")
    assert response["Content-Type"].startswith("text/html")


# --- the drill-down page ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("leader", 200), ("coordinator", 200), ("viewer", 200), ("board_member", 200),
     ("teacher", 403), ("outsider", 404), ("anonymous", 302)],
)  # fmt: skip
def test_who_opens_a_figure_s_objects(world, fakes, persona, status):
    assert get(world.client_for(persona), figure_url(world)).status_code == status


def test_an_unknown_figure_or_one_without_objects_is_not_found(world, fakes):
    client = world.client_for("leader")
    assert get(client, figure_url(world, "test.nothing")).status_code == 404
    assert get(client, figure_url(world, "test.open_cycles")).status_code == 404  # no provider


def test_the_objects_behind_a_figure_for_the_period_team_and_reader(world, fakes):
    fakes.rows.append(Row(title="<b>Pesten</b>", url="/c/3/", cells=("Act", None)))
    query = f"{PERIOD}&team={world.team.pk}"
    response = get(world.client_for("leader", language="en"), figure_url(world, query=query))
    page = response.content.decode()
    (call,) = fakes.object_calls
    assert call == {
        "school": world.school,
        "period": SEPTEMBER,
        "team": world.team.pk,
        "user": world.users["leader"],
    }
    assert "<h1>Checks on time</h1>" in page
    assert "3 items" in page
    # each cell names its column (on a phone the table becomes cards)
    cells = r'Cycle 2</a></th><td data-label="([^"]*)">Check</td><td data-label="([^"]*)">2</td>'
    assert re.search(cells, page), page
    assert "&lt;b&gt;Pesten&lt;/b&gt;" in page and "<b>Pesten" not in page
    assert '<td data-label="Days late">—</td>' in page  # a cell without a value
    back = reverse("kwaliteit:dashboard", args=[world.school.slug])
    assert f'href="{back}?periode=eigen&amp;van=01-09-2025&amp;tot=30-11-2025&amp;team=' in page


def test_a_foreign_team_on_the_figure_page_is_refused(world, fakes, django_user_model):
    from ..factories import SchoolFactory, TeamFactory

    elsewhere = TeamFactory(school=SchoolFactory())
    response = get(
        world.client_for("leader", language="en"), figure_url(world, query=f"team={elsewhere.pk}")
    )
    assert "Choose one of this school&#x27;s teams, or all teams." in response.content.decode()
    assert fakes.object_calls[0]["team"] is None


def test_a_figure_s_objects_as_csv_and_xlsx(world, fakes):
    fakes.rows.append(Row(title="=1+1", url="", cells=("-", Decimal("2.5")), date=date(2025, 9, 3)))
    client = world.client_for("leader", language="en")
    lines = csv_lines(get(client, figure_url(world) + "&formaat=csv"))
    assert lines == [
        "Title;Date;Phase;Days late;Link",
        "Cycle 1;;Check;1;http://testserver/cycle/1/",
        "Cycle 2;;Check;2;http://testserver/cycle/2/",
        "'=1+1;03-09-2025;'-;2,5;",
    ]
    sheet = load_workbook(
        io.BytesIO(get(client, figure_url(world) + "&formaat=xlsx").content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Title", "Date", "Phase", "Days late", "Link")
    assert rows[3][0] == "=1+1" and sheet.cell(row=4, column=1).data_type == "s"
    assert rows[3][3] == 2.5


def test_a_failing_list_says_so(world, fakes):
    def broken(**kwargs):
        raise RuntimeError("down")

    with hooks.figure_objects.override(**{ON_TIME: broken}):
        response = get(world.client_for("leader", language="en"), figure_url(world))
        assert response.status_code == 200
        assert "could not be read just now" in response.content.decode()
        export = get(world.client_for("leader"), figure_url(world) + "&formaat=csv")
        assert export["Content-Type"].startswith("text/html")


def test_the_figure_page_s_query_count_does_not_grow_with_its_rows(world):
    client = world.client_for("leader")

    def queries(rows):
        with fake_hooks(Fakes(rows=rows)):
            get(client, figure_url(world))
            with CaptureQueriesContext(connection) as context:
                assert get(client, figure_url(world)).status_code == 200
        return len(context.captured_queries)

    assert queries([late_row(1)]) == queries([late_row(n) for n in range(20)])


# --- the core's own figure, with the real providers ------------------------------------------


def test_vision_versions_adopted_in_the_period_counted_by_hand(world, vision):
    """v1 was adopted on 20-06-2024, v2 on 04-09-2025: one in 2025–26, none in 2023–24."""
    client = world.client_for("leader", language="en")
    year = "periode=eigen&van=01-08-2025&tot=31-07-2026"
    page = get(client, dashboard_url(world, year)).content.decode()
    drill = figure_url(world, "kwaliteit.vision_adoptions", year).replace("&", "&amp;")
    assert f'<a href="{drill}"><span class="figure-label">Vision versions adopted</span>' in page
    text = " ".join(page.split())
    assert 'Vision versions adopted</span> <span class="figure-value">1</span>' in text
    listing = get(client, figure_url(world, "kwaliteit.vision_adoptions", year)).content.decode()
    assert "1 item" in listing
    assert str(vision["v2"]) in listing and str(vision["v1"]) not in listing
    earlier = "periode=eigen&van=01-08-2023&tot=31-07-2024"
    text = " ".join(get(client, dashboard_url(world, earlier)).content.decode().split())
    assert 'Vision versions adopted</span> <span class="figure-value">1</span>' in text
    none = "periode=eigen&van=01-08-2022&tot=31-07-2023"
    text = " ".join(get(client, dashboard_url(world, none)).content.decode().split())
    assert 'Vision versions adopted</span> <span class="figure-value">0</span>' in text
