"""Fake providers for the dashboard's hooks: figures, the objects behind them, sections and
dated items, each recording how it was called; swapped in with the hooks' `override`."""

from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import format_html

from kwaliteit import hooks
from kwaliteit.dated import DatedItem, Remind
from kwaliteit.figures import COUNT, PERCENT, SCORE, FigureType, Row, Rows, Value
from kwaliteit.models import School

ON_TIME = "test.checks_on_time"
OPEN = "test.open_cycles"
SCORE_KEY = "test.score"
NO_DATA = "test.no_data"

TYPES = [
    FigureType(ON_TIME, "Checks on time", PERCENT, group="Cycles", help="Checks done by the date."),
    FigureType(OPEN, "Open cycles", COUNT, group="Cycles"),
    FigureType(SCORE_KEY, "Self-assessment score", SCORE, group="Cards"),
    FigureType(NO_DATA, "Indicators measured", COUNT, group="Dataplan"),
]


@dataclass
class Fakes:
    figure_calls: list = field(default_factory=list)
    object_calls: list = field(default_factory=list)
    section_calls: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    extra: int = 0  # more figure types (test.extra_N) for query counts
    items: list = field(default_factory=list)  # DatedItems the dated provider yields


def figures_provider(fakes):
    def provide(*, school_ids, period, team_id=None):
        fakes.figure_calls.append({"school_ids": school_ids, "period": period, "team": team_id})
        list(School.objects.filter(pk__in=school_ids).values_list("pk"))  # its one query
        for school_id in school_ids:
            yield Value(school_id, ON_TIME, Decimal(80), numerator=12, denominator=15)
            yield Value(school_id, OPEN, 7)
            yield Value(school_id, SCORE_KEY, Decimal("3.25"))
            yield Value(school_id, NO_DATA, None)
            for n in range(fakes.extra):
                yield Value(school_id, f"test.extra_{n}", n)

    provide.figure_types = TYPES + [
        FigureType(f"test.extra_{n}", f"Extra {n}", COUNT, group="Extra")
        for n in range(fakes.extra)
    ]
    return provide


def objects_provider(fakes):
    def provide(*, school, period, team_id, user):
        fakes.object_calls.append(
            {"school": school, "period": period, "team": team_id, "user": user}
        )
        return Rows(columns=("Phase", "Days late"), rows=list(fakes.rows))

    return provide


def section_provider(fakes):
    def provide(request, *, period, team_id):
        fakes.section_calls.append({"period": period, "team": team_id})
        return format_html('<section class="fake-section"><h2>{}</h2></section>', "Funnel")

    return provide


def dated_provider(fakes):
    def provide(*, school_ids, start, end, open_only):
        list(School.objects.filter(pk__in=school_ids).values_list("pk"))  # its one query
        return [item for item in fakes.items if start <= item.date <= end]

    return provide


def deadline(school, day, *people, n=1, remind=Remind.DEADLINE, teams=()):
    return DatedItem(
        type="test.deadline",
        id=f"{day}-{n}-{people}",
        school_id=school.pk,
        title=f"Deadline {n}",
        date=day,
        url="/",
        waits_for=tuple(person.pk for person in people),
        remind=remind,
        team_ids=tuple(teams),
    )


def late_row(n):
    return Row(title=f"Cycle {n}", url=f"/cycle/{n}/", cells=("Check", n))


@contextmanager
def fake_hooks(fakes, *, dated=True):
    """Only the fakes: no app's figures, objects, sections (or, with dated, dated items)."""
    with ExitStack() as stack:
        stack.enter_context(hooks.school_figures.override(figures_provider(fakes)))
        stack.enter_context(hooks.figure_objects.override(**{ON_TIME: objects_provider(fakes)}))
        stack.enter_context(hooks.dashboard_sections.override(section_provider(fakes)))
        if dated:
            stack.enter_context(hooks.dated_items.override(dated_provider(fakes)))
        yield fakes
