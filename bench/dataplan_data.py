"""Dataplan data at board scale: per school 12 indicators × 40 groups × 5 school years."""

import random
from datetime import date
from decimal import Decimal

from dataplan.models import Group, Indicator, Measurement
from kwaliteit.models import Role, School

from .dataset import SLUG_PREFIX

INDICATORS = 12
GROUPS = 40
YEARS = 5
MONTHS = [10, 2, 6]  # three collection moments a year
FIRST_YEAR = 2021


def dataplan():
    """12 indicators per school with 40 class groups and three moments a year for 5 years."""
    rng = random.Random(42)
    for school in School.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug"):
        owner = school.memberships.filter(role=Role.COORDINATOR).first().user
        indicators = Indicator.objects.bulk_create(
            Indicator(
                school=school,
                name=f"Indicator {n + 1:02d}",
                question="Halen onze leerlingen het niveau dat we nastreven?",
                source="test",
                kind="percentage",
                unit="%",
                norm=Decimal(70),
                target=Decimal(80),
                owner=owner,
                level="class",
                collection_months=MONTHS,
            )
            for n in range(INDICATORS)
        )
        groups = Group.objects.bulk_create(
            Group(school=school, level="class", name=f"Klas {g + 1:02d}") for g in range(GROUPS)
        )
        days = [
            date(FIRST_YEAR + y + (1 if month < 8 else 0), month, 15)
            for y in range(YEARS)
            for month in MONTHS
        ]
        Measurement.objects.bulk_create(
            (
                Measurement(
                    indicator=indicator,
                    group=group,
                    measured_on=day,
                    value=Decimal(rng.randint(55, 95)),
                    created_by=owner,
                )
                for indicator in indicators
                for group in groups
                for day in days
            ),
            batch_size=10_000,
        )
