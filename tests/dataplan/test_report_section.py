"""The dataplan's chapter of the annual quality report."""

import re
from datetime import date

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from dataplan.report import report_section
from kwaliteit import clock, hooks
from kwaliteit.periods import Period
from tests.factories import GroupFactory, SchoolFactory, UserFactory

from .figure_data import NOW, YEAR, indicator, measure, small_plan

pytestmark = pytest.mark.django_db


def chapter(school, period=YEAR, language="nl"):
    with clock.at(NOW), translation.override(language):
        section = report_section(school=school, period=period)
        html = render_to_string(section.template, section.context)
    return section, html


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_registered_as_chapter_30_of_the_report():
    assert report_section in hooks.report_sections.providers()
    section, _html = chapter(SchoolFactory())
    assert (section.key, section.order, section.title) == ("dataplan", 30, "Dataplan")
    assert section.template == "dataplan/report/section.html"


def test_the_indicators_with_their_results_at_the_years_end_in_dutch_numbers():
    school = SchoolFactory()
    small_plan(school, UserFactory())
    section, html = chapter(school)
    assert section.empty_text == ""
    rows = text(html.split("<tbody>", 1)[1].split("</tbody>", 1)[0])
    # the school year runs to 31 July 2026; on 10 February 2026 these are the latest values
    assert "Lezen 82,5 % (15-01-2026) ≥ 75 % 85 %" in rows
    assert "Verzuim 6,5 (15-10-2025) ≤ 4 3" in rows
    assert "Welbevinden — ≥ 75 % 85 %" in rows
    assert "Oud" not in rows  # inactive


def test_a_chart_per_indicator_with_its_monthly_mean_as_a_table():
    school = SchoolFactory()
    plan = small_plan(school, UserFactory())
    # a second group in October: the month's mean of Lezen is (80 + 71) / 2 = 75,5
    measure(plan["reading"], GroupFactory(school=school, name="Groep 6"), date(2025, 10, 15), "71")
    _section, html = chapter(school)
    reading = html.split('id="report-dataplan-1"', 1)[1].split("</section>", 1)[0]
    assert reading.count("<svg") == 1 and "<desc" in reading and "<title" in reading
    assert 'class="norm"' in reading and 'class="target"' in reading
    series = text(reading.split('class="report-series"', 1)[1])
    assert "oktober 2025 75,5 %" in series
    assert "januari 2026 82,5 %" in series


def test_the_decisions_of_the_year_and_the_missed_moments():
    school = SchoolFactory()
    small_plan(school, UserFactory())
    _section, html = chapter(school, language="en")
    shown = text(html)
    assert "03-11-2025 · Verzuim: Verzuimbeleid" in shown
    assert "Vorig jaar" not in shown  # decided in the year before
    # Lezen: October and January done; Verzuim: October done; Welbevinden: September and
    # November missed.
    assert "2 of the 5 collection moments of this year were missed." in shown


def test_markup_in_names_questions_and_decisions_is_shown_as_text():
    school = SchoolFactory()
    owner = UserFactory()
    bad = indicator(school, owner, "<script>alert(1)</script>", question="<b>Waarom?</b>", norm=50)
    measure(bad, GroupFactory(school=school), date(2025, 10, 1), "40")
    bad.decisions.create(decided_on=date(2025, 10, 2), text="<img src=x onerror=alert(1)>")
    _section, html = chapter(school)
    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Waarom?&lt;/b&gt;" in html


def test_a_year_without_measurements_says_so():
    school = SchoolFactory()
    small_plan(school, UserFactory())
    section, html = chapter(school, Period(date(2022, 8, 1), date(2023, 7, 31)))
    assert str(section.empty_text) == "In dit schooljaar zijn geen metingen vastgelegd."
    assert chapter(SchoolFactory())[0].empty_text  # no dataplan at all


def test_the_query_count_does_not_grow_with_the_indicators():
    few, many = SchoolFactory(), SchoolFactory()
    small_plan(few, UserFactory())
    for prefix in ("A ", "B ", "C ", "D "):
        small_plan(many, UserFactory(), prefix=prefix)

    def count(school):
        with CaptureQueriesContext(connection) as queries:
            chapter(school)
        return len(queries)

    assert count(few) == count(many) <= 6


def test_the_chapter_renders_in_a_pdf_with_its_charts():
    import io

    import weasyprint
    from pypdf import PdfReader

    school = SchoolFactory()
    small_plan(school, UserFactory())
    _section, html = chapter(school)
    content = weasyprint.HTML(string=f"<html lang='nl'><body>{html}</body></html>").write_pdf()
    shown = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "82,5 %" in shown and "Verzuimbeleid" in shown
    assert "norm 75 %" in shown  # the chart's norm line label, drawn from the SVG
