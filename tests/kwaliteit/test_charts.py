"""Charts as server-side SVG (kwaliteit/charts.py, includes/chart.html): what a reader gets."""

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils import translation

from kwaliteit import charts
from kwaliteit.charts import Bar, Point


def render(chart, language="nl"):
    with translation.override(language):
        return render_to_string("includes/chart.html", {"chart": chart})


class Reader(HTMLParser):
    """The elements of the chart's markup, and the text of its table's rows."""

    def __init__(self):
        super().__init__()
        self.elements, self.rows, self._row, self._in = [], [], None, []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in.append(tag)
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(" ")

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()
        if tag == "tr" and self._row is not None:
            self.rows.append(" ".join(" ".join(self._row).split()))
            self._row = None

    def handle_data(self, data):
        if self._row is not None:
            self._row.append(data)

    def all(self, tag):
        return [attrs for name, attrs in self.elements if name == tag]


def read(html):
    reader = Reader()
    reader.feed(html)
    return reader


MONTHS = [date(2025, month, 1) for month in (9, 10, 11, 12)]


def test_title_and_description_name_the_svg():
    chart = charts.bars("Cycli per fase", "Hoeveel cycli in elke fase zitten.", [Bar("Plan", 3)])
    html = render(chart)
    svg = read(html).all("svg")[0]
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == f"{chart.id}-title {chart.id}-desc"
    assert f'<title id="{chart.id}-title">Cycli per fase</title>' in html
    assert f'<desc id="{chart.id}-desc">Hoeveel cycli in elke fase zitten.</desc>' in html
    assert "<figcaption>Cycli per fase</figcaption>" in html


def test_two_charts_on_one_page_have_their_own_ids():
    first, second = charts.bars("a", "b", []), charts.line("c", "d", [])
    assert first.id != second.id


def test_user_text_is_escaped_everywhere():
    chart = charts.bars(
        "<script>alert(1)</script>",
        "<b>vet</b>",
        [Bar("<b>Groep 5</b>", 4, url="/s/x/?a=1&b=2"), Bar('"quote"', 2)],
    )
    html = render(chart)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Groep 5&lt;/b&gt;" in html
    assert 'href="/s/x/?a=1&amp;b=2"' in html


def test_the_table_holds_every_value_with_a_decimal_comma_in_dutch():
    items = [Bar("Plan", Decimal("72.5")), Bar("Do", 12), Bar("Check", None), Bar("Act", 0)]
    rows = read(render(charts.bars("Fasen", "Per fase", items, unit="%"))).rows
    assert rows == ["Wat Waarde", "Plan 72,5%", "Do 12%", "Check — geen gegevens", "Act 0%"]


def test_english_reads_a_decimal_point():
    rows = read(render(charts.bars("Phases", "Per phase", [Bar("Plan", 7.25)]), "en")).rows
    assert rows[1:] == ["Plan 7.25"]


def test_a_bar_links_to_its_objects_in_the_table():
    reader = read(render(charts.bars("t", "d", [Bar("Te laat", 3, url="/s/a/lijst/")])))
    assert {"href": "/s/a/lijst/"} in reader.all("a")


def test_a_bar_without_data_is_no_bar_and_reads_a_dash():
    chart = charts.bars("t", "d", [Bar("Leeg", None), Bar("Vol", 10)])
    html = render(chart)
    assert len(read(html).all("rect")) == 1
    assert ">—</text>" in html


def test_bars_stay_within_the_chart_when_a_value_exceeds_the_maximum():
    chart = charts.bars("t", "d", [Bar("a", 150), Bar("b", 50)], unit="%", maximum=100)
    widths = [int(rect["width"]) for rect in read(render(chart)).all("rect")]
    room = charts.WIDTH - charts.LABEL_WIDTH - 60
    assert widths == [room, room // 2]


def test_a_month_without_data_is_a_gap_not_a_zero():
    points = [
        Point(MONTHS[0], 10),
        Point(MONTHS[1], None),
        Point(MONTHS[2], 20),
        Point(MONTHS[3], 30),
    ]
    reader = read(render(charts.line("Op tijd", "Per maand", points, unit="%", maximum=100)))
    lines = reader.all("polyline")
    assert len(lines) == 1  # September stands alone; November–December is one line
    assert len(lines[0]["points"].split()) == 2
    assert len(reader.all("circle")) == 3  # no point drawn at zero for October
    assert reader.rows[1:] == [
        "september 2025 10%",
        "oktober 2025 — geen gegevens",
        "november 2025 20%",
        "december 2025 30%",
    ]


def test_coordinates_never_take_the_page_s_decimal_comma():
    points = [Point(month, Decimal("33.3") * (i + 1)) for i, month in enumerate(MONTHS)]
    html = render(charts.line("t", "d", points))
    drawing = re.sub(r"<svg[^>]*>", "", html)  # the svg's own width is 100%
    for attribute in ("cx", "cy", "x", "y", "x1", "x2", "y1", "y2", "width", "height"):
        for value in re.findall(rf'\s{attribute}="([^"]*)"', drawing):
            assert re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value), f"{attribute}={value!r}"
    for polyline in read(html).all("polyline"):
        for pair in polyline["points"].split():
            assert re.fullmatch(r"[0-9.]+,[0-9.]+", pair)


def test_the_line_s_axis_reads_its_top_value_and_months():
    points = [Point(month, Decimal("2.5")) for month in MONTHS]
    html = render(charts.line("Score", "Per maand", points))
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", html)
    assert texts[:2] == ["2,5", "0"]
    assert texts[2:] == ["Sep 25", "Okt", "Nov", "Dec"]


def test_a_line_over_five_years_labels_at_most_twelve_months():
    months = [date(2021 + i // 12, i % 12 + 1, 1) for i in range(60)]
    html = render(charts.line("t", "d", [Point(month, 1) for month in months]))
    labels = re.findall(r'text-anchor="middle"[^>]*>([^<]*)</text>', html)
    assert 1 < len(labels) <= 12
    assert len(read(html).rows) == 61  # the table still holds every month


def test_a_line_without_any_data_draws_no_line_and_says_so_in_the_table():
    reader = read(render(charts.line("t", "d", [Point(MONTHS[0], None)])))
    assert reader.all("polyline") == [] and reader.all("circle") == []
    assert reader.rows[1:] == ["september 2025 — geen gegevens"]
