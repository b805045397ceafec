"""The board roll-up: a board member compares the board's schools on the same figures.

The figures come from fake set-based providers (one query whatever the number of schools); the
totals, medians and trends are counted by hand here from the same small table the providers
read, never by calling the roll-up's own code.
"""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from kwaliteit import clock, hooks
from kwaliteit.figures import COUNT, HIGHER, LOWER, PERCENT, SCORE, FigureType, Value
from kwaliteit.models import Job, Role, School

from ..factories import BoardFactory, MembershipFactory, SchoolFactory, UserFactory

TODAY = datetime(2026, 3, 15, 10)  # school year 2025-2026 (1 August), the one before 2024-2025

TYPES = [
    FigureType("test.checks", "Checks on time", PERCENT, better=HIGHER, group="Cycles"),
    FigureType("test.open", "Open cycles", COUNT, group="Cycles"),
    FigureType("test.score", "Self-assessment", SCORE, better=HIGHER, group="Cards"),
    FigureType("test.overdue", "Overdue agreements", COUNT, better=LOWER, group="Cards"),
    FigureType("test.planlast", "Deadlines per person", COUNT, group="Cycles", rollup=False),
]

# {school slug: {key: (value, numerator, denominator)}}; a percentage's value from its parts.
NOW = {
    "regenboog": {"test.checks": (8, 10), "test.open": 5, "test.score": 3, "test.overdue": 2},
    "zuidster": {"test.checks": (1, 4), "test.open": 3, "test.score": 2, "test.overdue": 0},
    "noord": {"test.checks": (9, 9), "test.open": 12, "test.score": Decimal("2.5")},
}
BEFORE = {
    "regenboog": {"test.checks": (6, 10), "test.open": 7, "test.overdue": 1},
    "zuidster": {"test.checks": (3, 4), "test.open": 3, "test.overdue": 4},
}


def _values(school_id, table):
    for key, figure in table.items():
        if isinstance(figure, tuple):
            numerator, denominator = figure
            value = (Decimal(100) * numerator / denominator).quantize(Decimal(1))
            yield Value(school_id, key, value, numerator, denominator)
        else:
            yield Value(school_id, key, figure)
    yield Value(school_id, "test.planlast", 99)  # per person: never in the roll-up
    yield Value(school_id, "test.checks", Decimal(1), 1, 100, month=date(2025, 9, 1))  # a trend


def fake_figures(*, school_ids, period, team_id=None):
    """One query for all schools, as a real provider."""
    slugs = dict(School.objects.filter(id__in=school_ids).values_list("id", "slug"))
    table = NOW if date(2026, 3, 15) in period else BEFORE
    for school_id, slug in slugs.items():
        yield from _values(school_id, table.get(slug, {}))


fake_figures.figure_types = TYPES


def broken_figures(*, school_ids, period, team_id=None):
    raise RuntimeError("the figures are not there")


broken_figures.figure_types = [FigureType("test.broken", "Broken", COUNT, group="Broken")]


def tr(message):
    with translation.override("nl"):
        return translation.gettext(message)


@pytest.fixture
def board(world):
    world.school.name = "OBS De Regenboog"
    SchoolFactory(board=world.board, name="CBS De Zuidster", slug="zuidster")
    SchoolFactory(board=world.board, name="<b>Noord</b>", slug="noord")
    with hooks.school_figures.override(fake_figures), clock.at(TODAY):
        yield world


def url(world, **query):
    base = reverse("board", args=[world.board.slug])
    if not query:
        return base
    return base + "?" + "&".join(f"{key}={value}" for key, value in query.items())


