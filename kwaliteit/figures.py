"""Figures per school: the numbers dashboards, the board roll-up and reports are made of.

Every app offers its figures through one set-based hook, `hooks.school_figures`: a provider is
called as `provider(school_ids=..., period=..., team_id=None)` and yields `Value`s for all those
schools with one query (or a fixed few) — never one query per school — so that one school and
twenty schools cost the same number of queries. It is registered with the types it yields:

    @figures.provider([
        FigureType("pdca.checks_on_time", _("Checks completed on time"), PERCENT, better=HIGHER,
                   group=_("Improvement cycles")),
    ])
    def cycle_figures(*, school_ids, period, team_id=None): ...

A percentage carries its numerator and denominator, so a board's total is the sum of the parts
(not the mean of the percentages) and a median can be taken over schools. A `Value` with a
`month` is one point of a trend (first day of the month); without, it is the period's figure.

Every figure drills down to the objects behind it: the keyed hook `hooks.figure_objects`
(key = the figure's key) gives them as `Row`s for one school, a period and a team; the core's
drill-down page shows them and exports them as CSV/xlsx. Never figures about named individual
people in the roll-up: per-person figures (planlast) stay on the school's own dashboard.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import hooks

COUNT = "count"
PERCENT = "percent"
SCORE = "score"  # e.g. a self-assessment 1–4
DAYS = "days"

HIGHER = "higher"
LOWER = "lower"


@dataclass(frozen=True)
class FigureType:
    key: str  # "app.name", unique over all apps
    label: str
    unit: str = COUNT
    better: str | None = None  # HIGHER, LOWER or None (neither: a mix, a size)
    group: str = ""  # the dashboard section it belongs to ("Verbetercycli")
    rollup: bool = True  # shown side by side in the board roll-up
    help: str = ""  # one sentence: what is counted


@dataclass(frozen=True)
class Value:
    school_id: int
    key: str
    value: int | Decimal | None  # None: no data (shown as "—", never as 0)
    numerator: int | None = None  # for a PERCENT: what is counted …
    denominator: int | None = None  # … out of how many
    month: date | None = None  # one point of a trend: the first day of its month


@dataclass(frozen=True)
class Row:
    """One object behind a figure, as the drill-down page lists and exports it."""

    title: str
    url: str
    cells: tuple = ()  # further columns, matching the provider's `columns`
    # Quoted: the field's own name would shadow the type while the class body is evaluated.
    date: "date | None" = None


@dataclass(frozen=True)
class Rows:
    columns: tuple  # headings of `cells`
    rows: list


def provider(types):
    """Register a figures provider (as a decorator) with the FigureTypes it yields."""

    def register(func):
        func.figure_types = list(types)
        return hooks.school_figures.register(func)

    return register


def figure_types():
    """{key: FigureType} of every registered provider, in registration order."""
    return {
        kind.key: kind
        for func in hooks.school_figures.providers()
        for kind in getattr(func, "figure_types", [])
    }


def percent(numerator, denominator):
    """A PERCENT Value's value: None without a denominator, else rounded to whole percents."""
    if not denominator:
        return None
    return (Decimal(100) * numerator / denominator).quantize(Decimal(1))


def collect(*, school_ids, period, team_id=None):
    """Every provider's Values for these schools and the providers that failed."""
    return hooks.school_figures.items(school_ids=list(school_ids), period=period, team_id=team_id)
