"""The board roll-up: a board's schools side by side on the same figures.

Every figure type with `rollup=True` (kwaliteit.figures) is read for all of the board's schools
with one `figures.collect` call, and once more for the period before it (the trend), so the
number of queries does not depend on the number of schools. The board's total is a sum for
counts and the sum of the numerators over the sum of the denominators for a percentage (never a
mean of percentages); the median is taken over the schools that have a figure. Figures about
named people never appear here: the roll-up compares schools.

A school year starts on a day each school sets; the board's "this school year" uses the start
most of its schools share (the first school by name breaks a tie).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import figures, numbers, periods
from .figures import COUNT, HIGHER, LOWER, PERCENT
from .schoolyear import year_start_of

UP, DOWN = "op", "af"  # ?richting=: ascending, descending
BY_NAME = "school"  # ?sorteer=school: the schools by name

# --- the period ------------------------------------------------------------------------------


def board_year_start(schools):
    """The (month, day) most of the board's schools start their year on."""
    starts = Counter(year_start_of(school) for school in schools)
    return starts.most_common(1)[0][0] if starts else year_start_of(None)


# --- the roll-up -----------------------------------------------------------------------------


@dataclass
class Cell:
    value: int | Decimal | None
    shown: str
    previous: int | Decimal | None = None
    arrow: str = ""  # ↑ ↓ = (with words next to it, never the arrow alone)
    change: str = ""  # "up from 40%"
    verdict: str = ""  # "better" / "worse" / ""
    tone: str = ""  # css class: better / worse
    label: str = ""  # the figure's label (a phone shows it next to the value)
    with_trend: bool = True

    @property
    def html(self):
        """The table cell, built here rather than by a template include per cell (500 cells for
        20 schools and 25 figures); every text in it is escaped."""
        parts = ['<td data-label="', escape(self.label), '"><span class="figure">']
        parts += [escape(self.shown), "</span>"]
        if self.with_trend:
            parts += [' <span class="trend', f" {self.tone}" if self.tone else "", '">']
            if self.arrow:
                parts += ['<span aria-hidden="true">', self.arrow, "</span> "]
            parts.append(escape(self.change))
            if self.verdict:
                parts += [" · <strong>", escape(self.verdict), "</strong>"]
            parts.append("</span>")
        parts.append("</td>")
        return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)


@dataclass
class Line:
    """A row of one group's table: a school (or the board's total or median) and its cells."""

    label: str
    cells: list
    school: object = None
    url: str = ""


@dataclass
class Group:
    name: str
    types: list
    lines: list = field(default_factory=list)
    total: Line | None = None
    median: Line | None = None
    columns: list = field(default_factory=list)  # [{"kind": FigureType, sort link…}]

    def __post_init__(self):
        self.columns = self.columns or [{"kind": kind} for kind in self.types]


@dataclass
class Rollup:
    period: periods.Period
    schools: list  # in the chosen order
    types: list  # the roll-up's FigureTypes
    groups: list
    values: dict  # {(school id, key): Value} this period
    previous_values: dict
    failed: bool  # a provider failed: some figures are missing


def school_url(school, period):
    """Where a school's name leads a board member: the school's dashboard for the same period,
    read-only."""
    return f"{reverse('kwaliteit:dashboard', args=[school.slug])}?{urlencode(period.params())}"


def shown(kind, value):
    """A figure as the roll-up shows it: Dutch decimal comma, '%' for a percentage, '—' for
    no data."""
    if value is None:
        return "—"
    return numbers.localized(value) + ("%" if kind.unit == PERCENT else "")


def total(kind, values):
    """The board's figure from the schools' Values: counts summed; a percentage (or any figure
    with parts) as the sum of the numerators over the sum of the denominators."""
    with_parts = [v for v in values if v.denominator is not None and v.numerator is not None]
    if kind.unit == PERCENT:
        if not with_parts:
            return None
        return figures.percent(
            sum(v.numerator for v in with_parts), sum(v.denominator for v in with_parts)
        )
    present = [v.value for v in values if v.value is not None]
    if kind.unit == COUNT:
        return sum(present) if present else None
    if with_parts and len(with_parts) == len(present):
        denominator = sum(v.denominator for v in with_parts)
        if denominator:
            ratio = Decimal(sum(v.numerator for v in with_parts)) / denominator
            return ratio.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return None  # a mean of scores or days per school would weigh a small school as a big one


def median(values):
    """The middle of the schools' figures (the mean of the two middle ones for an even count)."""
    present = sorted(Decimal(str(v)) for v in values if v is not None)
    if not present:
        return None
    middle = len(present) // 2
    if len(present) % 2:
        return present[middle].normalize()
    return ((present[middle - 1] + present[middle]) / 2).normalize()


def _words():
    """The trend's words, translated once per roll-up instead of once per cell."""
    return {
        "none": _("no earlier figure"),
        "same": _("same as before"),
        "up": _("up from %(previous)s"),
        "down": _("down from %(previous)s"),
        "better": _("better"),
        "worse": _("worse"),
    }


def trend_cell(kind, value, previous, *, words=None, label=None):
    """The value with its trend against the period before: arrow, words, better or worse."""
    words = words or _words()
    label = str(kind.label) if label is None else label
    cell = Cell(value, shown(kind, value), previous, label=label)
    if value is None or previous is None:
        cell.change = words["none"]
        return cell
    difference = Decimal(str(value)) - Decimal(str(previous))
    if not difference:
        cell.arrow, cell.change = "=", words["same"]
        return cell
    was = shown(kind, previous)
    if difference > 0:
        cell.arrow, cell.change = "↑", words["up"] % {"previous": was}
    else:
        cell.arrow, cell.change = "↓", words["down"] % {"previous": was}
    if kind.better in (HIGHER, LOWER):
        good = (difference > 0) == (kind.better == HIGHER)
        cell.verdict, cell.tone = (words["better"], "better") if good else (words["worse"], "worse")
    return cell


