"""The cards' chapter of the annual quality report: what a school publishes about its year."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kwaliteit import clock, hooks
from kwaliteit.periods import Period
from kwaliteitskaarten import report, services
from kwaliteitskaarten.models import AssessmentAnswer, AssessmentPeriod, Reflection

from ..builders import adopted_card
from ..factories import UserFactory

pytestmark = pytest.mark.django_db

YEAR = Period(date(2025, 8, 1), date(2026, 7, 31))
NOW = timezone.make_aware(datetime(2026, 7, 15, 12))
SECRET = "Eigenlijk lukt het me niet"


def chapter(world, period=YEAR, language="en"):
    with clock.at(NOW), translation.override(language):
        section = report.section(school=world.school, period=period)
        return section, render_to_string(section.template, section.context)


@pytest.fixture
def year(world, vision):
    """Two adopted cards, one archived in the year; agreements followed up; two rounds."""
    samen = vision["v2"].core_values.get(name="Samen")
    users, teacher = world.users, world.users["teacher"]
    with clock.at(timezone.make_aware(datetime(2025, 11, 1, 12))):
        old = adopted_card(
            leader=users["leader"], adopted_on=date(2024, 9, 1), school=world.school,
            title="Oude kaart", user=users["coordinator"], core_values=[samen],
        )  # fmt: skip
        services.card_archive(card=old, user=users["coordinator"])
    with clock.at(NOW):
        reading = adopted_card(
            leader=users["leader"], adopted_on=date(2025, 6, 1), school=world.school,
            title="Lezen <script>alert(1)</script>", user=users["coordinator"],
            core_values=[samen],
        )  # fmt: skip
        agreement = services.agreement_add(
            card=reading, text="Dagelijks <b>lezen</b>", owner=teacher, check_interval_months=3,
            first_check_on=date(2025, 6, 1),
        )  # fmt: skip
        checks = [
            (date(2025, 6, 1), "kept"),
            (date(2025, 9, 1), "kept"),
            (date(2025, 12, 1), "partly"),
            (date(2026, 3, 10), "not_kept"),
        ]
        for day, result in checks:
            services.agreement_check_record(
                agreement=agreement, result=result, note="", checked_on=day, user=teacher
            )
        services.reflection_add(
            author=teacher, card=reading, text=SECRET, visibility=Reflection.Visibility.PRIVATE
        )
    rounds = [
        AssessmentPeriod.objects.create(
            school=world.school, name=name, opens_on=opens, closes_on=opens.replace(day=20)
        )
        for name, opens in (("Najaar", date(2025, 10, 6)), ("Voorjaar", date(2026, 4, 6)))
    ]
    for round_, card, scores in (
        (rounds[0], reading, [3, 3, 4]),
        (rounds[1], reading, [2, 3]),
        (rounds[1], old, [1, 1, 1]),
    ):
        for score in scores:
            AssessmentAnswer.objects.create(
                period=round_, card=card, respondent=UserFactory(), score=score
            )
    return {"reading": reading, "old": old, "agreement": agreement}


def test_the_chapter_is_offered_to_the_report(world):
    assert report.section in hooks.report_sections.providers()
    section, _html = chapter(world)
    assert (section.key, section.order, section.template) == (
        "cards",
        20,
        "kwaliteitskaarten/report/section.html",
    )
    assert section.title == "Quality cards and agreements"


def test_the_cards_in_force_and_how_the_agreements_were_kept(world, year):
    section, html = chapter(world)
    assert section.empty_text == ""
    # In force in the year: Lezen, and the old card until it was archived on 1 Nov 2025.
    assert [card["title"] for card in section.context["cards"]] == [
        "Lezen <script>alert(1)</script>",
        "Oude kaart",
    ]
    assert "archived on 1 Nov 2025" in html
    # 1 Sep and 1 Dec kept/partly, 10 Mar not kept; the check of 1 Jun lies before the year.
    assert "Follow-ups recorded: 3; kept: 1 (33%)." in html
    # Due 1 Sep and 1 Dec: on time; due 1 Mar, recorded 10 Mar: late. 10 Jun passed: late.
    assert "Follow-ups recorded on time: 2 of 4 due (50%)." in html
    row = html[html.index("Dagelijks &lt;b&gt;lezen&lt;/b&gt;") :]
    assert row.index('<td data-label="kept">1</td>') < row.index("</tr>")
    assert "Agreement checks by result</title>" in html


def test_the_self_assessment_per_card_and_round_never_an_answer(world, year):
    _section, html = chapter(world)
    table = html[html.index("Team score per card and self-assessment") :]
    assert "Najaar" in table and "Voorjaar" in table
    assert '3.3 <span class="muted">(3 answers)</span>' in table  # Lezen in autumn: 10/3
    assert "fewer than 3 answers" in table  # Lezen in spring: two answers
    assert "<td>—</td>" in table  # the old card was not assessed in autumn


def test_the_same_markup_serves_page_and_pdf_and_escapes_user_text(world, year):
    _section, html = chapter(world)
    assert "<script>" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>" not in html
    for page_only in ("<a ", "<form", "hx-", "<button"):
        assert page_only not in html
    assert SECRET not in html


def test_a_year_without_cards_says_so_per_part(world):
    section, html = chapter(world, period=Period(date(2023, 8, 1), date(2024, 7, 31)))
    assert section.empty_text.startswith("No quality card was in force")
    assert "No quality card was in force in this school year." in html
    assert "No agreement was followed up in this school year." in html
    assert "No self-assessment was held in this school year." in html


def test_dutch_numbers_and_dates(world, year):
    _section, html = chapter(world, language="nl")
    assert "3,3" in html and "1 jun. 2025" in html


def test_the_chapter_costs_the_same_queries_however_many_cards(world, year, vision):
    def count():
        with CaptureQueriesContext(connection) as context:
            chapter(world)
        return len(context)

    before = count()
    samen = vision["v2"].core_values.get(name="Samen")
    teacher = world.users["teacher"]
    with clock.at(NOW):
        for number in range(3):
            card = adopted_card(
                leader=world.users["leader"], adopted_on=date(2025, 9, 1), school=world.school,
                title=f"Kaart {number}", user=world.users["coordinator"], core_values=[samen],
            )  # fmt: skip
            agreement = services.agreement_add(
                card=card, text="Afspraak", owner=teacher, check_interval_months=3,
                first_check_on=date(2025, 10, 1),
            )  # fmt: skip
            services.agreement_check_record(
                agreement=agreement, result="kept", note="", checked_on=date(2025, 10, 1),
                user=teacher,
            )  # fmt: skip
    assert count() == before
