"""The cycles' dated items name their cycle's team, so a teacher's start page can show their
team's phases and actions; still one query per provider."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kwaliteit import dated
from pdca.dated import action_items, phase_items

from ..factories import ActionFactory, CycleFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def items(provider, school_ids):
    end = timezone.localdate() + timedelta(days=365)
    return list(provider(school_ids=school_ids, start=None, end=end, open_only=False))


def test_phases_and_actions_belong_to_their_cycles_team(world):
    with_team = CycleFactory(school=world.school, team=world.team, owner=world.users["teacher"])
    without = CycleFactory(school=world.school, owner=world.users["teacher"])
    ActionFactory(cycle=with_team)
    ActionFactory(cycle=without)
    phases = items(phase_items, [world.school.pk])
    assert {item.team_ids for item in phases if item.title == with_team.title} == {(world.team.pk,)}
    assert {item.team_ids for item in phases if item.title == without.title} == {()}
    actions = {item.team_ids for item in items(action_items, [world.school.pk])}
    assert actions == {(world.team.pk,), ()}
    # the contract's own reader passes them on
    found, failed = dated.items(school_ids=[world.school.pk], start=None,
                                end=timezone.localdate() + timedelta(days=365))  # fmt: skip
    assert not failed
    assert any(item.type == "pdca.check" and item.team_ids == (world.team.pk,) for item in found)


def test_one_query_per_provider_for_one_school_or_five(world):
    schools = [SchoolFactory() for _ in range(5)]
    for school in schools:
        for _ in range(3):
            ActionFactory(cycle=CycleFactory(school=school))
    for provider in (phase_items, action_items):
        with CaptureQueriesContext(connection) as one:
            items(provider, [schools[0].pk])
        with CaptureQueriesContext(connection) as five:
            items(provider, [school.pk for school in schools])
        assert len(one.captured_queries) == len(five.captured_queries) == 1