def _period_values(values, types, school_ids):
    keys = {kind.key for kind in types}
    return {
        (v.school_id, v.key): v
        for v in values
        if v.month is None and v.key in keys and v.school_id in school_ids
    }


def rollup_types():
    return [kind for kind in figures.figure_types().values() if kind.rollup]


def build(*, schools, period, sort=BY_NAME, direction=UP):
    """The roll-up of these schools in this period: two `collect` calls, whatever their number."""
    schools = list(schools)
    types = rollup_types()
    ids = {school.id for school in schools}
    now_values, failed = figures.collect(school_ids=sorted(ids), period=period)
    before, failed_before = figures.collect(school_ids=sorted(ids), period=period.previous())
    current = _period_values(now_values, types, ids)
    previous = _period_values(before, types, ids)
    schools = sort_schools(schools, current, sort, direction)
    grouped = {}
    for kind in types:
        grouped.setdefault(kind.group or _("Other figures"), []).append(kind)
    words, labels = _words(), {kind.key: str(kind.label) for kind in types}
    urls = {school.id: school_url(school, period) for school in schools}
    groups = []
    for name, kinds in grouped.items():
        group = Group(name, kinds)
        for school in schools:
            cells = [
                trend_cell(
                    kind,
                    value_of(current, school.id, kind.key),
                    value_of(previous, school.id, kind.key),
                    words=words,
                    label=labels[kind.key],
                )
                for kind in kinds
            ]
            group.lines.append(Line(school.name, cells, school, urls[school.id]))
        total_cells, median_cells = [], []
        for kind in kinds:
            now = [current[s.id, kind.key] for s in schools if (s.id, kind.key) in current]
            was = [previous[s.id, kind.key] for s in schools if (s.id, kind.key) in previous]
            total_cells.append(
                trend_cell(
                    kind, total(kind, now), total(kind, was), words=words, label=labels[kind.key]
                )
            )
            middle = median(v.value for v in now)
            median_cells.append(
                Cell(middle, shown(kind, middle), label=labels[kind.key], with_trend=False)
            )
        group.total = Line(_("Board total"), total_cells)
        group.median = Line(_("Board median"), median_cells)
        groups.append(group)
    return Rollup(period, schools, types, groups, current, previous, bool(failed or failed_before))


def value_of(values, school_id, key):
    found = values.get((school_id, key))
    return None if found is None else found.value


def sort_schools(schools, values, sort, direction):
    """By name, or by a figure (schools without it last, whichever the direction)."""
    by_name = sorted(schools, key=lambda school: (school.name.casefold(), school.id))
    if sort == BY_NAME:
        return by_name[::-1] if direction == DOWN else by_name
    with_value = [s for s in by_name if value_of(values, s.id, sort) is not None]
    without = [s for s in by_name if value_of(values, s.id, sort) is None]
    with_value.sort(
        key=lambda school: Decimal(str(value_of(values, school.id, sort))),
        reverse=direction == DOWN,
    )
    return with_value + without


# --- the board report PDF --------------------------------------------------------------------

REPORT_KIND = "board_report_pdf"


def report_ref(board, period):
    """What a board report job is about, in its object_id: the board and the period."""
    return f"{board.pk}:{period.start:%Y-%m-%d}:{period.end:%Y-%m-%d}:{period.key}"


def _parse_ref(ref):
    board_id, start, end, key = ref.split(":")
    return int(board_id), periods.Period(_day(start), _day(end), key)


def _day(text):
    return datetime.strptime(text, "%Y-%m-%d").date()


def report_request(*, board, school, user, period):
    """Ask for the board report PDF of all the board's schools (by name); its job lives in one
    of the board's schools (the job page is a school page) and names the board and period."""
    from . import services_jobs

    job = services_jobs.job_create(school=school, user=user, kind=REPORT_KIND, start=False)
    job.object_id = report_ref(board, period)
    job.save(update_fields=["object_id"])
    services_jobs.job_start(job=job)
    return job


def render_report(job):
    """The board report: the roll-up's tables and a chart per group, for a board member."""
    from . import charts, pdf
    from .models import Board

    board_id, period = _parse_ref(job.object_id)
    # Only while the person who asked is still a member of the board.
    board = Board.objects.get(pk=board_id, members=job.created_by_id)
    data = build(schools=board.schools.all(), period=period)
    group_charts = []
    for group in data.groups:
        kind = next((k for k in group.types if k.unit == PERCENT), group.types[0])
        index = group.types.index(kind)
        bars = [charts.Bar(line.label, line.cells[index].value) for line in group.lines]
        group_charts.append(
            charts.bars(
                kind.label,
                _("%(figure)s per school, %(period)s")
                % {"figure": kind.label, "period": period.label},
                bars,
                unit="%" if kind.unit == PERCENT else "",
                maximum=100 if kind.unit == PERCENT else None,
            )
        )
    groups = list(zip(data.groups, group_charts, strict=True))
    context = {"board": board, "rollup": data, "groups": groups}
    content = pdf.render("pdf/board_report.html", context, board)
    name = slugify(f"{board.name} {_('board report')} {period.start:%Y%m%d}-{period.end:%Y%m%d}")
    return f"{name}.pdf", content


def back_to_board(job):
    from .models import Board

    board_id, period = _parse_ref(job.object_id)
    board = Board.objects.filter(pk=board_id).first()
    if board is None:
        return None, None
    url = reverse("board", args=[board.slug])
    return f"{url}?{urlencode(period.params())}", _("Back to the board")
