"""Server-side SVG trend charts: one chart per indicator, one line per group.

The same markup is embedded inline in pages and in WeasyPrint PDFs, so it uses presentation
attributes only (no <style>, no style="", no script, no external resources: it also passes a strict
CSP). Readable without colour: every series has its own marker shape and dash pattern and a direct
label; points on the wrong side of the norm are hollow; norm (dashed) and target (dotted) are
labelled lines. The chart carries <title>/<desc> and a plain-text description for the page.
"""

import math
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import chart_axes
from .chart_axes import (
    _month_label,
    _num,
    _quantity,
    _safe_id,
    _spread,
    _text_width,
    _truncate,
    _x_axis,
    _y_ticks,
)

# Series colours: each has at least 4.5:1 contrast on white, so even the labels meet WCAG AA.
PALETTE = ("#0b5394", "#b35900", "#6a3d9a", "#00727d", "#7f4f24", "#ad1457")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "star")
DASHES = ("", "9 4", "3 3", "10 3 2 3", "16 4", "10 3 2 3 2 3")
NORM_COLOUR = "#a4161a"
TARGET_COLOUR = "#1e6b34"
INK = "#1c1f24"
MUTED = "#4d5560"
AXIS = "#8a929c"
GRID = "#e6e9ee"
LEADER = "#9aa1ab"
BREACH_WASH = "#fbeeee"
FONT = "system-ui, 'DejaVu Sans', sans-serif"
FONT_SIZE = chart_axes.FONT_SIZE
LABEL_GAP = 15  # minimum vertical distance between two labels in the right-hand gutter
MARKER_R = 5


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[date, Decimal]]


@dataclass(frozen=True)
class Chart:
    svg: SafeString
    title: str
    description: str

    def __html__(self):
        return self.svg


