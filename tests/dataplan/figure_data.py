"""A small dataplan whose figures are known by heart, for the figures, drill-down, dashboard
and report tests (no tests here).

On TODAY (10 February 2026, school year 2025-2026):
- "Lezen" (norm ≥ 75, target 85; October and January): 80 and 82,5 → on course, both moments done;
- "Verzuim" (norm ≤ 4, lower is better; October): 6,5 → asks for action, its moment done;
- "Welbevinden" (September and November): only a value from October 2024, over a year old →
  without data; its September and November moments are missed;
- "Oud" is inactive: never counted.
Decisions: one on "Verzuim" on 3 November 2025 (in the year), one on 1 June 2025 (the year before).
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from dataplan.models import Decision, Indicator, Measurement
from kwaliteit.periods import Period
from tests.factories import GroupFactory, IndicatorFactory

TODAY = date(2026, 2, 10)
NOW = timezone.make_aware(datetime(2026, 2, 10, 12))
YEAR = Period(date(2025, 8, 1), date(2026, 7, 31), "dit-jaar")


def year_of(school):
    return YEAR


def indicator(school, owner, name, **fields):
    made = IndicatorFactory(school=school, owner=owner, name=name, **fields)
    Indicator.objects.filter(pk=made.pk).update(
        created_at=timezone.make_aware(datetime(2024, 8, 1))
    )
    made.refresh_from_db()
    return made


def measure(indicator, group, day, value):
    return Measurement.objects.create(
        indicator=indicator, group=group, measured_on=day, value=Decimal(value)
    )


def small_plan(school, owner, *, prefix=""):
    """The plan described above; returns {name: indicator}."""
    group = GroupFactory(school=school, name=f"{prefix}Groep 5", level="year")
    reading = indicator(
        school, owner, f"{prefix}Lezen", norm=75, target=85, collection_months=[10, 1]
    )
    absence = indicator(
        school,
        owner,
        f"{prefix}Verzuim",
        kind="number",
        unit="",
        norm=4,
        target=3,
        higher_is_better=False,
        collection_months=[10],
    )
    wellbeing = indicator(school, owner, f"{prefix}Welbevinden", collection_months=[9, 11])
    old = indicator(school, owner, f"{prefix}Oud", is_active=False, collection_months=[10])
    measure(reading, group, date(2025, 10, 15), "80")
    measure(reading, group, date(2026, 1, 15), "82.5")
    measure(absence, group, date(2025, 10, 15), "6.5")
    measure(wellbeing, group, date(2024, 10, 15), "90")
    measure(old, group, date(2025, 10, 15), "10")
    Decision.objects.create(indicator=absence, decided_on=date(2025, 11, 3), text="Verzuimbeleid")
    Decision.objects.create(indicator=absence, decided_on=date(2025, 6, 1), text="Vorig jaar")
    return {"reading": reading, "absence": absence, "wellbeing": wellbeing, "old": old}
