"""Charts as server-side SVG: the same markup in a page and in a PDF, readable without them.

Every chart has a title and a description (the SVG's <title> and <desc>, referenced by
aria-labelledby) and its numbers as a table (`includes/chart.html` puts it under the chart), so
a screen reader, a printout and a panel member without colour vision read the same figures.

    chart = charts.bars(_("Cycles per phase"), _("…"), [Bar(_("Plan"), 12, url), ...])
    {% include "includes/chart.html" with chart=chart %}
"""

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format

from . import numbers

_ids = itertools.count(1)

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by pattern too.
COLOURS = ("#1f5f8b", "#b35900", "#2e7d32", "#6a1b9a", "#8d6e63")

WIDTH = 640
ROW = 28
LABEL_WIDTH = 200


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Decimal | None
    url: str = ""  # a bar drills down to the objects behind it


@dataclass(frozen=True)
class Point:
    month: object  # a date: the first day of the month
    value: int | Decimal | None


@dataclass
class Chart:
    kind: str  # "bars" or "line"
    title: str
    description: str
    unit: str = ""  # "%" or ""
    bars: list = field(default_factory=list)
    points: list = field(default_factory=list)
    id: str = ""
    height: int = 0

    def __post_init__(self):
        self.id = self.id or f"chart-{next(_ids)}"

    def shown(self, value):
        """A value as the table and the labels show it: Dutch decimal comma, '—' for no data."""
        if value is None:
            return "—"
        return f"{numbers.localized(value)}{self.unit}"

    @property
    def rows(self):
        """(label, shown value, url) for the text alternative."""
        if self.kind == "bars":
            return [(bar.label, self.shown(bar.value), bar.url) for bar in self.bars]
        return [
            (date_format(p.month, "YEAR_MONTH_FORMAT"), self.shown(p.value), "")
            for p in self.points
        ]


def _scale(values):
    top = max([v for v in values if v is not None] or [0])
    return float(top) or 1.0


def bars(title, description, items, *, unit="", maximum=None):
    """Horizontal bars, one per item, labelled with their value; each may link to its objects."""
    chart = Chart("bars", title, description, unit=unit, bars=list(items))
    top = float(maximum) if maximum else _scale([bar.value for bar in chart.bars])
    room = WIDTH - LABEL_WIDTH - 60
    chart.layout = [
        {
            "bar": bar,
            "y": index * ROW + 4,
            "width": 0 if bar.value is None else max(round(room * float(bar.value) / top), 1),
            "text": chart.shown(bar.value),
            "colour": COLOURS[0],
        }
        for index, bar in enumerate(chart.bars)
    ]
    for row in chart.layout:
        row["text_x"] = LABEL_WIDTH + row["width"] + 6
    chart.height = max(len(chart.bars), 1) * ROW + 8
    return chart


def line(title, description, points, *, unit="", maximum=None):
    """A line over months; a month without data is a gap, not a zero."""
    chart = Chart("line", title, description, unit=unit, points=list(points))
    top = float(maximum) if maximum else _scale([p.value for p in chart.points])
    chart.height = 200
    plot_height, left, right = 160, 48, WIDTH - 16
    step = (right - left) / max(len(chart.points) - 1, 1)
    chart.layout = []
    for index, point in enumerate(chart.points):
        x = round(left + index * step, 1)
        y = (
            None
            if point.value is None
            else round(10 + plot_height * (1 - float(point.value) / top), 1)
        )
        chart.layout.append({"point": point, "x": x, "y": y, "text": chart.shown(point.value)})
    segments, current = [], []
    for row in chart.layout:
        if row["y"] is None:
            if len(current) > 1:
                segments.append(current)
            current = []
        else:
            current.append(f"{row['x']},{row['y']}")
    if len(current) > 1:
        segments.append(current)
    chart.segments = [" ".join(segment) for segment in segments]
    chart.axis = {
        "left": left,
        "right": right,
        "bottom": 10 + plot_height,
        "top_label": chart.shown(top if not unit else Decimal(round(top))),
    }
    return chart
