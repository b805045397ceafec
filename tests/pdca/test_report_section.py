"""The cycles' chapter of the annual quality report: the year's cycles with results, decisions
and what was anchored, the on-time figures and a chart; escaped; a year without cycles says so."""

from datetime import date

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kwaliteit import clock, hooks
from kwaliteit.periods import Period
from pdca import services
from pdca.models import Cycle
from pdca.report import report_section

from .figure_data import TODAY, YEAR, build_year, moment
from .helpers import make_cycle, to_act

pytestmark = pytest.mark.django_db


def chapter(world, period=YEAR):
    with clock.at(moment(TODAY, 15)), translation.override("en"):
        section = report_section(school=world.school, period=period)
        return section, render_to_string(section.template, section.context)


@pytest.fixture
def anchored(world):
    """A cycle decided on 2-3-2026 with "anchor": a new agreement on the card."""
    coordinator = world.users["coordinator"]
    with clock.at(moment(date(2026, 1, 10))):
        cycle = make_cycle(world, title="Rekenen <script>alert(1)</script>")
    with clock.at(moment(date(2026, 3, 2))):
        cycle = to_act(cycle, coordinator)
        services.act_decide(
            cycle=cycle,
            user=coordinator,
            decision="anchor",
            note="Het werkt: <b>vasthouden</b>.",
            anchor={
                "how": "new_agreement",
                "card": world.card,
                "text": "Elke dag tien minuten tafels",
                "owner": world.users["teacher"],
                "check_interval_months": 3,
                "first_check_on": date(2026, 6, 1),
            },
        )
    return Cycle.objects.get(pk=cycle.pk)


def test_the_chapter_is_offered_to_the_report():
    assert report_section in hooks.report_sections.providers()


def test_a_year_of_cycles_lists_the_closed_ones_with_decision_and_the_running_ones(world):
    build_year(world)
    section, html = chapter(world)
    assert (section.key, section.order, section.template) == (
        "pdca",
        40,
        "pdca/report/section.html",
    )
    assert section.empty_text == ""
    closed = html[html.index("Cycles closed this school year") : html.index("still running")]
    running = html[html.index("still running") :]
    # B (anchor, 12-12-2025) and F (stop, 20-2-2026) closed this year, in that order; A, C, D
    # and G still run; E closed last year.
    assert closed.index("<h4>B</h4>") < closed.index("<h4>F</h4>")
    assert "anchor (borgen) (12-12-2025)" in closed and "stop (stoppen) (20-02-2026)" in closed
    assert "12-12-2025" in closed and "20-02-2026" in closed
    assert [f'<th scope="row">{t}</th>' in running for t in "ACDG"] == [True] * 4
    assert "<h4>E</h4>" not in html
    assert "75%" in html and "(3 of 4)" in html  # Checks on time
    assert '<svg role="img"' in html and "Cycles per phase" in html


def test_what_was_anchored_is_in_the_chapter_escaped(world, anchored):
    section, html = chapter(world)
    assert "Elke dag tien minuten tafels" in html  # the new agreement on the card
    assert "Feedback in de klas" in html
    assert "Rekenen &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;vasthouden&lt;/b&gt;" in html
    assert "<script>" not in html and "<b>vasthouden" not in html
    assert "1 met" in html  # its one criterion, evaluated "met"


def test_the_chapter_has_no_forms_and_no_htmx(world, anchored):
    _section, html = chapter(world)
    assert "<form" not in html and "hx-" not in html


def test_a_year_without_cycles_says_so(world, anchored):
    section, html = chapter(world, period=Period(date(2020, 8, 1), date(2021, 7, 31)))
    assert section.empty_text == "No improvement cycle ran in this school year."
    assert "no data" in html  # on time: no data, not 0%


def test_the_chapter_costs_the_same_queries_for_few_and_many_cycles(world, anchored):
    with CaptureQueriesContext(connection) as few:
        chapter(world)
    build_year(world)
    build_year(world, prefix="Meer ")
    with CaptureQueriesContext(connection) as many:
        chapter(world)
    assert len(few.captured_queries) == len(many.captured_queries) == 7