class Tables(HTMLParser):
    """Every table of a page: its caption and its rows as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell, self.caption = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self.caption = ""
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "caption":
            self.tables[-1]["caption"], self.caption = self.caption.strip(), None
        elif tag in ("td", "th") and self.cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join(self.cell.split()))
            self.cell = None

    def handle_data(self, data):
        if self.caption is not None:
            self.caption += data
        elif self.cell is not None:
            self.cell += data


def tables(response):
    parser = Tables()
    parser.feed(response.content.decode())
    return {table["caption"].split(",")[0]: table["rows"] for table in parser.tables}


def by_school(rows):
    return {row[0]: row[1:] for row in rows[1:]}


# --- what a board member sees ----------------------------------------------------------------


def test_the_schools_side_by_side_with_the_boards_total_and_median(board):
    response = board.client_for("board_member").get(url(board))
    assert response.status_code == 200
    cycles = by_school(tables(response)["Cycles"])
    # counted by hand: checks on time 8/10, 1/4, 9/9; the board: 18/23 = 78%, not the mean 68%
    assert cycles["OBS De Regenboog"][0].startswith("80%")
    assert cycles["CBS De Zuidster"][0].startswith("25%")
    assert cycles["<b>Noord</b>"][0].startswith("100%")
    assert cycles[tr("Board total")][0].startswith("78%")
    assert cycles[tr("Board median")][0] == "80%"
    assert cycles[tr("Board total")][1].startswith("20")  # open cycles 5 + 3 + 12
    assert cycles[tr("Board median")][1] == "5"
    cards = by_school(tables(response)["Cards"])
    # a score has no parts: no board total (a mean would weigh every school the same); median 2,5
    assert cards[tr("Board total")][0].startswith("—")
    assert cards[tr("Board median")][0] == "2,5"
    assert cards["<b>Noord</b>"][1].startswith("—")  # no data is not 0
    assert cards[tr("Board total")][1].startswith("2")  # overdue 2 + 0
    assert cards[tr("Board median")][1] == "1"  # the middle of 0 and 2


def test_each_school_has_its_trend_in_words_and_whether_that_is_better(board):
    response = board.client_for("board_member").get(url(board))
    cycles = by_school(tables(response)["Cycles"])
    better, worse = tr("better"), tr("worse")
    assert cycles["OBS De Regenboog"][0] == (
        f"80% ↑ {tr('up from %(previous)s') % {'previous': '60%'}} · {better}"
    )
    assert cycles["CBS De Zuidster"][0] == (
        f"25% ↓ {tr('down from %(previous)s') % {'previous': '75%'}} · {worse}"
    )
    assert cycles["CBS De Zuidster"][1] == f"3 = {tr('same as before')}"
    assert cycles["<b>Noord</b>"][0] == f"100% {tr('no earlier figure')}"
    # the board's total: 9/14 = 64% before, 78% now
    assert cycles[tr("Board total")][0].endswith(better)
    cards = by_school(tables(response)["Cards"])
    # fewer overdue agreements is better: 1 → 2 is worse, 4 → 0 better
    assert cards["OBS De Regenboog"][1].endswith(worse)
    assert cards["CBS De Zuidster"][1].endswith(better)


def test_figures_about_people_and_trend_points_stay_out(board):
    html = board.client_for("board_member").get(url(board)).content.decode()
    assert "Deadlines per person" not in html
    assert "99" not in re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1])


def test_school_names_are_escaped_and_link_to_the_school(board):
    html = board.client_for("board_member").get(url(board)).content.decode()
    assert "&lt;b&gt;Noord&lt;/b&gt;" in html
    assert "<b>Noord</b>" not in html
    dashboard = reverse("kwaliteit:dashboard", args=["noord"]) + "?periode=dit-jaar"
    assert f'<a href="{dashboard}">&lt;b&gt;Noord&lt;/b&gt;</a>' in html
    assert board.client_for("board_member").get(dashboard).status_code == 200


def test_a_provider_that_fails_leaves_a_notice_and_the_other_figures(board):
    with hooks.school_figures.override(fake_figures, broken_figures):
        response = board.client_for("board_member").get(url(board))
    assert response.status_code == 200
    notice = "Some figures could not be read just now; they show as “—”. Try again later."
    assert tr(notice) in response.content.decode()
    assert by_school(tables(response)["Cycles"])["OBS De Regenboog"][0].startswith("80%")


# --- sorting and choosing --------------------------------------------------------------------


def order(response, group="Cycles"):
    return [row[0] for row in tables(response)[group][1:-2]]


def test_sorting_by_a_figure_both_ways_with_schools_without_it_last(board):
    client = board.client_for("board_member")
    assert order(client.get(url(board))) == ["<b>Noord</b>", "CBS De Zuidster", "OBS De Regenboog"]
    down = client.get(url(board, sorteer="test.checks", richting="af"))
    assert order(down) == ["<b>Noord</b>", "OBS De Regenboog", "CBS De Zuidster"]
    up = client.get(url(board, sorteer="test.checks", richting="op"))
    assert order(up) == ["CBS De Zuidster", "OBS De Regenboog", "<b>Noord</b>"]
    for direction in ("op", "af"):
        overdue = client.get(url(board, sorteer="test.overdue", richting=direction))
        assert order(overdue, "Cards")[-1] == "<b>Noord</b>"  # no figure: last either way
    # every group follows the same order
    assert order(down, "Cards") == order(down)


def test_the_sorted_column_says_so_and_its_link_sorts_the_other_way(board):
    html = board.client_for("board_member").get(url(board, sorteer="test.checks")).content.decode()
    header = re.search(
        r'<th scope="col" aria-sort="ascending"><a href="([^"]+)">Checks on time', html
    )
    assert header, "the sorted column is marked for screen readers"
    assert "richting=af" in header.group(1) and "sorteer=test.checks" in header.group(1)


def test_an_unknown_figure_to_sort_by_sorts_by_name(board):
    response = board.client_for("board_member").get(url(board, sorteer="x.nope", richting="🙃"))
    assert order(response) == ["<b>Noord</b>", "CBS De Zuidster", "OBS De Regenboog"]


def test_comparing_two_schools(board):
    response = board.client_for("board_member").get(
        reverse("board", args=[board.board.slug]) + "?school=regenboog&school=zuidster"
    )
    cycles = by_school(tables(response)["Cycles"])
    assert set(cycles) == {
        "OBS De Regenboog",
        "CBS De Zuidster",
        tr("Board total"),
        tr("Board median"),
    }
    assert cycles[tr("Board total")][0].startswith("64%")  # 9/14 over these two schools


def test_the_period_is_this_school_year_by_default_and_can_be_chosen(board):
    client = board.client_for("board_member")
    assert "01-08-2025 – 31-07-2026" in client.get(url(board)).content.decode()
    last = client.get(url(board, periode="vorig-jaar"))
    assert "01-08-2024 – 31-07-2025" in last.content.decode()
    # last year's figures are the BEFORE table
    assert by_school(tables(last)["Cycles"])["OBS De Regenboog"][0].startswith("60%")
    custom = client.get(url(board, periode="eigen", van="01-09-2025", tot="31-12-2025"))
    assert "01-09-2025 – 31-12-2025" in custom.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"periode": "eigen", "van": "01-09-2025", "tot": "01-08-2025"},
            "The period ends before it starts: swap the dates.",
        ),
        (
            {"periode": "eigen", "van": "01-09-2015", "tot": "01-08-2025"},
            "A period spans at most %(years)s years: choose a shorter one.",
        ),
        (
            {"periode": "eigen", "van": "31-02-2025", "tot": "01-08-2025"},
            "Enter the date as day-month-year, e.g. 31-07-2026.",
        ),
        (
            {"periode": "eigen", "van": "01-09-2025"},
            "Enter the first and the last day of the period.",
        ),
    ],
)
def test_a_bad_period_is_refused_with_a_message_and_this_year_shown(board, query, message):
    response = board.client_for("board_member").get(url(board, **query))
    assert response.status_code == 200
    html = response.content.decode()
    if "%(years)s" in message:
        with translation.override("nl"):
            singular = "A period spans at most %(years)s year: choose a shorter one."
            expected = translation.ngettext(singular, message, 5) % {"years": 5}
    else:
        expected = tr(message)
    assert expected in html
    assert "01-08-2025 – 31-07-2026" in html


def test_this_school_year_is_the_year_most_of_the_boards_schools_share(db):
    board = BoardFactory()
    for slug in ("vlaams-1", "vlaams-2"):
        SchoolFactory(board=board, slug=slug, year_start_month=9, year_start_day=1)
    SchoolFactory(board=board, slug="aaa-nederlands")
    member = UserFactory()
    board.members.add(member)
    from django.test import Client

    client = Client()
    client.force_login(member)
    with hooks.school_figures.override(fake_figures), clock.at(TODAY):
        html = client.get(reverse("board", args=[board.slug])).content.decode()
    assert "01-09-2025 – 31-08-2026" in html


# --- who may see it --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "leader", "teacher", "viewer", "outsider"])
def test_people_who_are_not_on_the_board_get_404(board, persona):
    assert board.client_for(persona).get(url(board)).status_code == 404


def test_a_member_of_another_board_gets_404(board):
    other = BoardFactory()
    SchoolFactory(board=other)
    member = UserFactory()
    other.members.add(member)
    board.users["other_board"] = member
    assert board.client_for("other_board").get(url(board)).status_code == 404
    own = reverse("board", args=[other.slug])
    assert board.client_for("other_board").get(own).status_code == 200


def test_anonymous_people_are_sent_to_log_in(board):
    response = board.client_for("anonymous").get(url(board))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_school_outside_the_board_gets_404(board):
    client = board.client_for("board_member")
    assert client.get(url(board, school="elders")).status_code == 404
    assert client.get(url(board, school="regenboog") + "&school=elders").status_code == 404
    assert (
        client.get(url(board, school="regenboog", formaat="csv") + "&school=elders").status_code
        == 404
    )


def test_a_board_member_reads_and_never_writes(board):
    client = board.client_for("board_member")
    html = client.get(url(board)).content.decode()
    main = html.split("<main", 1)[1]
    forms = re.findall(r"<form[^>]*>", main)
    posts = [form for form in forms if 'method="post"' in form]
    assert len(posts) == 1, "only the board report is asked for with a POST"
    assert "formaat" in main.split(posts[0], 1)[1].split("</form>", 1)[0]
    homes = {
        reverse("kwaliteit:dashboard", args=[slug]) + "?periode=dit-jaar"
        for slug in ("regenboog", "zuidster", "noord")
    }
    homes.add(reverse("board-report", args=[board.board.slug]))  # reading, not writing
    for href in re.findall(r'href="([^"]+)"', main):
        assert href.startswith(("?", "#")) or href in homes, href
    count = Job.objects.count()
    assert client.post(url(board)).status_code == 405
    assert client.post(url(board), {"formaat": "csv"}).status_code == 405
    assert client.put(url(board)).status_code == 405
    assert Job.objects.count() == count
    assert board.client_for("coordinator").post(url(board), {"formaat": "pdf"}).status_code == 404


# --- the same number of queries for 1 and 20 schools -----------------------------------------


def _queries(client, address):
    client.get(address)  # warm up: session, content types
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("formaat", [None, "csv", "xlsx"])
def test_the_query_count_is_the_same_for_1_and_20_schools(db, formaat):
    counts = []
    for size in (1, 20):
        board = BoardFactory()
        member = UserFactory()
        board.members.add(member)
        for _index in range(size):
            school = SchoolFactory(board=board)
            MembershipFactory(school=school, role=Role.COORDINATOR)
        from django.test import Client

        client = Client()
        client.force_login(member)
        address = reverse("board", args=[board.slug]) + (f"?formaat={formaat}" if formaat else "")
        with hooks.school_figures.override(fake_figures), clock.at(TODAY):
            counts.append(_queries(client, address))
    assert counts[0] == counts[1]
    assert counts[0] <= 8


# --- exports ---------------------------------------------------------------------------------


def test_the_csv_export_in_the_dutch_excel_dialect(board):
    SchoolFactory(board=board.board, name="=HYPERLINK(1)", slug="formule")
    response = board.client_for("board_member").get(
        url(board, formaat="csv", sorteer="test.checks")
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:]), delimiter=";"))
    head = rows[0]
    assert head[0] == tr("School")
    assert "Checks on time (%)" in head and "Deadlines per person" not in " ".join(head)
    column = {name: index for index, name in enumerate(head)}
    table = {row[0]: row for row in rows[1:]}
    assert [row[0] for row in rows[1:4]] == ["CBS De Zuidster", "OBS De Regenboog", "<b>Noord</b>"]
    assert table["'=HYPERLINK(1)"][column["Checks on time (%)"]] == ""  # quoted; no data
    assert table["<b>Noord</b>"][column["Self-assessment"]] == "2,5"
    assert table[tr("Board total")][column["Checks on time (%)"]] == "78"
    assert table[tr("Board median")][column["Checks on time (%)"]] == "80"
    assert table[tr("Board total")][column["Open cycles"]] == "20"
    before = tr("%(figure)s, period before") % {"figure": "Checks on time (%)"}
    assert table["OBS De Regenboog"][column[before]] == "60"
    assert table[tr("Board total")][column[before]] == "64"  # (6 + 3) / (10 + 4)


def test_the_xlsx_export_keeps_numbers_as_numbers_and_formulas_as_text(board):
    SchoolFactory(board=board.board, name="=HYPERLINK(1)", slug="formule")
    response = board.client_for("board_member").get(url(board, formaat="xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell for cell in row] for row in sheet.iter_rows()]
    head = [cell.value for cell in rows[0]]
    table = {row[0].value: row for row in rows[1:]}
    assert table["=HYPERLINK(1)"][0].data_type == "s"
    noord = table["<b>Noord</b>"]
    assert noord[head.index("Checks on time (%)")].value == 100
    assert noord[head.index("Self-assessment")].value == 2.5
    assert table[tr("Board total")][head.index("Checks on time (%)")].value == 78


def test_a_board_without_schools_or_figures_says_so(db):
    from django.test import Client

    board = BoardFactory()
    member = UserFactory()
    board.members.add(member)
    client = Client()
    client.force_login(member)
    address = reverse("board", args=[board.slug])
    with hooks.school_figures.override(fake_figures), clock.at(TODAY):
        assert tr("This board has no schools yet.") in client.get(address).content.decode()
        assert client.post(address, {"formaat": "pdf"}).status_code == 404
    SchoolFactory(board=board)
    with hooks.school_figures.override(), clock.at(TODAY):
        html = client.get(address).content.decode()
    assert tr("There are no figures to compare yet.") in html


def test_a_board_member_who_works_in_no_school_lands_on_the_roll_up(world):
    response = world.client_for("board_member").get(reverse("root"))
    assert response.status_code == 302
    assert response["Location"] == reverse("board", args=[world.board.slug])
    # Staff of a school land on their school, as before.
    teacher = world.client_for("teacher").get(reverse("root"))
    assert teacher["Location"] == reverse("kwaliteit:home", args=[world.school.slug])
