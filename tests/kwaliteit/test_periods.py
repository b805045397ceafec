"""The period and team of a dashboard, read from the URL by PeriodForm."""

from datetime import date
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.utils import translation

from kwaliteit.forms import PeriodForm
from kwaliteit.periods import CUSTOM, LAST_YEAR, THIS_YEAR, Period

from ..factories import SchoolFactory, TeamFactory

TODAY = date(2026, 12, 1)


def form_for(school, query="", today=TODAY):
    return PeriodForm(QueryDict(query), school=school, today=today)


def errors_of(form):
    with translation.override("en"):
        return [str(error) for errors in form.errors.values() for error in errors]


@pytest.fixture
def school(db):
    return SchoolFactory()


def test_without_a_choice_the_period_is_this_school_year(school):
    form = form_for(school)
    assert form.is_valid()
    assert form.period() == Period(date(2026, 8, 1), date(2027, 7, 31), THIS_YEAR)
    assert form.team_id() is None


def test_last_school_year(school):
    period = form_for(school, "periode=vorig-jaar").period()
    assert (period.start, period.end, period.key) == (
        date(2025, 8, 1),
        date(2026, 7, 31),
        LAST_YEAR,
    )


def test_the_school_year_follows_the_school_s_own_start(db):
    flemish = SchoolFactory(year_start_month=9, year_start_day=1)
    period = form_for(flemish, "periode=dit-jaar").period()
    assert (period.start, period.end) == (date(2026, 9, 1), date(2027, 8, 31))


def test_another_period_from_day_month_year(school):
    form = form_for(school, "periode=eigen&van=01-09-2025&tot=31-12-2025")
    assert form.is_valid(), form.errors
    assert form.period() == Period(date(2025, 9, 1), date(2025, 12, 31), CUSTOM)


@pytest.mark.parametrize(
    "period",
    [
        Period(date(2025, 9, 1), date(2025, 12, 31), CUSTOM),
        Period(date(2024, 2, 29), date(2024, 3, 1), CUSTOM),
        Period(date(2025, 8, 1), date(2026, 7, 31), LAST_YEAR),
        Period(date(2026, 8, 1), date(2027, 7, 31), THIS_YEAR),
    ],
)
def test_a_period_round_trips_through_its_url(school, period):
    again = form_for(school, urlencode(period.params())).period()
    assert again == period


def test_dates_left_over_from_another_period_are_ignored(school):
    form = form_for(school, "periode=vorig-jaar&van=rubbish&tot=01-01-1000")
    assert form.is_valid()
    assert form.period().key == LAST_YEAR


def test_a_period_that_ends_before_it_starts_is_refused(school):
    form = form_for(school, "periode=eigen&van=31-12-2025&tot=01-09-2025")
    assert not form.is_valid()
    assert errors_of(form) == ["The period ends before it starts: swap the dates."]
    assert form.period().key == THIS_YEAR  # the page goes on with the default


def test_a_period_of_more_than_five_years_is_refused(school):
    form = form_for(school, "periode=eigen&van=01-08-2020&tot=01-08-2025")
    assert errors_of(form) == ["A period spans at most 5 years: choose a shorter one."]
    assert form.period() == Period(date(2026, 8, 1), date(2027, 7, 31), THIS_YEAR)


def test_exactly_five_years_is_allowed(school):
    form = form_for(school, "periode=eigen&van=01-08-2020&tot=31-07-2025")
    assert form.is_valid()
    assert form.period().start == date(2020, 8, 1)


def test_five_years_from_the_29th_of_february(school):
    assert form_for(school, "periode=eigen&van=29-02-2024&tot=28-02-2029").is_valid()
    assert not form_for(school, "periode=eigen&van=29-02-2024&tot=01-03-2029").is_valid()


MISSING = "Enter the first and the last day of the period."
UNREADABLE = "Enter the date as day-month-year, e.g. 31-07-2026."
ODD_YEAR = "Choose a date between the years 1900 and 2100."


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("periode=eigen", MISSING),
        ("periode=eigen&van=01-09-2025", MISSING),
        ("periode=eigen&van=31-02-2025&tot=01-03-2025", UNREADABLE),
        ("periode=eigen&van=gisteren&tot=01-03-2025", UNREADABLE),
        ("periode=eigen&van=01-01-0202&tot=01-03-2025", ODD_YEAR),
        ("periode=morgen", "Choose this school year, last school year or another period."),
    ],
)
def test_unreadable_choices_get_a_message_and_the_default_period(school, query, message):
    form = form_for(school, query)
    assert errors_of(form) == [message]
    assert form.period().key == THIS_YEAR


def test_dates_are_read_as_people_type_them(school):
    form = form_for(school, "periode=eigen&van=1/9/2025&tot=2025-12-31")
    assert form.period() == Period(date(2025, 9, 1), date(2025, 12, 31), CUSTOM)


def test_a_team_of_the_school(school):
    team = TeamFactory(school=school)
    form = form_for(school, f"team={team.pk}")
    assert form.is_valid()
    assert form.team_id() == team.pk
    assert form.params() == {"periode": THIS_YEAR, "team": team.pk}


@pytest.mark.parametrize("value", ["other", "abc", "99999999999999999999", "-1", "²"])
def test_a_team_of_another_school_or_no_team_at_all_is_refused(school, value):
    elsewhere = TeamFactory(school=SchoolFactory())
    form = form_for(school, urlencode({"team": elsewhere.pk if value == "other" else value}))
    assert errors_of(form) == ["Choose one of this school's teams, or all teams."]
    assert form.team_id() is None
    assert form.period().key == THIS_YEAR  # the period still counts


def test_the_team_choice_offers_only_the_school_s_teams(school):
    own = TeamFactory(school=school, name="Onderbouw")
    TeamFactory(school=SchoolFactory(), name="Elders")
    choices = [label for _value, label in form_for(school).fields["team"].choices]
    assert choices[1:] == [own.name]
