"""The cards' figures per school, against data built here and counted by hand."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kwaliteit import clock, figures
from kwaliteit.figures import PERCENT, SCORE
from kwaliteit.periods import Period
from kwaliteitskaarten import services
from kwaliteitskaarten.models import AssessmentAnswer, AssessmentPeriod

from ..builders import adopted_card
from ..factories import SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db

YEAR = Period(date(2025, 8, 1), date(2026, 7, 31))
TODAY = datetime(2026, 6, 1, 12)


def values_of(school_ids, period=YEAR, team_id=None):
    """{(school id, key, month): Value} as the core collects them; no provider may fail."""
    with clock.at(timezone.make_aware(TODAY)):
        found, failed = figures.collect(school_ids=school_ids, period=period, team_id=team_id)
    assert not failed
    return {(v.school_id, v.key, v.month): v for v in found if v.key.startswith("cards.")}


def check(agreement, day, result, user):
    services.agreement_check_record(
        agreement=agreement, result=result, note="", checked_on=day, user=user
    )


def answers(period, card, scores):
    for score in scores:
        AssessmentAnswer.objects.create(
            period=period, card=card, respondent=UserFactory(), score=score
        )


@pytest.fixture
def year(world, vision):
    """A school year of cards, agreements, checks and self-assessments, at 1 June 2026.

    world.card (team Bovenbouw): a concept carrying Nieuwsgierigheid; agreements A and E.
    "Ouders" (no team): adopted 1 May 2025 carrying Samen, review due 1 May 2026; agreement B.
    "Lezen" (Bovenbouw): adopted 1 Sep 2025 carrying Vertrouwen; agreement C.
    "Oud" (no team): adopted March 2025 carrying Nieuwsgierigheid, archived 1 Oct 2025.
    """
    users, school = world.users, world.school
    samen, vertrouwen, nieuw = vision["v2"].core_values.order_by("position")
    leader, coordinator, teacher = users["leader"], users["coordinator"], users["teacher"]
    with clock.at(timezone.make_aware(datetime(2025, 10, 1, 12))):
        old = adopted_card(
            leader=leader, adopted_on=date(2025, 3, 1), school=school, title="Oud",
            user=coordinator, core_values=[nieuw],
        )  # fmt: skip
        services.card_archive(card=old, user=coordinator)
    with clock.at(timezone.make_aware(TODAY)):
        services.card_draft_update(
            version=world.card.versions.get(), why="", core="", autonomy="", how_we_see_it="",
            core_values=[nieuw], indicators=[],
        )  # fmt: skip
        parents = adopted_card(
            leader=leader, adopted_on=date(2025, 5, 1), school=school, title="Ouders",
            user=coordinator, core_values=[samen],
        )  # fmt: skip
        reading = adopted_card(
            leader=leader, adopted_on=date(2025, 9, 1), school=school, title="Lezen",
            user=coordinator, team=world.team, core_values=[vertrouwen],
        )  # fmt: skip

        def agreement(card, first, months=3):
            return services.agreement_add(
                card=card, text=f"Afspraak {card.title} {first}", owner=teacher,
                check_interval_months=months, first_check_on=first,
            )  # fmt: skip

        a = world.agreement
        check(a, date(2025, 9, 1), "kept", teacher)  # the first: its planned day is unknown
        check(a, date(2025, 12, 1), "partly", teacher)  # due 1 Dec: on time
        check(a, date(2026, 3, 20), "not_kept", teacher)  # due 1 Mar: late; next 20 Jun: ahead
        agreement(world.card, date(2026, 2, 1))  # E: never followed up (a first follow-up)
        b = agreement(parents, date(2025, 6, 15), months=2)
        check(b, date(2025, 6, 15), "kept", teacher)  # before the year
        check(b, date(2025, 8, 10), "kept", teacher)  # due 15 Aug: on time; next 10 Oct passed
        c = agreement(reading, date(2026, 1, 10))
        check(c, date(2026, 1, 10), "kept", teacher)  # the first; next 10 Apr passed: late
    # Another school's check never counts here.
    elsewhere = services.card_create(
        school=world.other_school, title="Elders", owner=None, team=None,
        user=world.users["outsider"],
    )  # fmt: skip
    with clock.at(timezone.make_aware(TODAY)):
        d = services.agreement_add(
            card=elsewhere, text="Elders", owner=world.users["outsider"],
            check_interval_months=3, first_check_on=date(2025, 9, 1),
        )  # fmt: skip
        check(d, date(2025, 9, 1), "not_kept", world.users["outsider"])
    spring = AssessmentPeriod.objects.create(
        school=school, name="Voorjaar 2025", opens_on=date(2025, 5, 5), closes_on=date(2025, 5, 19)
    )
    autumn = AssessmentPeriod.objects.create(
        school=school, name="Najaar", opens_on=date(2025, 10, 6), closes_on=date(2025, 10, 20)
    )
    march = AssessmentPeriod.objects.create(
        school=school, name="Maart", opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 16)
    )
    answers(spring, parents, [1, 1, 1])  # before the year
    answers(autumn, parents, [2, 3, 4])
    answers(autumn, reading, [1, 2])  # two answers: no score
    answers(march, parents, [3, 3, 4, 4])
    answers(march, reading, [2, 2, 3])
    return {"parents": parents, "reading": reading, "old": old}


def test_agreement_checks_of_the_year_by_result_and_the_share_kept(world, year):
    found = values_of([world.school.pk, world.other_school.pk])
    pk = world.school.pk
    # A: kept, partly, not kept; B: kept on 10 Aug (15 Jun lies before the year); C: kept.
    assert found[(pk, "cards.checks_kept", None)].value == 3
    assert found[(pk, "cards.checks_partly", None)].value == 1
    assert found[(pk, "cards.checks_not_kept", None)].value == 1
    share = found[(pk, "cards.kept_share", None)]
    assert (share.value, share.numerator, share.denominator) == (Decimal(60), 3, 5)
    assert found[(world.other_school.pk, "cards.checks_not_kept", None)].value == 1


def test_follow_ups_on_time_count_the_moments_due_after_a_first_check(world, year):
    on_time = values_of([world.school.pk])[(world.school.pk, "cards.followups_on_time", None)]
    # Due in the year: A on 1 Dec (recorded that day), A on 1 Mar (recorded 20 Mar: late),
    # B on 15 Aug (recorded 10 Aug), B on 10 Oct (never), C on 10 Apr (never). A's 20 Jun is
    # still ahead; E's first follow-up and every first check are left out.
    assert (on_time.value, on_time.numerator, on_time.denominator) == (Decimal(40), 2, 5)


def test_coverage_counts_the_values_of_the_vision_in_force_carried_by_adopted_cards(world, year):
    coverage = values_of([world.school.pk])[(world.school.pk, "cards.value_coverage", None)]
    # Samen (Ouders) and Vertrouwen (Lezen); Nieuwsgierigheid only by a concept and an archived
    # card. The draft vision's values do not count.
    assert (coverage.value, coverage.numerator, coverage.denominator) == (Decimal(67), 2, 3)


def test_cards_overdue_for_review_and_in_force(world, year):
    found = values_of([world.school.pk])
    # Ouders' review was due 1 May 2026; Lezen's is due 1 Sep 2026.
    assert found[(world.school.pk, "cards.reviews_overdue", None)].value == 1
    # Ouders, Lezen, and Oud until it was archived on 1 Oct 2025; not the concept.
    assert found[(world.school.pk, "cards.in_force", None)].value == 3


def test_self_assessment_is_the_mean_of_the_card_scores_with_a_trend_per_month(world, year):
    found = values_of([world.school.pk])
    pk = world.school.pk
    # Ouders: 2+3+4+3+3+4+4 = 23 over 7; Lezen: 1+2+2+2+3 = 10 over 5. (23/7 + 2) / 2 = 2.64.
    assert found[(pk, "cards.self_assessment", None)].value == Decimal("2.6")
    # October: Ouders 3 (Lezen has two answers); March: (3.5 + 7/3) / 2 = 2.92.
    assert found[(pk, "cards.self_assessment", date(2025, 10, 1))].value == Decimal("3.0")
    assert found[(pk, "cards.self_assessment", date(2026, 3, 1))].value == Decimal("2.9")
    months = [key[2] for key in found if key[1] == "cards.self_assessment" and key[2]]
    assert months == YEAR.months()
    assert found[(pk, "cards.self_assessment", date(2025, 11, 1))].value is None


def test_a_team_counts_the_cards_named_for_it(world, year):
    found = values_of([world.school.pk], team_id=world.team.pk)
    pk = world.school.pk
    # world.card (A) and Lezen (C): kept A 1 Sep and C 10 Jan, partly A, not kept A.
    assert found[(pk, "cards.checks_kept", None)].value == 2
    share = found[(pk, "cards.kept_share", None)]
    assert (share.numerator, share.denominator) == (2, 4)
    on_time = found[(pk, "cards.followups_on_time", None)]
    assert (on_time.numerator, on_time.denominator) == (1, 3)  # A 1 Dec; A 1 Mar, C 10 Apr
    coverage = found[(pk, "cards.value_coverage", None)]
    assert (coverage.numerator, coverage.denominator) == (1, 3)  # Vertrouwen
    assert found[(pk, "cards.reviews_overdue", None)].value == 0
    assert found[(pk, "cards.in_force", None)].value == 1
    # Lezen alone: 10 over 5; in October it had two answers only.
    assert found[(pk, "cards.self_assessment", None)].value == Decimal("2.0")
    assert found[(pk, "cards.self_assessment", date(2025, 10, 1))].value is None


def test_a_school_without_cards_has_no_data_rather_than_zero(world):
    empty = SchoolFactory()
    found = values_of([empty.pk])
    assert found  # every figure is there …
    assert {v.value for v in found.values()} == {None}  # … without data
    assert all(v.numerator is None for v in found.values())


def test_checks_without_a_result_of_one_kind_count_zero_once_there_are_checks(world, year):
    found = values_of([world.school.pk], period=Period(date(2025, 8, 1), date(2025, 8, 31)))
    pk = world.school.pk
    assert found[(pk, "cards.checks_kept", None)].value == 1  # B on 10 Aug
    assert found[(pk, "cards.checks_not_kept", None)].value == 0
    period = Period(date(2024, 1, 1), date(2024, 12, 31))
    assert values_of([pk], period=period)[(pk, "cards.checks_kept", None)].value is None


def test_every_figure_type_is_declared_with_its_unit_and_group():
    types = {key: kind for key, kind in figures.figure_types().items() if key.startswith("cards.")}
    assert types["cards.kept_share"].unit == PERCENT
    assert types["cards.followups_on_time"].unit == PERCENT
    assert types["cards.self_assessment"].unit == SCORE
    assert {str(kind.group) for kind in types.values()} == {"Kwaliteitskaarten"}


def school_with_cards(index):
    """A school with a vision, two adopted cards with agreements and checks, and answers."""
    from ..factories import MembershipFactory, VisionVersionFactory

    school = SchoolFactory()
    leader = MembershipFactory(school=school, role="leader").user
    vision = VisionVersionFactory(school=school, adopted=True, adopted_on=date(2025, 1, 1))
    period = AssessmentPeriod.objects.create(
        school=school, name="Najaar", opens_on=date(2025, 10, 6), closes_on=date(2025, 10, 20)
    )
    with clock.at(timezone.make_aware(TODAY)):
        for number in range(2):
            card = adopted_card(
                leader=leader, adopted_on=date(2025, 1, 1), school=school,
                title=f"Kaart {index}.{number}", user=leader,
                core_values=list(vision.core_values.all()[:1]),
            )  # fmt: skip
            agreement = services.agreement_add(
                card=card, text="Afspraak", owner=leader, check_interval_months=3,
                first_check_on=date(2025, 9, 1),
            )  # fmt: skip
            check(agreement, date(2025, 9, 1), "kept", leader)
            check(agreement, date(2025, 12, 1), "partly", leader)
            answers(period, card, [2, 3, 4])
    return school


def test_one_school_costs_the_same_queries_as_five(world):
    schools = [school_with_cards(index) for index in range(5)]
    provider = figures.hooks.school_figures.providers()
    cards_provider = next(p for p in provider if p.__module__ == "kwaliteitskaarten.figures")

    def queries(ids):
        moment = clock.at(timezone.make_aware(TODAY))
        with moment, CaptureQueriesContext(connection) as context:
            found = list(cards_provider(school_ids=ids, period=YEAR, team_id=None))
        return len(context), found

    one, found_one = queries([schools[0].pk])
    five, found_five = queries([school.pk for school in schools])
    # The board roll-up asks every app at once (twice: the period and the one before): the cards
    # keep to three queries.
    assert one == five == 3
    kept = [v for v in found_five if v.key == "cards.checks_kept"]
    assert [v.value for v in kept] == [2] * 5


def test_a_follow_up_due_two_years_after_the_previous_one_still_counts(world):
    teacher = world.users["teacher"]
    with clock.at(timezone.make_aware(TODAY)):
        rare = services.agreement_add(
            card=world.card, text="Elke twee jaar", owner=teacher, check_interval_months=24,
            first_check_on=date(2023, 9, 1),
        )  # fmt: skip
        check(rare, date(2023, 9, 1), "kept", teacher)
        check(rare, date(2025, 9, 10), "kept", teacher)  # due 1 Sep 2025: late
        old = services.agreement_add(
            card=world.card, text="Oud", owner=teacher, check_interval_months=3,
            first_check_on=date(2023, 1, 1),
        )  # fmt: skip
        check(old, date(2023, 1, 1), "kept", teacher)
        check(old, date(2025, 9, 15), "kept", teacher)  # was due 1 Apr 2023: another year
    on_time = values_of([world.school.pk])[(world.school.pk, "cards.followups_on_time", None)]
    # Rare: 1 Sep 2025 late; its next (10 Sep 2027) and Old's next (15 Dec 2025) — Old's has
    # passed unrecorded: late.
    assert (on_time.numerator, on_time.denominator) == (0, 2)


def test_a_month_end_follow_up_is_due_on_the_last_day_of_a_shorter_month(world):
    teacher = world.users["teacher"]
    with clock.at(timezone.make_aware(TODAY)):
        monthly = services.agreement_add(
            card=world.card, text="Elke maand", owner=teacher, check_interval_months=1,
            first_check_on=date(2026, 1, 31),
        )  # fmt: skip
        check(monthly, date(2026, 1, 31), "kept", teacher)
        check(monthly, date(2026, 3, 2), "kept", teacher)  # due 28 Feb (no 31st): late
        check(monthly, date(2026, 4, 2), "kept", teacher)  # due 2 Apr: on time
        check(monthly, date(2026, 5, 31), "kept", teacher)  # due 2 May: late; next 30 Jun
    on_time = values_of([world.school.pk])[(world.school.pk, "cards.followups_on_time", None)]
    assert (on_time.numerator, on_time.denominator) == (1, 3)
