"""The weekly reflection prompt on a teacher's start page."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from kwaliteit import clock, hooks
from kwaliteit.attention import Kind
from kwaliteit.selectors import school_access
from kwaliteitskaarten import attention, services
from kwaliteitskaarten.models import Reflection

from ..builders import adopted_card

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 10)
SECRET = "Ik vind dit eigenlijk lastig"


def items(world, persona="teacher", today=TODAY):
    user = world.users[persona]
    access = school_access(user=user, slug=world.school.slug)
    with translation.override("en"):
        return list(
            attention.reflection_prompt(school=world.school, user=user, access=access, today=today)
        )


def reflect(world, day, author="teacher"):
    """A private reflection on the adopted card, that evening."""
    card = world.card.school.cards.get(title="Lezen")
    with clock.at(timezone.make_aware(datetime(day.year, day.month, day.day, 20))):
        services.reflection_add(
            author=world.users[author], card=card, text=SECRET,
            visibility=Reflection.Visibility.PRIVATE,
        )  # fmt: skip


@pytest.fixture
def adopted(world, vision):
    """An adopted card of the teacher's team: something to reflect on."""
    return adopted_card(
        leader=world.users["leader"], adopted_on=date(2026, 1, 5), school=world.school,
        title="Lezen", user=world.users["coordinator"], team=world.team,
        core_values=list(vision["v2"].core_values.all()[:1]),
    )  # fmt: skip


def test_the_prompt_is_offered_to_the_start_pages():
    assert attention.reflection_prompt in hooks.attention_items.providers()


def test_a_teacher_who_never_reflected_is_invited(world, adopted):
    [item] = items(world)
    assert item.kind == Kind.COMING
    assert item.title == "Take a minute to reflect on one of your cards"
    assert item.url == f"/s/{world.school.slug}/kaarten/mijn/#reflect"
    assert item.detail == "You have not written a reflection yet."
    assert item.waits_for == (world.users["teacher"].pk,)
    assert item.school_id == world.school.pk


def test_a_reflection_in_the_last_seven_days_is_enough(world, adopted):
    reflect(world, TODAY - timedelta(days=6))
    assert items(world) == []
    assert items(world, today=TODAY + timedelta(days=1))  # a week later: the next one


def test_a_week_after_the_last_reflection_the_prompt_says_when_it_was(world, adopted):
    reflect(world, TODAY - timedelta(days=7))
    [item] = items(world)
    assert item.detail == "Your last reflection: 3 Jun 2026"
    assert SECRET not in repr(item)


def test_only_their_own_reflections_count(world, adopted):
    reflect(world, TODAY - timedelta(days=1), author="coordinator")
    assert len(items(world)) == 1


def test_only_teachers_with_an_adopted_card_get_it(world, adopted):
    for persona in ("coordinator", "leader", "viewer", "board_member"):
        assert items(world, persona) == []


def test_nothing_to_reflect_on_without_an_adopted_card(world):
    assert items(world) == []  # world.card is still a concept


def test_the_prompt_costs_one_query(world, adopted):
    reflect(world, TODAY - timedelta(days=30))
    user = world.users["teacher"]
    access = school_access(user=user, slug=world.school.slug)
    with CaptureQueriesContext(connection) as context:
        attention.reflection_prompt(school=world.school, user=user, access=access, today=TODAY)
    assert len(context) == 1
