"""A new cycle's default due dates follow the school's own year."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from kwaliteit import services as core_services
from pdca import services
from pdca.models import Phase

Kind = Phase.Kind
DUTCH_DAYS = (date(2027, 3, 31), date(2027, 5, 31), date(2027, 6, 30))


def phase_days(dates):
    return (dates[Kind.DO], dates[Kind.CHECK], dates[Kind.ACT])


def test_dutch_and_flemish_years_get_the_same_days_before_summer():
    assert phase_days(services.default_due_dates(date(2026, 9, 1))) == DUTCH_DAYS
    flemish = services.default_due_dates(date(2026, 9, 1), start=(9, 1))
    assert phase_days(flemish) == DUTCH_DAYS


def test_the_move_to_next_year_follows_the_schools_year():
    # 20 August: a new Dutch year whose Do lies far enough ahead; in Flanders the year of
    # the summer, whose dates passed, so the next Flemish year: the same days.
    assert phase_days(services.default_due_dates(date(2026, 8, 20))) == DUTCH_DAYS
    assert phase_days(services.default_due_dates(date(2026, 8, 20), start=(9, 1))) == DUTCH_DAYS


def test_a_programme_that_starts_in_may_gets_the_phases_within_its_own_year():
    dates = services.default_due_dates(date(2026, 5, 4), start=(5, 1))
    # The end of the year's 8th, 10th and 11th month, as 31 March, 31 May and 30 June are
    # for a year that starts on 1 August; all before the year ends on 30 April 2027.
    assert phase_days(dates) == (date(2026, 12, 31), date(2027, 2, 28), date(2027, 3, 31))
    assert dates[Kind.PLAN] < dates[Kind.DO]


def test_the_new_cycle_form_proposes_the_schools_dates(world):
    core_services.school_year_start_set(school=world.school, month=5, day=1)
    url = reverse("pdca:new", args=[world.school.slug])
    form = world.client_for("coordinator").get(url).context["form"]
    expected = services.default_due_dates(timezone.localdate(), start=(5, 1))
    assert {kind: form.initial[f"due_{kind}"] for kind in Phase.Kind.values} == expected
    assert expected != services.default_due_dates(timezone.localdate())


def test_a_cycle_created_without_dates_gets_the_schools_defaults(world):
    core_services.school_year_start_set(school=world.school, month=5, day=1)
    cycle = services.cycle_create(
        school=world.school,
        user=world.users["coordinator"],
        title="Rekenen",
        owner=world.users["teacher"],
        goal_what="Beter rekenen",
        goal_measure="Cito",
        goal_date=date(2027, 6, 1),
    )
    expected = services.default_due_dates(timezone.localdate(), start=(5, 1))
    assert {phase.kind: phase.due_on for phase in cycle.phases.all()} == expected
