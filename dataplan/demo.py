"""Demo dataplan: about ten indicators per school, three school years of measurements.

Indicators and decisions go through the services on the day they happened (`kwaliteit.clock`):
an indicator exists since the first day of its first school year, so its missed moments are real
ones. The measurements stay one bulk insert (hundreds of rows): the dataplan's bulk path is the
import, which starts from an uploaded file; each row still carries its measurement day as the
moment it was entered. The stories themselves are in `dataplan.demo_data`.
"""

import random
from decimal import Decimal

from django.utils import timezone

from kwaliteit import clock

from . import services
from .demo_data import (
    ACTION_WHEN_MISSED,
    DECISION,
    EXAM_WEEK_NOTE,
    GROUPS,
    HE_GROUPS,
    HIGHER,
    NEW_SUBJECT_NOTE,
    NOT_COLLECTED,
    PRIMARY,
)
from .models import Indicator, Measurement
from .status import month_end

YEARS = 3
MEASURED_ON_DAY = 15
DECIDED_SHARE = 0.6  # about this share of the indicators has a decision this month


def build(*, schools, people):
    """Ten indicators per school with three school years of measurements, some below norm."""
    for slug, school in schools.items():
        if Indicator.objects.filter(school=school).exists():
            continue
        rng = random.Random(slug)  # the same demo every time
        owners = [
            m.user
            for m in school.memberships.select_related("user")
            .exclude(role="viewer")
            .order_by("role")
        ]
        stories = HIGHER if school.sector == "ho" else PRIMARY
        groups_by_level = HE_GROUPS if school.sector == "ho" else GROUPS
        for index, story in enumerate(stories):
            _indicator(school, story, owners[index % len(owners)], groups_by_level, rng)


def _scale(story):
    if story.kind != "score":
        return None, None
    return (Decimal(1), Decimal(4)) if story.norm < 5 else (Decimal(1), Decimal(10))


def _indicator(school, story, owner, groups_by_level, rng):
    today = timezone.localdate()
    current = school.school_year(today)
    first_day = current.shifted(-(YEARS - 1)).first_day
    scale = _scale(story)
    with clock.on(first_day, 8):
        indicator = services.indicator_save(
            school=school,
            user=owner,
            name=story.name,
            question=story.question,
            source=story.source,
            kind=story.kind,
            unit=story.unit,
            scale_min=scale[0],
            scale_max=scale[1],
            norm=story.norm,
            target=story.target,
            higher_is_better=story.higher_is_better,
            owner=owner,
            level=story.level,
            collection_months=story.collection_months,
            action_when_missed=ACTION_WHEN_MISSED,
        )
        groups = [
            services.group_for(school=school, level=story.level, name=name)
            for name in groups_by_level[story.level]
        ]
    months = story.collection_months
    skipped = _not_collected(story, current, today)
    rows = []
    for years_back in reversed(range(YEARS)):
        year = current.shifted(-years_back)
        for month in months:
            day = year.month_date(month).replace(day=MEASURED_ON_DAY)
            if day > today:
                continue
            step = (YEARS - 1 - years_back) * len(months) + months.index(month)
            for offset, group in enumerate(groups):
                value = Decimal(story.first_value) + Decimal(str(story.change_per_moment)) * step
                # groups differ a little from each other, and from one moment to the next
                spread = _spread(story)
                value += (Decimal(str(rng.uniform(-1, 1))) - Decimal(offset % 3) / 3) * spread
                with clock.on(day, 16):  # entered on the day it was measured
                    rows.append(
                        Measurement(
                            indicator=indicator,
                            group=group,
                            measured_on=day,
                            value=_clip(story.kind, value, scale),
                            created_by=owner,
                            note=_note(story.name, year, current, rng),
                        )
                    )
    # The values are drawn for the moment left out too, so every other value stays the same.
    Measurement.objects.bulk_create(r for r in rows if r.measured_on.replace(day=1) != skipped)
    if rng.random() < DECIDED_SHARE:
        decided_on = today.replace(day=1)
        with clock.on(decided_on, 15):
            services.decision_add(
                indicator=indicator, decided_on=decided_on, text=DECISION, user=owner
            )


def _not_collected(story, current, today):
    """The first day of the moment left out: the latest one of this school year that ended."""
    if story.name not in NOT_COLLECTED:
        return None
    ended = [
        current.month_date(month)
        for month in story.collection_months
        if month_end(current.month_date(month)) < today
    ]
    return max(ended, default=None)


def _spread(story):
    base = Decimal(story.first_value)
    return base * Decimal("0.05") if story.kind == "score" else Decimal(3)


def _clip(kind, value, scale):
    low, high = scale
    if kind == "percentage":
        value = min(max(value, Decimal(0)), Decimal(100))
    if kind == "count":
        value = max(value, Decimal(0)).to_integral_value()
    if low is not None:
        value = min(max(value, low), high)
    return value.quantize(Decimal("0.1"))


def _note(name, year, current, rng):
    if "tevreden" in name.lower() and year.start_year == current.start_year:
        return NEW_SUBJECT_NOTE
    return "" if rng.random() < 0.9 else EXAM_WEEK_NOTE
