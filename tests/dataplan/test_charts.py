"""The SVG trend chart: accessible, readable without colour, escaped, printable by WeasyPrint."""

import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from dataplan.charts import DASHES, MARKERS, PALETTE, Series, trend_chart

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def yearly(label, *values, start=2022):
    return Series(
        label,
        [(date(start + i, 10, 1), Decimal(v)) for i, v in enumerate(values) if v is not None],
    )


def chart(series, **options):
    defaults = {
        "title": "Reading comprehension",
        "unit": "%",
        "norm": Decimal(75),
        "target": Decimal(85),
        "higher_is_better": True,
    }
    return trend_chart(series, **{**defaults, **options})


def parse(result):
    return ET.fromstring(result.svg)  # noqa: S314 (our own output)


def series_groups(root):
    return root.findall(".//svg:g[@class='series']", NS)


def line_ys(group):
    line = group.find("svg:polyline[@class='series-line']", NS)
    return [float(pair.split(",")[1]) for pair in line.get("points").split()]


def ref_y(root, cls):
    return float(root.find(f".//svg:line[@class='{cls}']", NS).get("y1"))


def markers(group):
    return [point[-1] for point in group.findall("svg:g", NS)]


def all_text(root):
    return " ".join("".join(node.itertext()) for node in root.iter(f"{SVG}text"))


def test_svg_is_labelled_by_a_meaningful_title_and_description():
    result = chart([yearly("Groep 5", "78", "74", "71"), yearly("Groep 6", "80", "84", "86")])
    root = parse(result)

    assert root.get("role") == "img"
    # The page shows the description as the figure caption: only the title labels the image.
    title_id = root.get("aria-labelledby")
    title = root.find(f"svg:title[@id='{title_id}']", NS)
    desc = root.find(f"svg:desc[@id='{root.get('id')}-desc']", NS)
    assert title.text == "Reading comprehension" == result.title
    assert desc.text == result.description
    assert "2 groups" in desc.text
    assert "Norm 75 %, target 85 %; higher is better." in desc.text
    assert "Groep 5 71 % (1 October 2024), below the norm" in desc.text
    assert "Groep 6 86 % (1 October 2024), meets the target" in desc.text
    assert root.get("viewBox") == "0 0 640 300"
    assert root.get("width") == "100%"


def test_every_chart_has_its_own_ids_and_a_given_id_is_made_safe():
    first, second = chart([yearly("A", "70")]), chart([yearly("A", "70")])
    assert parse(first).get("id") != parse(second).get("id")

    root = parse(chart([yearly("A", "70")], chart_id='reading "5"'))
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", root.get("id"))
    assert root.get("aria-labelledby") == f"{root.get('id')}-title"


def test_one_line_per_non_empty_series_each_with_its_own_marker_and_dash():
    series = [yearly(f"Groep {n}", "70", str(72 + n), "80") for n in range(6)]
    root = parse(chart([*series, Series("Groep 9", [])]))

    groups = series_groups(root)
    assert len(groups) == 6
    assert len(root.findall(".//svg:polyline[@class='series-line']", NS)) == 6
    shapes = [group.get("data-marker") for group in groups]
    dashes = [group.find("svg:polyline", NS).get("stroke-dasharray", "solid") for group in groups]
    assert shapes == list(MARKERS)
    assert len(set(dashes)) == 6
    # The shapes really differ as drawn, not just in their names.
    drawn = {(m.tag, len((m.get("points") or "").split())) for g in groups for m in markers(g)[:1]}
    assert len(drawn) == 6
    # Each series has a direct label at its end that repeats its marker.
    labels = root.findall(".//svg:g[@class='series-label']", NS)
    assert [label.find("svg:title", NS).text for label in labels] == [s.label for s in series]
    assert "Groep 9: no measurements yet" in root.find("svg:desc", NS).text


def test_norm_and_target_are_labelled_lines_on_the_right_side_of_the_data():
    root = parse(chart([yearly("Groep 5", "70", "80", "90")]))
    norm_y, target_y = ref_y(root, "norm"), ref_y(root, "target")
    low, middle, high = line_ys(series_groups(root)[0])

    # SVG y grows downwards: above on screen means a smaller y.
    assert high < target_y < middle < norm_y < low
    assert root.find(".//svg:line[@class='norm']", NS).get("stroke-dasharray")
    assert root.find(".//svg:line[@class='target']", NS).get("stroke-dasharray")
    text = all_text(root)
    assert "norm 75 %" in text
    assert "target 85 %" in text


def test_points_on_the_wrong_side_of_the_norm_are_hollow():
    root = parse(chart([yearly("Groep 5", "70", "75", "80")]))
    points = series_groups(root)[0].findall("svg:g", NS)
    assert ["breach" in p.get("class") for p in points] == [True, False, False]
    fills = [p[-1].get("fill") for p in points]
    assert fills[0] == "#ffffff"
    assert fills[1] == fills[2] == PALETTE[0]
    assert "below the norm" in points[0].find("svg:title", NS).text


