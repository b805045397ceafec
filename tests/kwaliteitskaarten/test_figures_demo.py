"""The cards' figures of the demo schools, against the demo's rows counted here directly."""

import io
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.utils import timezone

from kwaliteit import figures
from kwaliteit.models import School, VisionVersion
from kwaliteit.periods import Period
from kwaliteitskaarten.models import (
    Afspraak,
    AgreementCheck,
    AssessmentAnswer,
    CardVersion,
    Kwaliteitskaart,
)

pytestmark = pytest.mark.django_db


def seed(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def percent(numerator, denominator):
    return None if not denominator else round(Decimal(100) * numerator / denominator)


def follow_ups(school, period, today):
    """(on time, due): every planned day after a check that falls in the period, and the open
    planned day once it has passed, counted agreement by agreement."""
    due = on_time = 0
    agreements = Afspraak.objects.filter(card__school=school).select_related("card")
    for agreement in agreements.prefetch_related("checks"):
        days = sorted((c.checked_on, c.pk) for c in agreement.checks.all())
        for (before, _), (day, _) in zip(days, days[1:], strict=False):
            planned = before + relativedelta(months=agreement.check_interval_months)
            if period.start <= planned <= period.end:
                due += 1
                on_time += day <= planned
        planned = agreement.next_check_on
        in_use = agreement.is_active and agreement.card.archived_on is None
        if days and in_use and period.start <= planned <= period.end and planned < today:
            due += 1
    return on_time, due


def coverage(school):
    """(values carried by an adopted card in use, values of the adopted vision in force)."""
    vision = (
        VisionVersion.objects.filter(school=school, status="adopted").order_by("-number").first()
    )
    if vision is None:
        return 0, 0
    carried = set()
    for card in Kwaliteitskaart.objects.filter(school=school, archived_on=None):
        version = card.versions.filter(status="adopted").order_by("-number").first()
        if version is not None:
            carried |= {value.lineage for value in version.core_values.all()}
    values = list(vision.core_values.all())
    return sum(value.lineage in carried for value in values), len(values)


def self_assessment(school, period):
    scores = {}
    for answer in AssessmentAnswer.objects.filter(
        card__school=school, period__opens_on__gte=period.start, period__opens_on__lte=period.end
    ):
        scores.setdefault(answer.card_id, []).append(answer.score)
    means = [Decimal(sum(s)) / len(s) for s in scores.values() if len(s) >= 3]
    return (sum(means) / len(means)).quantize(Decimal("0.1")) if means else None


def test_the_demo_figures_are_the_demo_rows_counted(settings):
    seed(settings)
    today = timezone.localdate()
    schools = list(School.objects.order_by("pk"))
    assert len(schools) >= 2
    for school in schools:
        period = Period.school_year(school, today)
        found, failed = figures.collect(school_ids=[school.pk], period=period)
        assert not failed
        value = {v.key: v for v in found if v.key.startswith("cards.") and v.month is None}

        checks = AgreementCheck.objects.filter(
            agreement__card__school=school,
            checked_on__gte=period.start,
            checked_on__lte=period.end,
        )
        kept = checks.filter(result="kept").count()
        assert value["cards.checks_kept"].value == (kept if checks.exists() else None)
        partly = checks.filter(result="partly").count()
        assert value["cards.checks_partly"].value == (partly if checks.exists() else None)
        not_kept = checks.filter(result="not_kept").count()
        assert value["cards.checks_not_kept"].value == (not_kept if checks.exists() else None)
        share = value["cards.kept_share"]
        assert share.value == percent(kept, checks.count())

        on_time, due = follow_ups(school, period, today)
        assert value["cards.followups_on_time"].value == percent(on_time, due)
        assert (value["cards.followups_on_time"].denominator or 0) == due

        carried, values = coverage(school)
        assert value["cards.value_coverage"].value == percent(carried, values)

        overdue = Kwaliteitskaart.objects.filter(
            school=school, archived_on=None, next_review_on__lt=today
        ).count()
        assert value["cards.reviews_overdue"].value == overdue

        adopted = CardVersion.objects.filter(
            card__school=school, status="adopted", adopted_on__lte=period.end
        )
        in_force = Kwaliteitskaart.objects.filter(pk__in=adopted.values("card_id"))
        in_force = in_force.exclude(archived_on__lt=period.start).count()
        assert value["cards.in_force"].value == in_force

        assert value["cards.self_assessment"].value == self_assessment(school, period)

    # The demo school has something to show for every figure.
    regenboog = School.objects.get(slug="obs-de-regenboog")
    period = Period.school_year(regenboog, today)
    found, _failed = figures.collect(school_ids=[regenboog.pk], period=period)
    shown = {v.key for v in found if v.key.startswith("cards.") and v.value is not None}
    assert {
        "cards.kept_share",
        "cards.followups_on_time",
        "cards.value_coverage",
        "cards.in_force",
        "cards.self_assessment",
    } <= shown
