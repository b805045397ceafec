"""The cards' part of the leader's dashboard: what a leader reads there, escaped, in few queries."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch
from django.utils import timezone, translation

from kwaliteit import clock, hooks
from kwaliteit.periods import Period
from kwaliteit.selectors import school_access
from kwaliteitskaarten import dashboard, services
from kwaliteitskaarten.models import AssessmentAnswer, AssessmentPeriod, Reflection

from ..builders import adopted_card
from ..factories import MembershipFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db

YEAR = Period(date(2025, 8, 1), date(2026, 7, 31))
NOW = timezone.make_aware(datetime(2026, 6, 1, 12))
SECRET = "Ik twijfel of dit bij mij past"
TITLE = "Lezen <script>alert(1)</script>"


def html(world, persona="leader", *, school=None, language="en", team_id=None):
    school = school or world.school
    request = RequestFactory().get("/")
    request.user = world.users[persona]
    request.school = school
    request.access = school_access(user=request.user, slug=school.slug)
    with clock.at(NOW), translation.override(language):
        return dashboard.section(request, period=YEAR, team_id=team_id)


def add_answers(round_, card, scores):
    for score in scores:
        AssessmentAnswer.objects.create(
            period=round_, card=card, respondent=UserFactory(), score=score
        )


@pytest.fixture
def cards(world, vision):
    """Lezen (adopted May 2025: review overdue since 1 May 2026) carrying Samen, an agreement
    kept twice and not kept once; two self-assessments; a private reflection."""
    samen = vision["v2"].core_values.get(name="Samen")
    users, teacher = world.users, world.users["teacher"]
    with clock.at(NOW):
        reading = adopted_card(
            leader=users["leader"], adopted_on=date(2025, 5, 1), school=world.school,
            title=TITLE, user=users["coordinator"], team=world.team, core_values=[samen],
        )  # fmt: skip
        agreement = services.agreement_add(
            card=reading, text="Dagelijks <b>lezen</b>", owner=teacher, check_interval_months=3,
            first_check_on=date(2025, 9, 1),
        )  # fmt: skip
        for day, result in ((date(2025, 9, 1), "kept"), (date(2025, 12, 1), "kept"),
                            (date(2026, 3, 20), "not_kept")):  # fmt: skip
            services.agreement_check_record(
                agreement=agreement, result=result, note="", checked_on=day, user=teacher
            )
        services.reflection_add(
            author=teacher, card=reading, text=SECRET, visibility=Reflection.Visibility.PRIVATE
        )
    autumn = AssessmentPeriod.objects.create(
        school=world.school, name="Najaar", opens_on=date(2025, 10, 6), closes_on=date(2025, 10, 20)
    )
    march = AssessmentPeriod.objects.create(
        school=world.school, name="Maart", opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 16)
    )
    add_answers(autumn, reading, [3, 3, 4])
    add_answers(march, reading, [2, 3, 3, 4])
    return {"reading": reading, "agreement": agreement}


def test_the_section_is_offered_to_the_dashboard():
    assert dashboard.section in hooks.dashboard_sections.providers()


def test_a_leader_reads_agreements_coverage_reviews_and_self_assessment(world, cards):
    page = html(world)
    assert '<h2 id="dashboard-cards">Quality cards</h2>' in page
    # Two of the three checks were kept; the follow-up due 1 Dec was on time, 1 Mar was late.
    assert "67%" in page and "2 of 3 checks" in page
    assert "50%" in page and "1 of 2 due" in page
    assert "<title id=" in page and "Agreement checks by result</title>" in page
    # Samen is carried; Vertrouwen and Nieuwsgierigheid are not.
    assert "1 of 3 values" in page
    assert "<li>Vertrouwen</li>" in page and "<li>Nieuwsgierigheid</li>" in page
    assert "review was due on 1 May 2026, 31 days overdue" in page
    # 10/3 in October, 12/4 in March; over the year 22/7.
    assert "Mean score of the cards: 3.1 out of 4." in page
    assert "Self-assessment score per month</title>" in page


def test_numbers_read_the_dutch_way(world, cards):
    page = html(world, language="nl")
    assert "3,1" in page and "3,3" in page  # the year's mean; October's


def test_a_month_without_self_assessment_is_a_gap_not_zero(world, cards):
    page = html(world)
    trend = page[page.index("Self-assessment score per month</caption>") :]
    assert "November 2025</th><td>—" in trend
    assert "October 2025</th><td>3.3</td>" in trend
    assert "June 2026" in trend and "July 2026" not in trend  # up to today, not beyond


def test_user_text_is_escaped_and_a_private_reflection_never_shown(world, cards):
    for persona in ("coordinator", "leader", "viewer", "board_member"):
        page = html(world, persona)
        assert "<script>" not in page and "&lt;script&gt;" in page
        assert SECRET not in page


def test_a_team_shows_its_own_cards(world, cards, vision):
    other_team = world.school.teams.create(name="Onderbouw")
    page = html(world, team_id=other_team.pk)
    assert "No quality cards yet" in page
    assert "67%" in html(world, team_id=world.team.pk)


def test_a_school_without_cards_says_where_to_start(world):
    school = SchoolFactory(slug="nieuw")
    for persona in ("coordinator", "viewer"):
        MembershipFactory(school=school, user=world.users[persona], role=persona)
    page = html(world, "coordinator", school=school)
    assert "No quality cards yet. Start with one theme that matters in every classroom." in page
    assert "/s/nieuw/kaarten/nieuw/" in page
    assert "/kaarten/nieuw/" not in html(world, "viewer", school=school)


def test_the_section_costs_the_same_queries_however_many_cards(world, cards, vision):
    def count():
        with CaptureQueriesContext(connection) as context:
            html(world)
        return len(context)

    before = count()
    values = list(vision["v2"].core_values.all())
    teacher = world.users["teacher"]
    autumn = AssessmentPeriod.objects.get(name="Najaar")
    with clock.at(NOW):
        for number in range(4):
            card = adopted_card(
                leader=world.users["leader"], adopted_on=date(2025, 1, 1), school=world.school,
                title=f"Kaart {number}", user=world.users["coordinator"], core_values=values,
            )  # fmt: skip
            agreement = services.agreement_add(
                card=card, text="Afspraak", owner=teacher, check_interval_months=3,
                first_check_on=date(2025, 9, 1),
            )  # fmt: skip
            services.agreement_check_record(
                agreement=agreement, result="partly", note="", checked_on=date(2025, 9, 1),
                user=teacher,
            )  # fmt: skip
            add_answers(autumn, card, [1, 2, 3])
    assert count() == before


def test_figures_link_to_their_objects_once_the_page_exists(world, monkeypatch):
    school = SchoolFactory(slug="de-linde")
    period = Period(date(2025, 9, 1), date(2025, 12, 31))

    def missing(*args, **kwargs):
        raise NoReverseMatch("no figure page yet")

    monkeypatch.setattr(dashboard, "reverse", missing)
    assert dashboard.figure_url(school, "cards.kept_share", period) == ""

    def figure_page(name, args):
        assert name == "kwaliteit:figure"
        return f"/s/{args[0]}/dashboard/cijfers/{args[1]}/"

    monkeypatch.setattr(dashboard, "reverse", figure_page)
    assert dashboard.figure_url(school, "cards.kept_share", period, team_id=7) == (
        "/s/de-linde/dashboard/cijfers/cards.kept_share/"
        "?periode=eigen&van=01-09-2025&tot=31-12-2025&team=7"
    )
