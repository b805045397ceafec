"""The school year belongs to the school: its start, how days group into years, and the
coordinator's settings page."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from kwaliteit import services
from kwaliteit.models import School
from kwaliteit.schoolyear import SchoolYear, school_year_of

from .factories import SchoolFactory

FLEMISH = {"year_start_month": 9, "year_start_day": 1}


def test_a_day_before_the_flemish_start_belongs_to_the_previous_year(db):
    dutch = SchoolFactory()
    flemish = SchoolFactory(**FLEMISH)
    assert str(dutch.school_year(date(2026, 8, 20))) == "2026-2027"
    assert str(flemish.school_year(date(2026, 8, 20))) == "2025-2026"
    assert flemish.school_year(date(2026, 9, 1)).first_day == date(2026, 9, 1)
    assert flemish.school_year(date(2026, 9, 1)).last_day == date(2027, 8, 31)
    assert school_year_of(None, date(2026, 8, 1)) == SchoolYear(2026)


def test_a_school_year_that_starts_mid_month():
    year = SchoolYear.of(date(2026, 3, 14), start=(3, 15))
    assert str(year) == "2025-2026"
    assert (year.first_day, year.last_day) == (date(2025, 3, 15), date(2026, 3, 14))
    assert date(2026, 3, 15) not in year
    assert year.months()[:2] == [3, 4]
    assert year.month_date(2) == date(2026, 2, 1)
    assert SchoolYear.parse("2025-2026", start=(3, 15)).first_day == date(2025, 3, 15)


def test_existing_schools_start_on_1_august(db):
    school = SchoolFactory()
    school.refresh_from_db()
    assert school.year_start == (8, 1)


def test_the_database_refuses_a_start_that_is_not_a_day(db):
    school = SchoolFactory()
    for month, day in ((2, 29), (2, 31), (4, 31), (13, 1)):
        with pytest.raises(IntegrityError), transaction.atomic():
            School.objects.filter(pk=school.pk).update(year_start_month=month, year_start_day=day)


def test_the_admin_form_path_refuses_31_february_with_a_message(db):
    school = SchoolFactory()
    school.year_start_month, school.year_start_day = 2, 31
    with translation.override("en"), pytest.raises(ValidationError, match="never on 29 February"):
        school.full_clean()


def test_the_service_refuses_29_february(db):
    school = SchoolFactory()
    with translation.override("en"), pytest.raises(ValidationError, match="29 February"):
        services.school_year_start_set(school=school, month=2, day=29)
    school.refresh_from_db()
    assert school.year_start == (8, 1)


# --- the settings page --------------------------------------------------------------------------


def url(world):
    return reverse("kwaliteit:school-year", args=[world.school.slug])


def english(world):
    coordinator = world.users["coordinator"]
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    return world.client_for("coordinator")


def test_the_coordinator_finds_the_setting_beside_the_other_school_settings(world):
    page = world.client_for("coordinator").get(
        reverse("kwaliteit:members", args=[world.school.slug])
    )
    assert url(world) in page.content.decode()
    leader_page = world.client_for("leader").get(
        reverse("kwaliteit:members", args=[world.school.slug])
    )
    assert url(world) not in leader_page.content.decode()
    assert world.client_for("leader").get(url(world)).status_code == 403


def test_the_page_offers_the_dutch_and_the_flemish_start_and_another_date(world):
    page = english(world).get(url(world))
    html = page.content.decode()
    assert "1 August (Netherlands)" in html and "1 September (Flanders)" in html
    assert "Another date" in html
    assert page.context["form"]["choice"].value() == "nl"
    assert "runs from 1 August" in html
    # Day and month are needed for another date: said so, not marked "(optional)".
    assert html.count("Only for another date.") == 2
    assert "(optional)" not in html


def test_the_coordinator_chooses_the_flemish_start(world):
    response = english(world).post(url(world), {"choice": "be"})
    assert response.status_code == 302
    world.school.refresh_from_db()
    assert world.school.year_start == (9, 1)
    page = english(world).get(url(world))
    assert page.context["form"]["choice"].value() == "be"


def test_the_coordinator_saves_another_valid_date(world):
    response = english(world).post(url(world), {"choice": "other", "day": "15", "month": "8"})
    assert response.status_code == 302
    world.school.refresh_from_db()
    assert world.school.year_start == (8, 15)
    form = english(world).get(url(world)).context["form"]
    assert (form["choice"].value(), form["day"].value(), form["month"].value()) == ("other", 15, 8)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("31", "There is no 31 February: choose a day from 1 to 28."),
        ("29", "29 February does not exist every year: choose 28 February or 1 March."),
        ("0", "There is no 0 February: choose a day from 1 to 28."),
        ("", "Write the day the school year starts on."),
        ("x", "Write the day as a number, for example 15."),
    ],
)
def test_a_day_that_does_not_exist_is_refused_with_a_clear_message(world, day, message):
    response = english(world).post(url(world), {"choice": "other", "day": day, "month": "2"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    world.school.refresh_from_db()
    assert world.school.year_start == (8, 1)  # nothing half-saved


def test_another_date_needs_a_month(world):
    response = english(world).post(url(world), {"choice": "other", "day": "1"})
    assert "Choose the month the school year starts in." in response.content.decode()
