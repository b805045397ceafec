"""The dataplan follows the school's own year: how measurements group into years, which
collection moments count as missed (the last month of a year is not forgotten on the next
year's first day) and the school years an import offers."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dataplan import selectors
from dataplan.dated import collection_items
from dataplan.models import DataImport, Indicator
from dataplan.status import missed_moments, missed_months
from kwaliteit import clock, reminders, services
from kwaliteit.models import Reminder
from kwaliteit.reminders import Rules

from ..factories import IndicatorFactory, MeasurementFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
RULES = Rules(due_soon_days=7, escalate_after_days=7)


def collection_dues(*, today, schools):
    """What the reminders ask of the collection moments on this day."""
    moment = timezone.make_aware(datetime.combine(today, datetime.min.time()))
    with clock.at(moment):
        items = list(collection_items(school_ids=list(schools), start=None, end=today,
                                      open_only=True))  # fmt: skip
    return list(reminders.dues(items, today=today, schools=schools, staff=lambda *a: ()))


FLEMISH = (9, 1)


def at(monkeypatch, day):
    """Pages, selectors and sources all see `day` (05:00, before any digest goes out)."""
    moment = datetime(day.year, day.month, day.day, 5, tzinfo=AMSTERDAM)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


# --- grouping into school years -----------------------------------------------------------------


def test_20_august_is_last_year_in_flanders_and_the_new_year_in_the_netherlands(world):
    new = IndicatorFactory(school=world.school, owner=world.users["coordinator"])
    MeasurementFactory(indicator=new, measured_on=date(2026, 8, 20), value=70)
    indicator = selectors.indicator_get(school=world.school, pk=new.pk)
    years = [str(year) for year in selectors.school_years_with_data(indicator=indicator)]
    assert years == ["2026-2027"]
    services.school_year_start_set(school=world.school, month=9, day=1)
    indicator = selectors.indicator_get(school=world.school, pk=new.pk)
    years = selectors.school_years_with_data(indicator=indicator)
    assert [str(year) for year in years] == ["2025-2026"]
    listed = selectors.measurements_in_year(indicator=indicator, year=years[0])
    # The measurement kept its date: only the year it is listed under changed.
    assert date(2026, 8, 20) in {m.measured_on for m in listed}
    assert years[0].last_day == date(2026, 8, 31)


def test_the_indicator_page_lists_the_measurement_under_the_schools_year(world):
    MeasurementFactory(indicator=world.indicator, measured_on=date(2026, 8, 20), value=70)
    url = reverse("dataplan:indicator", args=[world.school.slug, world.indicator.pk])
    page = world.client_for("viewer").get(url, {"jaar": 2026})
    assert str(page.context["year"]) == "2026-2027"
    assert date(2026, 8, 20) in {m.measured_on for m in page.context["measurements"]}
    services.school_year_start_set(school=world.school, month=9, day=1)
    page = world.client_for("viewer").get(url, {"jaar": 2025})
    assert str(page.context["year"]) == "2025-2026"
    assert date(2026, 8, 20) in {m.measured_on for m in page.context["measurements"]}


def test_collection_months_are_offered_in_the_order_of_the_schools_year(world):
    url = reverse("dataplan:indicator-new", args=[world.school.slug])
    months = world.client_for("coordinator").get(url).context["form"].fields["collection_months"]
    assert [value for value, _label in months.choices][:2] == [8, 9]
    services.school_year_start_set(school=world.school, month=9, day=1)
    months = world.client_for("coordinator").get(url).context["form"].fields["collection_months"]
    assert [value for value, _label in months.choices][0] == 9
    assert [value for value, _label in months.choices][-1] == 8


# --- missed collection moments ------------------------------------------------------------------


def test_july_is_still_missed_in_august_and_no_longer_in_september():
    since = date(2025, 1, 1)
    for today in (date(2026, 8, 1), date(2026, 8, 15), date(2026, 8, 31)):
        assert missed_moments([7], set(), today, since=since) == [date(2026, 7, 1)]
    assert missed_moments([7], set(), date(2026, 9, 1), since=since) == []
    # measured in July: nothing missed
    assert missed_moments([7], {date(2026, 7, 1)}, date(2026, 8, 1), since=since) == []
    # other moments of last year end with the year, as they always did
    assert missed_months([6, 7], set(), date(2026, 8, 1), since=since) == [7]
    assert missed_months([6, 7], set(), date(2026, 7, 31), since=since) == [6]


def test_the_last_month_of_a_flemish_year_is_august():
    since = date(2025, 1, 1)
    assert missed_months([7, 8], set(), date(2026, 8, 20), since=since, start=FLEMISH) == [7]
    assert missed_moments([7, 8], set(), date(2026, 9, 10), since=since, start=FLEMISH) == [
        date(2026, 8, 1)
    ]
    assert missed_moments([7, 8], set(), date(2026, 10, 1), since=since, start=FLEMISH) == []


@pytest.fixture
def july(world):
    """An indicator collected in July that has existed for a year, owned by the coordinator."""
    indicator = IndicatorFactory(
        school=world.school,
        name="Tevredenheid ouders",
        collection_months=[7],
        owner=world.users["coordinator"],
        level="school",
        norm=Decimal(7),
        target=Decimal(8),
        kind="score",
        unit="",
    )
    Indicator.objects.filter(pk=indicator.pk).update(
        created_at=datetime(2025, 6, 1, tzinfo=AMSTERDAM)
    )
    return indicator


@pytest.mark.parametrize("day", [date(2026, 8, 1), date(2026, 8, 15)])
def test_the_plan_shows_julys_missed_moment_in_august(world, july, monkeypatch, day):
    at(monkeypatch, day)
    page = world.client_for("viewer").get(reverse("dataplan:plan", args=[world.school.slug]))
    [row] = [row for row in page.context["rows"] if row.indicator.pk == july.pk]
    assert row.status.missed_months == [7]
    html = page.content.decode()
    assert "meetmoment gemist" in html and "juli" in html
    indicator_page = world.client_for("viewer").get(
        reverse("dataplan:indicator", args=[world.school.slug, july.pk])
    )
    assert indicator_page.context["row"].status.missed_months == [7]


def test_the_plan_no_longer_shows_july_in_september(world, july, monkeypatch):
    at(monkeypatch, date(2026, 9, 1))
    row = selectors.indicator_row(
        indicator=selectors.indicator_get(school=world.school, pk=july.pk)
    )
    assert row.status.missed_months == []


def test_a_july_measurement_clears_the_moment_in_august(world, july, monkeypatch):
    at(monkeypatch, date(2026, 8, 1))
    MeasurementFactory(indicator=july, group__level="school", measured_on=date(2026, 7, 10))
    row = selectors.indicator_row(
        indicator=selectors.indicator_get(school=world.school, pk=july.pk)
    )
    assert row.status.missed_months == []


def test_the_collection_reminder_for_july_comes_in_august_once_and_ends_with_august(
    world, july, monkeypatch
):
    def open_reminders():
        return list(
            Reminder.objects.filter(
                item_type="dataplan.collection", object_id=str(july.pk), resolved_at__isnull=True
            )
        )

    for day in (date(2026, 8, 1), date(2026, 8, 15)):
        dues = list(collection_dues(today=day, schools={world.school.pk: RULES}))
        assert [due.day for due in dues if due.object_id == str(july.pk)] == [date(2026, 7, 1)]
        reminders.dispatch(now=at(monkeypatch, day))
        [reminder] = open_reminders()  # one reminder, claimed on 1 August, still open
        assert reminder.day == date(2026, 7, 1)
        assert reminder.recipient == world.users["coordinator"]
    reminders.dispatch(now=at(monkeypatch, date(2026, 9, 1)))
    assert open_reminders() == []
    assert (
        Reminder.objects.filter(item_type="dataplan.collection", object_id=str(july.pk)).count()
        == 1
    )


def test_a_flemish_schools_july_reminder_waits_for_its_own_year(world, july):
    services.school_year_start_set(school=world.school, month=9, day=1)
    # In Flanders August still belongs to the year of July: the moment is missed all month,
    # and (as every moment of a year) until the year ends on 31 August.
    dues = list(collection_dues(today=date(2026, 8, 31), schools={world.school.pk: RULES}))
    assert [due.day for due in dues if due.object_id == str(july.pk)] == [date(2026, 7, 1)]
    dues = list(collection_dues(today=date(2026, 9, 1), schools={world.school.pk: RULES}))
    assert [due.day for due in dues if due.object_id == str(july.pk)] == []


# --- imports ------------------------------------------------------------------------------------


def upload(client, school, text, name):
    return client.post(
        reverse("dataplan:import-upload", args=[school.slug]),
        {"file": SimpleUploadedFile(name, text.encode())},
    )


FILE = "Indicator;Groep;Datum;Waarde\nLeesresultaten;Groep 5B;20-08-2025;72\n"


def test_the_import_offers_the_school_years_of_the_school(world, monkeypatch):
    at(monkeypatch, date(2026, 8, 20))
    client = world.client_for("coordinator")
    url = reverse("dataplan:import-upload", args=[world.school.slug])
    choices = client.get(url).context["form"].fields["school_year"].choices
    assert choices[1] == (2026, "2026-2027")
    services.school_year_start_set(school=world.school, month=9, day=1)
    choices = client.get(url).context["form"].fields["school_year"].choices
    assert choices[1] == (2025, "2025-2026")


def test_the_import_takes_its_school_year_from_the_dates_as_the_school_counts_them(world):
    client = world.client_for("coordinator")
    upload(client, world.school, FILE, "nl.csv")
    assert DataImport.objects.get(original_name="nl.csv").school_year == 2025
    services.school_year_start_set(school=world.school, month=9, day=1)
    upload(client, world.school, FILE, "vl.csv")
    flemish = DataImport.objects.get(original_name="vl.csv")
    assert flemish.school_year == 2024
    assert flemish.preview["school_years"] == [2024]
