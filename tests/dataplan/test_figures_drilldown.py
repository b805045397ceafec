"""The objects behind each dataplan figure, as the drill-down page lists and exports them."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from dataplan.figures import TYPES
from kwaliteit import clock, hooks
from tests.factories import SchoolFactory, UserFactory

from .figure_data import NOW, YEAR, small_plan

pytestmark = pytest.mark.django_db


def rows_of(key, school, period=YEAR, language="nl"):
    provider = hooks.figure_objects.get(key)
    with clock.at(NOW), translation.override(language):
        return provider(school=school, period=period, team_id=None, user=None)


@pytest.fixture
def plan():
    school = SchoolFactory(slug="de-linde")
    owner = UserFactory(full_name="Ans de Vries")
    return school, owner, small_plan(school, owner)


def test_every_figure_has_its_objects():
    assert {t.key for t in TYPES} <= set(hooks.figure_objects.keys())


def test_the_indicators_on_course_with_value_norm_and_target_in_dutch_numbers(plan):
    school, _owner, indicators = plan
    found = rows_of("dataplan.on_course", school)
    assert found.columns == ("Laatste waarde", "Norm", "Streefwaarde", "Status")
    [row] = found.rows
    assert row.title == "Lezen"
    assert row.url == f"/s/de-linde/dataplan/indicatoren/{indicators['reading'].pk}/"
    assert row.cells == ("82,5 %", "≥ 75 %", "85 %", "op koers")
    assert row.date == date(2026, 1, 15)


def test_the_indicators_asking_for_action_and_without_data(plan):
    school, _owner, indicators = plan
    [action] = rows_of("dataplan.action", school).rows
    assert (action.title, action.cells) == ("Verzuim", ("6,5", "≤ 4", "3", "vraagt actie"))
    [empty] = rows_of("dataplan.no_data", school, language="en").rows
    assert empty.title == "Welbevinden"
    assert empty.cells == ("—", "≥ 75 %", "85 %", "no data in the last year")
    # behind the share: the indicators with data, on course or not
    share = rows_of("dataplan.on_course_share", school).rows
    assert [row.title for row in share] == ["Lezen", "Verzuim"]


def test_the_missed_moments_with_their_month_and_owner(plan):
    school, _owner, indicators = plan
    found = rows_of("dataplan.missed_moments", school, language="en")
    assert found.columns == ("Collection moment", "Owner")
    assert [(row.title, row.cells) for row in found.rows] == [
        ("Welbevinden", ("September 2025", "Ans de Vries")),
        ("Welbevinden", ("November 2025", "Ans de Vries")),
    ]
    assert [row.date for row in found.rows] == [date(2025, 9, 30), date(2025, 11, 30)]


def test_the_decisions_of_the_period(plan):
    school, _owner, indicators = plan
    [row] = rows_of("dataplan.decisions", school).rows
    assert (row.title, row.cells, row.date) == ("Verzuimbeleid", ("Verzuim",), date(2025, 11, 3))


def test_another_schools_indicators_never_show():
    school, other = SchoolFactory(), SchoolFactory()
    small_plan(other, UserFactory(), prefix="Elders ")
    for kind in TYPES:
        assert rows_of(kind.key, school).rows == []


@pytest.mark.parametrize("key", [kind.key for kind in TYPES])
def test_the_query_count_does_not_grow_with_the_indicators(key):
    small, large = SchoolFactory(), SchoolFactory()
    small_plan(small, UserFactory())
    for prefix in ("A ", "B ", "C "):
        small_plan(large, UserFactory(), prefix=prefix)

    def count(school):
        with CaptureQueriesContext(connection) as queries:
            rows_of(key, school)
        return len(queries)

    assert count(small) == count(large) <= 3
