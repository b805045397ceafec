"""Cards, versions, agreements and self-assessment, tested through their services."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kwaliteitskaarten import services
from kwaliteitskaarten.assessment import team_score
from kwaliteitskaarten.models import AssessmentPeriod, CardVersion, Kwaliteitskaart

from .. import builders


@pytest.fixture
def card(world, vision):
    return builders.card_draft(
        school=world.school,
        title="Klassenmanagement",
        owner=world.users["teacher"],
        team=world.team,
        user=world.users["coordinator"],
        why="Leerlingen leren van feedback.",
        core="Elke les eindigt met een feedbackmoment.",
        autonomy="De vorm kies je zelf.",
        core_values=vision["v2"].core_values.all()[:1],
    )


def test_new_card_is_a_concept_with_a_first_draft(card):
    assert [(v.number, v.status) for v in card.versions.all()] == [(1, "draft")]


def test_adopting_freezes_the_version_and_sets_the_review_moment(card, world):
    version = services.card_adopt(
        version=card.versions.get(), user=world.users["leader"], adopted_on=date(2026, 1, 15)
    )
    card.refresh_from_db()
    assert version.status == "adopted"
    assert card.next_review_on == date(2027, 1, 15)
    with (
        translation.override("nl"),
        pytest.raises(
            ValidationError, match="Deze versie is vastgesteld en kan niet meer worden gewijzigd"
        ),
    ):
        services.card_draft_update(
            version=version,
            why="x",
            core="y",
            autonomy="",
            how_we_see_it="",
            core_values=[],
            indicators=[],
        )


def test_adoption_needs_owner_core_and_a_core_value(world):
    card = services.card_create(
        school=world.school,
        title="Leesonderwijs",
        owner=None,
        team=None,
        user=world.users["coordinator"],
    )
    with (
        translation.override("nl"),
        pytest.raises(ValidationError, match="Wijs de eigenaar van de kaart aan") as error,
    ):
        services.card_adopt(version=card.versions.get(), user=world.users["leader"])
    assert len(error.value.messages) == 3
    assert card.versions.get().status == "draft"


def test_review_starts_a_new_draft_from_the_adopted_version(card, world):
    services.card_adopt(version=card.versions.get(), user=world.users["leader"])
    draft = services.card_review_start(card=card, user=world.users["coordinator"])
    assert draft.number == 2
    assert draft.core == "Elke les eindigt met een feedbackmoment."
    assert list(draft.core_values.all()) == list(card.versions.get(number=1).core_values.all())
    assert services.card_review_start(card=card, user=world.users["coordinator"]) == draft


def test_adopted_version_keeps_the_agreements_as_they_stood(card, world):
    services.agreement_add(
        card=card,
        text="Elke les een exit-ticket",
        owner=world.users["teacher"],
        check_interval_months=3,
        first_check_on=date(2026, 3, 1),
    )
    version = services.card_adopt(version=card.versions.get(), user=world.users["leader"])
    card.agreements.update(text="Gewijzigd")
    version.refresh_from_db()
    assert version.agreements_snapshot[0]["text"] == "Elke les een exit-ticket"


def test_agreement_needs_an_owner_from_the_school_and_a_follow_up(card, world):
    with (
        translation.override("nl"),
        pytest.raises(ValidationError, match="De eigenaar moet lid zijn van deze school"),
    ):
        services.agreement_add(
            card=card,
            text="X",
            owner=world.users["outsider"],
            check_interval_months=3,
            first_check_on=date(2026, 3, 1),
        )
    with (
        translation.override("nl"),
        pytest.raises(ValidationError, match="Kies het eerste opvolgmoment"),
    ):
        services.agreement_add(
            card=card,
            text="X",
            owner=world.users["teacher"],
            check_interval_months=3,
            first_check_on=None,
        )
    assert not card.agreements.exists()


def test_a_check_sets_the_next_follow_up_from_the_interval(card, world):
    agreement = services.agreement_add(
        card=card,
        text="Elke les een exit-ticket",
        owner=world.users["teacher"],
        check_interval_months=3,
        first_check_on=date(2026, 3, 1),
    )
    services.agreement_check_record(
        agreement=agreement,
        result="partly",
        note="Nog niet in groep 3",
        checked_on=date(2026, 3, 4),
        user=world.users["teacher"],
    )
    agreement.refresh_from_db()
    assert agreement.next_check_on == date(2026, 6, 4)
    assert agreement.checks.get().result == "partly"


def test_a_check_in_the_future_is_refused(card, world):
    agreement = services.agreement_add(
        card=card,
        text="A",
        owner=world.users["teacher"],
        check_interval_months=3,
        first_check_on=date(2026, 3, 1),
    )
    with (
        translation.override("nl"),
        pytest.raises(
            ValidationError, match="Een opvolging kan niet in de toekomst worden vastgelegd"
        ),
    ):
        services.agreement_check_record(
            agreement=agreement,
            result="kept",
            note="",
            checked_on=timezone.localdate() + timedelta(days=1),
            user=world.users["teacher"],
        )
    assert not agreement.checks.exists()


def test_reflection_over_the_limit_is_refused(card, world):
    with (
        translation.override("nl"),
        pytest.raises(ValidationError, match="niet meer dan 1000 tekens"),
    ):
        services.reflection_add(
            author=world.users["teacher"], card=card, text="x" * 1001, visibility="private"
        )
    assert not card.reflections.exists()


def test_self_assessment_only_while_open_and_once_per_person(card, world):
    today = timezone.localdate()
    period = AssessmentPeriod.objects.create(
        school=world.school,
        name="Voorjaar",
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=3),
    )
    services.assessment_answer(
        period=period, card=card, respondent=world.users["teacher"], score=3, remark=""
    )
    with (
        translation.override("nl"),
        pytest.raises(
            ValidationError, match="Je hebt voor deze kaart in deze periode al geantwoord"
        ),
    ):
        services.assessment_answer(
            period=period, card=card, respondent=world.users["teacher"], score=4, remark=""
        )
    with (
        translation.override("nl"),
        pytest.raises(ValidationError, match="Deze zelfevaluatie is niet open"),
    ):
        services.assessment_answer(
            period=period,
            card=card,
            respondent=world.users["leader"],
            score=2,
            remark="",
            today=today + timedelta(days=10),
        )
    assert period.answers.count() == 1


def test_team_score_needs_three_answers():
    assert not team_score([4, 2]).is_shown
    score = team_score([4, 2, 3])
    assert (score.answers, str(score.mean), score.lowest, score.highest) == (3, "3.0", 2, 4)
    assert str(score.spread) == "0.8"


def test_duplicate_theme_is_refused(card, world):
    with (
        translation.override("nl"),
        pytest.raises(ValidationError, match="Er is al een kaart met dit thema"),
    ):
        services.card_create(
            school=world.school,
            title="Klassenmanagement",
            owner=None,
            team=None,
            user=world.users["coordinator"],
        )
    assert (
        Kwaliteitskaart.objects.filter(school=world.school, title="Klassenmanagement").count() == 1
    )
    assert CardVersion.objects.filter(card=card).count() == 1


def test_core_values_of_another_school_are_refused(card, world):
    from ..factories import VisionVersionFactory

    foreign = VisionVersionFactory(school=world.other_school, adopted=True, values=["Anders"])
    with (
        translation.override("nl"),
        pytest.raises(ValidationError, match="Kies kernwaarden uit de visie van deze school"),
    ):
        services.card_draft_update(
            version=card.versions.get(),
            why="",
            core="x",
            autonomy="",
            how_we_see_it="",
            core_values=list(foreign.core_values.all()),
            indicators=[],
        )
