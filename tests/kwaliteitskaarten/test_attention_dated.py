"""Dated card items name the team of their card, so a teacher's start page shows their team's."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kwaliteit import dated
from kwaliteitskaarten import services

from ..builders import adopted_card, card_draft
from ..factories import MembershipFactory, SchoolFactory, TeamFactory

pytestmark = pytest.mark.django_db

CARD_TYPES = ("cards.agreement", "cards.review", "cards.review-draft", "cards.adoption")


def card_items(school_ids):
    found, failed = dated.items(
        school_ids=school_ids, start=None, end=date(2030, 1, 1), types=CARD_TYPES
    )
    assert not failed
    return found


@pytest.fixture
def cards(world, vision):
    """world.card (Bovenbouw, a draft that could be adopted) with world.agreement; an adopted
    school-wide card under review with an agreement."""
    value = vision["v2"].core_values.first()
    users = world.users
    services.card_draft_update(
        version=world.card.versions.get(), why="", core="Kern", autonomy="", how_we_see_it="",
        core_values=[value], indicators=[],
    )  # fmt: skip
    whole = adopted_card(
        leader=users["leader"], school=world.school, title="Hele school", user=users["coordinator"],
        core_values=[value],
    )  # fmt: skip
    services.agreement_add(
        card=whole, text="Voor iedereen", owner=users["teacher"], check_interval_months=3,
        first_check_on=date(2026, 9, 1),
    )  # fmt: skip
    services.card_review_start(card=whole, user=users["coordinator"])
    return {"team": world.card, "whole": whole}


def test_items_of_a_team_card_name_the_team_and_school_wide_cards_none(world, cards):
    found = {(item.type, item.id): item.team_ids for item in card_items([world.school.pk])}
    team, whole = cards["team"].pk, cards["whole"].pk
    assert found[("cards.agreement", world.agreement.pk)] == (world.team.pk,)
    assert found[("cards.adoption", team)] == (world.team.pk,)
    assert found[("cards.review", whole)] == ()
    assert found[("cards.review-draft", whole)] == ()
    assert found[("cards.agreement", cards["whole"].agreements.get().pk)] == ()


def test_still_one_query_per_provider_however_many_schools(world, cards):
    def count(ids):
        with CaptureQueriesContext(connection) as context:
            card_items(ids)
        return len(context)

    one = count([world.school.pk])
    schools = []
    for number in range(4):
        school = SchoolFactory()
        team = TeamFactory(school=school)
        owner = MembershipFactory(school=school, role="leader").user
        card_draft(school=school, title=f"Kaart {number}", user=owner, team=team, core="Kern")
        schools.append(school.pk)
    assert count([world.school.pk, *schools]) == one