def trend_chart(
    series: list[Series],
    *,
    title: str,
    unit: str,
    norm: Decimal,
    target: Decimal | None,
    higher_is_better: bool,
    width: int = 640,
    height: int = 300,
    chart_id: str | None = None,
) -> Chart:
    """Draw the series as an accessible SVG line chart with the norm and target."""
    cid = _safe_id(chart_id) if chart_id else f"chart-{uuid.uuid4().hex[:10]}"
    norm = Decimal(norm)
    target = None if target is None else Decimal(target)
    drawn = [s for s in series if s.points]
    description = _describe(series, title, unit, norm, target, higher_is_better)

    # Vertical scale and the left margin that its labels need.
    ticks = _y_ticks(drawn, norm, target, unit, height)
    tick_labels = [_num(t) for t in ticks]
    left = max(36, round(max(_text_width(t) for t in tick_labels)) + 14)
    gutter = round(min(180, max(110, width * 0.24)))
    top, bottom = 24, 30
    plot_l, plot_r, plot_t, plot_b = left, width - gutter, top, height - bottom
    lo, hi = float(ticks[0]), float(ticks[-1])

    def y(value):
        return plot_b - (float(value) - lo) / (hi - lo) * (plot_b - plot_t)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="trend-chart" id="{cid}" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'aria-labelledby="{cid}-title" font-family="{escape(FONT)}" '
        f'font-size="{FONT_SIZE}">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
    ]

    # The side of the norm that calls for action gets a faint wash.
    norm_y = y(norm)
    wash_top, wash_bottom = (norm_y, plot_b) if higher_is_better else (plot_t, norm_y)
    if wash_bottom - wash_top > 0.5:
        out.append(
            f'<rect class="breach-zone" x="{plot_l}" y="{wash_top:.1f}" '
            f'width="{plot_r - plot_l}" height="{wash_bottom - wash_top:.1f}" '
            f'fill="{BREACH_WASH}"/>'
        )

    # Horizontal grid and y-axis labels; the unit sits above the axis.
    for tick, text in zip(ticks, tick_labels, strict=True):
        ty = y(tick)
        colour, stroke = (AXIS, 1) if tick == 0 and tick != ticks[0] else (GRID, 1)
        if tick != ticks[0]:
            out.append(_hline(plot_l, plot_r, ty, colour, stroke, cls="grid"))
        out.append(
            f'<text x="{plot_l - 8}" y="{ty + 4:.1f}" text-anchor="end" fill="{MUTED}">'
            f"{escape(text)}</text>"
        )
    if unit:
        # Right-aligned over the tick labels when it fits, else from the left edge.
        fits = _text_width(unit) <= plot_l - 12
        out.append(
            f'<text class="unit" x="{plot_l - 8 if fits else 4}" y="{plot_t - 10}" '
            f'text-anchor="{"end" if fits else "start"}" fill="{MUTED}">'
            f"{escape(_truncate(unit, plot_r - 8))}</text>"
        )
    out.append(_hline(plot_l, plot_r, plot_b, AXIS, 1, cls="axis"))

    gutter_labels = []  # (wanted y, svg fragment builder)
    # Norm and target lines, labelled in the gutter.
    refs = [("norm", norm, NORM_COLOUR, "7 4", _("norm %(value)s"))]
    if target is not None:
        refs.append(("target", target, TARGET_COLOUR, "2 3", _("target %(value)s")))
    for cls, value, colour, dash, template in refs:
        ry = y(value)
        out.append(
            f'<line class="{cls}" x1="{plot_l}" y1="{ry:.1f}" x2="{plot_r + 4}" y2="{ry:.1f}" '
            f'stroke="{colour}" stroke-width="1.75" stroke-dasharray="{dash}"/>'
        )
        text = template % {"value": _quantity(value, unit)}
        gutter_labels.append((ry, _ref_label(cls, text, colour, plot_r)))

    if not drawn:
        message = _("No measurements yet")
        mx, my = (plot_l + plot_r) / 2, (plot_t + plot_b) / 2
        box_w = _text_width(message, 14) + 28
        out.append(
            f'<rect x="{mx - box_w / 2:.1f}" y="{my - 18:.1f}" width="{box_w:.1f}" height="32" '
            f'rx="4" fill="#ffffff" stroke="{GRID}"/>'
            f'<text class="empty-message" x="{mx:.1f}" y="{my + 3:.1f}" text-anchor="middle" '
            f'font-size="14" fill="{MUTED}">{escape(message)}</text>'
        )
    else:
        start, end, x_ticks = _x_axis(drawn, plot_r - plot_l)
        span = (end - start).days

        def x(day):
            return plot_l + (day - start).days / span * (plot_r - plot_l)

        for day, text in x_ticks:
            tx = x(day)
            out.append(
                f'<line x1="{tx:.1f}" y1="{plot_b}" x2="{tx:.1f}" y2="{plot_b + 5}" '
                f'stroke="{AXIS}"/>'
                f'<text x="{tx:.1f}" y="{plot_b + 19}" text-anchor="middle" fill="{MUTED}">'
                f"{escape(text)}</text>"
            )
        for index, item in enumerate(drawn):
            colour = PALETTE[index % len(PALETTE)]
            shape = MARKERS[index % len(MARKERS)]
            dash = DASHES[index % len(DASHES)]
            coords = [(x(day), y(value)) for day, value in item.points]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts = [
                f'<g class="series" data-series="{index}" data-marker="{shape}" '
                f'data-dash="{dash or "solid"}">',
                f"<title>{escape(item.label)}</title>",
                f'<polyline class="series-line" fill="none" stroke="{colour}" stroke-width="2.25" '
                f'stroke-linejoin="round" points="'
                + " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)
                + f'"{dash_attr}/>',
            ]
            for (day, value), (px, py) in zip(item.points, coords, strict=True):
                breach = value < norm if higher_is_better else value > norm
                note = _quantity(value, unit)
                if breach:
                    note = _("%(value)s, %(status)s") % {
                        "value": note,
                        "status": _("below the norm") if higher_is_better else _("above the norm"),
                    }
                parts.append(
                    f'<g class="point{" breach" if breach else ""}">'
                    f"<title>{escape(item.label)}, {escape(date_format(day))}: {escape(note)}"
                    f"</title>{_marker(shape, px, py, MARKER_R, colour, hollow=breach)}</g>"
                )
            parts.append("</g>")
            out.extend(parts)
            last_x, last_y = coords[-1]
            gutter_labels.append(
                (last_y, _series_label(item.label, shape, colour, last_x, last_y, plot_r, gutter))
            )

    placed = _spread(
        [wanted for wanted, _build in gutter_labels], LABEL_GAP, plot_t - 6, height - 8
    )
    out.extend(
        build(label_y) for (_wanted, build), label_y in zip(gutter_labels, placed, strict=True)
    )
    out.append("</svg>")
    return Chart(svg=mark_safe("".join(out)), title=title, description=description)  # noqa: S308


# Text ------------------------------------------------------------------------------------------