def test_when_lower_is_better_points_above_the_norm_are_the_breaches():
    result = chart(
        [yearly("Whole school", "8", "6", "3.5")],
        title="Absence",
        norm=Decimal(6),
        target=Decimal(4),
        higher_is_better=False,
    )
    root = parse(result)
    points = series_groups(root)[0].findall("svg:g", NS)
    assert ["breach" in p.get("class") for p in points] == [True, False, False]
    first_y = line_ys(series_groups(root)[0])[0]
    assert first_y < ref_y(root, "norm")
    assert "lower is better" in result.description
    assert "Whole school 3.5 % (1 October 2024), meets the target" in result.description


def test_user_text_is_escaped():
    evil = '<script>alert("x")</script> & co'
    result = chart([yearly(evil, "70", "80")], title="<b>Title</b>", unit="<i>%")

    assert "<script" not in result.svg
    assert "<b>" not in result.svg and "<i>" not in result.svg
    root = parse(result)
    assert root.find(f".//{SVG}script") is None
    assert root.find("svg:title", NS).text == "<b>Title</b>"
    label = root.find(".//svg:g[@class='series-label']", NS)
    assert label.find("svg:title", NS).text == evil
    assert "<script>" in all_text(root)


def test_long_labels_are_truncated_with_the_full_text_in_a_tooltip():
    name = "Groep 7 with a very long name that does not fit next to the chart"
    root = parse(chart([yearly(name, "70", "80")]))
    label = root.find(".//svg:g[@class='series-label']", NS)
    shown = label.find("svg:text", NS).text
    assert shown.endswith("…")
    assert name.startswith(shown[:-1])
    assert label.find("svg:title", NS).text == name


def test_an_empty_chart_says_there_are_no_measurements_yet():
    for series in ([], [Series("Groep 5", [])]):
        result = chart(series)
        root = parse(result)
        message = root.find(".//svg:text[@class='empty-message']", NS)
        assert message.text == "No measurements yet"
        assert not root.findall(".//svg:polyline", NS)
        assert root.find(".//svg:line[@class='norm']", NS) is not None
        assert "No measurements yet" in result.description


@pytest.mark.parametrize(
    "values",
    [
        ["71"],  # a single point
        ["75", "75", "75"],  # all equal, and equal to the norm
        ["-3", "-1.5", "0", "2"],  # negative values
        ["0", "0"],
        ["1000000", "1000001"],
    ],
)
def test_awkward_data_stays_inside_the_plot_with_sorted_ticks(values):
    root = parse(chart([yearly("Groep 5", *values)], norm=Decimal(0), target=None))
    ys = line_ys(series_groups(root)[0])
    axis_y = float(root.find(".//svg:line[@class='axis']", NS).get("y1"))
    assert all(20 <= y <= axis_y for y in ys)
    assert "nan" not in root.findtext(".//svg:polyline", namespaces=NS).lower()
    ticks = [
        float(t.text.replace(",", ""))  # English: 1,000,000.5
        for t in root.iter(f"{SVG}text")
        if t.get("text-anchor") == "end" and t.get("class") is None
    ]
    assert ticks == sorted(ticks) and len(ticks) >= 3
    assert ticks[0] <= min(float(v) for v in values) and ticks[-1] >= max(float(v) for v in values)


def test_a_single_measurement_gets_a_date_tick():
    root = parse(chart([Series("Groep 5", [(date(2025, 10, 12), Decimal("71"))])]))
    assert "12 Oct 2025" in all_text(root)


def test_dutch_numbers_and_months():
    with translation.override("nl"):
        result = chart([Series("Groep 5", [(date(2023, 10, 1), Decimal("70")),
                                           (date(2025, 3, 1), Decimal("77.5"))])])  # fmt: skip
    assert "77,5 %" in result.description
    assert "okt 2023" in result.description
    assert "mrt 2025" in result.description


def test_readable_without_colour_scripts_or_external_resources():
    root = parse(chart([yearly(f"G{n}", "70", "80") for n in range(6)]))
    sizes = [float(el.get("font-size")) for el in root.iter() if el.get("font-size")]
    assert sizes and min(sizes) >= 11
    assert "DejaVu Sans" in root.get("font-family")
    assert not [el for el in root.iter() if el.tag in {f"{SVG}script", f"{SVG}style"}]
    assert not [el for el in root.iter() for name in el.attrib if "href" in name or name == "style"]
    assert not [el for el in root.iter() for name in el.attrib if name.startswith("on")]
    assert len(DASHES) == len(MARKERS) == len(PALETTE) == 6


def _contrast(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_series_colours_contrast_with_white():
    assert min(_contrast(colour) for colour in PALETTE) >= 4.5


def test_weasyprint_renders_the_chart_into_a_pdf():
    import pypdf
    import weasyprint

    result = chart([yearly("Groep 5", "70", "80"), yearly("Groep 6", "78", "82")])
    html = f"<!doctype html><html><body><h1>{result.title}</h1>{result.svg}</body></html>"
    pdf = weasyprint.HTML(string=html).write_pdf()

    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Groep 5" in text
    assert "Groep 6" in text
    assert "norm 75 %" in text
