"""The core's chapter: the vision in force during the school year and how it changed."""

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from kwaliteit.periods import Period
from kwaliteit.report_vision import vision_section

from ..helpers.reports import adopt_vision

pytestmark = pytest.mark.django_db

YEAR_2025 = Period(date(2025, 8, 1), date(2026, 7, 31))


@pytest.fixture
def visions(world):
    """v1 before the year; during it v2 renames Vertrouwen and adds Nieuwsgierigheid, v3
    removes Samen; v4 comes after the year."""
    return [
        adopt_vision(world, date(2024, 9, 10), ["Samen", "Vertrouwen"]),
        adopt_vision(
            world, date(2025, 10, 1), ["Samen", ("Vertrouwen", "Veiligheid"), "Nieuwsgierigheid"]
        ),
        adopt_vision(world, date(2026, 2, 1), ["Veiligheid", "Nieuwsgierigheid"]),
        adopt_vision(world, date(2026, 9, 1), ["Veiligheid"]),
    ]


def test_the_chapter_names_the_vision_at_the_start_and_each_change_in_the_year(world, visions):
    with translation.override("en"):
        section = vision_section(school=world.school, period=YEAR_2025)
        html = render_to_string(section.template, section.context)
    assert section.key == "vision" and section.order == 10 and not section.empty_text
    assert "(version 1, adopted on 10 Sep 2024)" in html
    assert "Version 2, “Samen leren”, was adopted on 1 Oct 2025." in html
    assert "Core values added: Nieuwsgierigheid" in html
    assert "Core values renamed: Vertrouwen → Veiligheid" in html
    assert "Core values removed: Samen" in html
    assert "Version 4" not in html, "adopted after the year"
    assert html.count("was adopted on") == 2


def test_a_year_without_changes_says_so(world, visions):
    with translation.override("en"):
        section = vision_section(
            school=world.school, period=Period(date(2023, 8, 1), date(2024, 7, 31))
        )
    assert section.empty_text == "No vision had been adopted by the end of this school year."
    later = Period(date(2026, 8, 1), date(2027, 7, 31))
    with translation.override("en"):
        section = vision_section(school=world.school, period=later)
        html = render_to_string(section.template, section.context)
    assert "Core values added" not in html
    assert "Version 4" in html and "Core values removed: Nieuwsgierigheid" in html


def test_the_vision_chapter_costs_two_queries_however_many_versions(
    world, visions, django_assert_num_queries
):
    with django_assert_num_queries(2):
        vision_section(school=world.school, period=YEAR_2025)
