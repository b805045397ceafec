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
        return f"{numbers.localized(Decimal(str(value)))}{self.unit}"

    @property
    def rows(self):
        """(label, shown value, url) for the text alternative."""
        if self.kind == "bars":
            return [(bar.label, self.shown(bar.value), bar.url) for bar in self.bars]
        return [
            (date_format(p.month, "YEAR_MONTH_FORMAT"), self.shown(p.value), "")
            for p in self.points
        ]


def _scale(values, maximum=None):
    """The value at the chart's top: the maximum given, else the largest value (1 for none)."""
    if maximum is not None and Decimal(str(maximum)) > 0:
        return Decimal(str(maximum))
    top = max([Decimal(str(v)) for v in values if v is not None] or [Decimal(0)])
    return top if top > 0 else Decimal(1)


def _share(value, top):
    """Where a value lies between 0 and the top, clamped to 0..1."""
    return min(max(float(Decimal(str(value)) / top), 0.0), 1.0)


def bars(title, description, items, *, unit="", maximum=None):
    """Horizontal bars, one per item, labelled with their value; each may link to its objects.
    A bar without a value (None) is drawn as none and reads "—", never as 0."""
    chart = Chart("bars", title, description, unit=unit, bars=list(items))
    top = _scale([bar.value for bar in chart.bars], maximum)
    room = WIDTH - LABEL_WIDTH - 60
    chart.layout = []
    for index, bar in enumerate(chart.bars):
        width = 0
        if bar.value is not None and bar.value > 0:
            width = max(round(room * _share(bar.value, top)), 1)
        chart.layout.append(
            {
                "bar": bar,
                "label": _truncated(bar.label),
                "y": index * ROW + 4,
                "width": width,
                "text": chart.shown(bar.value),
                "text_x": LABEL_WIDTH + width + 6,
                "colour": COLOURS[0],
            }
        )
    chart.height = max(len(chart.bars), 1) * ROW + 8
    return chart


def _truncated(label, length=30):
    label = str(label)
    return label if len(label) <= length else label[: length - 1] + "…"


def _coordinate(number):
    """A coordinate for SVG: always with a decimal point, never the language's comma."""
    return f"{number:.1f}".removesuffix(".0")


LINE_TOP, PLOT_HEIGHT, LEFT, RIGHT = 10, 160, 56, WIDTH - 16
MAX_MONTH_LABELS = 12


def line(title, description, points, *, unit="", maximum=None):
    """A line over months; a month without data is a gap, not a zero."""
    chart = Chart("line", title, description, unit=unit, points=list(points))
    top = _scale([p.value for p in chart.points], maximum)
    bottom = LINE_TOP + PLOT_HEIGHT
    chart.height = bottom + 30  # room for the month labels
    step = (RIGHT - LEFT) / max(len(chart.points) - 1, 1)
    every = max(-(-len(chart.points) // MAX_MONTH_LABELS), 1)  # label at most 12 months
    chart.layout = []
    for index, point in enumerate(chart.points):
        x = round(LEFT + index * step, 1)
        y = None
        if point.value is not None:
            y = round(LINE_TOP + PLOT_HEIGHT * (1 - _share(point.value, top)), 1)
        label = ""
        if index % every == 0:
            label = date_format(point.month, "M")
            if index == 0 or point.month.month == 1:
                label = f"{label} {point.month:%y}"
        # Coordinates as text: a float in a template would get the page's decimal comma.
        chart.layout.append(
            {
                "point": point,
                "x": _coordinate(x),
                "y": None if y is None else _coordinate(y),
                "text": chart.shown(point.value),
                "label": label,
            }
        )
    segments, current = [], []
    for row in chart.layout:
        if row["y"] is None:
            if len(current) > 1:
                segments.append(current)
            current = []
        else:
            current.append(f"{row['x']},{row['y']}")  # already text
    if len(current) > 1:
        segments.append(current)
    chart.segments = [" ".join(segment) for segment in segments]
    chart.axis = {
        "left": LEFT,
        "right": RIGHT,
        "top": LINE_TOP,
        "bottom": bottom,
        "labels_y": bottom + 18,
        "top_label": chart.shown(top),
        "zero_label": chart.shown(0),
    }
    return chart