def _describe(series, title, unit, norm, target, higher_is_better):
    """A one-paragraph text alternative: period, norm and target, the latest value per group."""
    drawn = [s for s in series if s.points]
    norm_text, target_text = _quantity(norm, unit), target is not None and _quantity(target, unit)
    if target is None:
        reference = (
            _("Norm %(norm)s; higher is better.")
            if higher_is_better
            else _("Norm %(norm)s; lower is better.")
        ) % {"norm": norm_text}
    else:
        reference = (
            _("Norm %(norm)s, target %(target)s; higher is better.")
            if higher_is_better
            else _("Norm %(norm)s, target %(target)s; lower is better.")
        ) % {"norm": norm_text, "target": target_text}
    if not drawn:
        return f"{title}: {_('No measurements yet')}. {reference}"
    days = [day for s in drawn for day, _value in s.points]
    first, last = min(days), max(days)
    groups = ngettext("%(count)d group", "%(count)d groups", len(series)) % {"count": len(series)}
    if first == last:
        period = date_format(first)
    else:
        period = f"{_month_label(first)} – {_month_label(last)}"
    items = []
    for item in series:
        if not item.points:
            items.append(_("%(group)s: no measurements yet") % {"group": item.label})
            continue
        day, value = item.points[-1]
        if (value < norm) if higher_is_better else (value > norm):
            status = _("below the norm") if higher_is_better else _("above the norm")
        elif target is not None and ((value >= target) if higher_is_better else (value <= target)):
            status = _("meets the target")
        else:
            status = _("meets the norm")
        items.append(
            _("%(group)s %(value)s (%(date)s), %(status)s")
            % {
                "group": item.label,
                "value": _quantity(value, unit),
                "date": date_format(day),
                "status": status,
            }
        )
    latest = _("Latest: %(items)s.") % {"items": "; ".join(items)}
    return f"{title}: {groups}, {period}. {reference} {latest}"


def _hline(x1, x2, y, colour, width, cls):
    return (
        f'<line class="{cls}" x1="{x1}" y1="{y:.1f}" x2="{x2}" y2="{y:.1f}" '
        f'stroke="{colour}" stroke-width="{width}"/>'
    )


def _marker(shape, cx, cy, r, colour, hollow=False):
    paint = (
        f'fill="#ffffff" stroke="{colour}" stroke-width="2"'
        if hollow
        else f'fill="{colour}" stroke="#ffffff" stroke-width="1"'
    )
    attrs = f'class="marker {shape}" {paint}'
    if shape == "circle":
        return f'<circle {attrs} cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}"/>'
    if shape == "square":
        side = r * 1.7
        return (
            f'<rect {attrs} x="{cx - side / 2:.1f}" y="{cy - side / 2:.1f}" '
            f'width="{side:.1f}" height="{side:.1f}"/>'
        )
    if shape == "triangle":
        size = r * 1.3
        points = [(0, -size), (size * 0.95, size * 0.7), (-size * 0.95, size * 0.7)]
    elif shape == "diamond":
        size = r * 1.35
        points = [(0, -size), (size, 0), (0, size), (-size, 0)]
    elif shape == "cross":
        arm, half = r * 1.25, r * 0.42
        plus = [
            (-half, -arm), (half, -arm), (half, -half), (arm, -half), (arm, half), (half, half),
            (half, arm), (-half, arm), (-half, half), (-arm, half), (-arm, -half), (-half, -half),
        ]  # fmt: skip
        c = math.sqrt(0.5)
        points = [((px - py) * c, (px + py) * c) for px, py in plus]
    else:  # star
        outer, inner = r * 1.45, r * 0.62
        points = [
            (
                (outer if k % 2 == 0 else inner) * math.sin(k * math.pi / 5),
                -(outer if k % 2 == 0 else inner) * math.cos(k * math.pi / 5),
            )
            for k in range(10)
        ]
    coords = " ".join(f"{cx + px:.1f},{cy + py:.1f}" for px, py in points)
    return f'<polygon {attrs} points="{coords}"/>'


def _ref_label(cls, text, colour, plot_r):
    def build(label_y):
        return (
            f'<text class="{cls}-label" x="{plot_r + 8}" y="{label_y + 4:.1f}" fill="{colour}">'
            f"{escape(text)}</text>"
        )

    return build


def _series_label(label, shape, colour, last_x, last_y, plot_r, gutter):
    shown = _truncate(label, gutter - 30)

    def build(label_y):
        icon_x = plot_r + 13
        leader = ""
        if abs(label_y - last_y) > 1 or plot_r - last_x > 8:
            leader = (
                f'<polyline class="leader" fill="none" stroke="{LEADER}" stroke-width="1" '
                f'points="{last_x + 6:.1f},{last_y:.1f} {plot_r + 2},{label_y:.1f} '
                f'{icon_x - 6},{label_y:.1f}"/>'
            )
        return (
            f'<g class="series-label"><title>{escape(label)}</title>{leader}'
            f"{_marker(shape, icon_x, label_y, 3.5, colour)}"
            f'<text x="{icon_x + 8}" y="{label_y + 4:.1f}" fill="{colour}" font-weight="600">'
            f"{escape(shown)}</text></g>"
        )

    return build
