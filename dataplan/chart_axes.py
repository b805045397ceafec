"""The measuring parts of a trend chart (dataplan.charts): numbers and months as the reader
writes them, text widths, axis ticks and label spreading. Pure functions, no markup."""

import math
import re
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.formats import date_format
from django.utils.translation import get_language

from kwaliteit import numbers

FONT_SIZE = 12


def _num(value) -> str:
    """A decimal in the active language, without trailing zeros (75, 3,5)."""
    return numbers.localized(value)


def _quantity(value, unit) -> str:
    return f"{_num(value)} {unit}".strip()


def _month_label(day: date) -> str:
    # Dutch writes months in lower case ("okt 2025"), English capitalises them ("Oct 2025").
    return date_format(day, "b Y" if (get_language() or "").startswith("nl") else "M Y")


def _text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimated width in px of text set in DejaVu Sans / a system UI font."""
    total = 0.0
    for char in text:
        if char in "iljtf.,:;'|!()[] ":
            total += 0.34
        elif char in "mwMW@%":
            total += 0.92
        elif char.isupper() or char.isdigit():
            total += 0.68
        else:
            total += 0.6
    return total * size


def _truncate(text: str, max_px: float) -> str:
    if _text_width(text) <= max_px:
        return text
    while text and _text_width(text + "…") > max_px:
        text = text[:-1]
    return text.rstrip() + "…"


def _safe_id(value: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "-", value)
    return cleaned if cleaned[:1].isalpha() else f"chart-{cleaned}"


# Scales ----------------------------------------------------------------------------------------


def _y_ticks(drawn, norm, target, unit, height) -> list[Decimal]:
    """Nice, evenly spaced ticks covering every value, the norm and the target, with room."""
    values = [value for s in drawn for _day, value in s.points] + [norm]
    if target is not None:
        values.append(target)
    low, high = min(values), max(values)
    if low == high:
        spread = max(abs(low) * Decimal("0.1"), Decimal(1))
        low_padded, high_padded = low - spread, high + spread
    else:
        pad = (high - low) * Decimal("0.08")
        low_padded, high_padded = low - pad, high + pad
    if low >= 0 > low_padded:
        low_padded = Decimal(0)
    wanted = max(3, int((height - 54) // 48))
    step = _nice_step((high_padded - low_padded) / wanted)
    first = (low_padded / step).to_integral_value(rounding=ROUND_FLOOR) * step
    last = (high_padded / step).to_integral_value(rounding=ROUND_CEILING) * step
    if unit.strip() == "%" and high <= 100 < last and 100 % step == 0:
        last = Decimal(100)
    count = int((last - first) / step)
    return [first + step * i for i in range(count + 1)]


def _nice_step(raw: Decimal) -> Decimal:
    exponent = math.floor(math.log10(float(raw)))
    base = Decimal(10) ** exponent
    for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)):
        if factor * base >= raw:
            return factor * base
    return Decimal(10) * base


def _x_axis(drawn, plot_width):
    """The date domain and its ticks: month or year boundaries, or the dates themselves."""
    days = sorted({day for s in drawn for day, _value in s.points})
    first, last = days[0], days[-1]
    span = (last - first).days
    max_ticks = max(2, int(plot_width // 78))
    if span < 60:
        pad = timedelta(days=max(3, round(span * 0.12)) if span else 15)
        start, end = first - pad, last + pad
        # "12 sep. 2026" is wider than a month label: fewer of them fit.
        step = max(1, math.ceil(len(days) / max(2, int(plot_width // 96))))
        shown = [(day, date_format(day, "SHORT_DATE_FORMAT")) for day in days[::step]]
        return start, end, shown
    pad = timedelta(days=max(10, round(span * 0.04)))
    start, end = first - pad, last + pad
    for months in (1, 2, 3, 4, 6, 12, 24, 36, 60, 120):
        ticks = [
            day
            for day in _month_starts(start, end)
            if (day.year * 12 + day.month - 1) % months == 0
        ]
        if len(ticks) <= max_ticks:
            break
    if months >= 12:
        return start, end, [(day, str(day.year)) for day in ticks]
    return start, end, [(day, _month_label(day)) for day in ticks]


def _month_starts(start: date, end: date):
    year, month = (start.year, start.month + 1) if start.day > 1 else (start.year, start.month)
    while True:
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day > end:
            return
        yield day
        month += 1


def _spread(wanted: list[float], gap: float, top: float, bottom: float) -> list[float]:
    """Move labels apart vertically as little as possible so that none overlap."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    blocks = [[wanted[i], [i]] for i in order]  # [centre, members]
    merged = True
    while merged:
        merged = False
        for n in range(len(blocks) - 1):
            a, b = blocks[n], blocks[n + 1]
            a_end = a[0] + (len(a[1]) - 1) * gap / 2
            b_start = b[0] - (len(b[1]) - 1) * gap / 2
            if b_start - a_end < gap:
                members = a[1] + b[1]
                centre = sum(wanted[i] for i in members) / len(members)
                blocks[n : n + 2] = [[centre, members]]
                merged = True
                break
    placed = [0.0] * len(wanted)
    for centre, members in blocks:
        first = centre - (len(members) - 1) * gap / 2
        for k, i in enumerate(members):
            placed[i] = first + k * gap
    # Keep everything inside the chart: push down from the top, then up from the bottom.
    ordered = sorted(range(len(wanted)), key=lambda i: placed[i])
    floor_y = top
    for i in ordered:
        placed[i] = max(placed[i], floor_y)
        floor_y = placed[i] + gap
    ceiling_y = bottom
    for i in reversed(ordered):
        placed[i] = min(placed[i], ceiling_y)
        ceiling_y = placed[i] - gap
    return placed


# Shapes ----------------------------------------------------------------------------------------
