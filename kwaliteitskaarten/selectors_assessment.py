"""Reads of the card self-assessment, scoped to one school; query counts do not grow with data.

Individual answers never leave this module: callers get counts, team scores and, for the person
answering, whether they answered a card themselves.
"""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Subquery
from django.http import Http404
from django.utils import timezone

from .assessment import team_score
from .models import AssessmentAnswer, AssessmentPeriod, CardVersion, Kwaliteitskaart

ADOPTED = CardVersion.Status.ADOPTED


def periods_list(*, school):
    """Every period of the school, the newest first, with how many people answered."""
    return (
        AssessmentPeriod.objects.filter(school=school)
        .annotate(respondents=Count("answers__respondent", distinct=True))
        .order_by("-opens_on", "-pk")
    )


def period_get(*, school, pk) -> AssessmentPeriod:
    period = AssessmentPeriod.objects.filter(school=school, pk=pk).first()
    if period is None:
        raise Http404
    return period


def periods_overlapping(*, school, opens_on, closes_on):
    """Periods of the school that share at least one day with opens_on–closes_on."""
    return AssessmentPeriod.objects.filter(
        school=school, opens_on__lte=closes_on, closes_on__gte=opens_on
    ).order_by("opens_on")


def cards_to_assess(*, period, user):
    """Every adopted, not archived card of the period's school, with its shared core in force
    and whether this person already answered it in this period (one query)."""
    adopted = CardVersion.objects.filter(card=OuterRef("pk"), status=ADOPTED).order_by("-number")
    answered = AssessmentAnswer.objects.filter(period=period, card=OuterRef("pk"), respondent=user)
    return (
        Kwaliteitskaart.objects.filter(school_id=period.school_id, archived_on=None)
        .filter(Exists(adopted))
        .annotate(shared_core=Subquery(adopted.values("core")[:1]), answered=Exists(answered))
        .order_by("title")
    )


def team_scores_for(card, *, today=None):
    """Per period that has opened (oldest first): (period, TeamScore) for this card.

    Two queries whatever the number of periods and answers. Each period also carries `open_now`
    and, where its score is shown, `trend` ("up", "down" or "same") against `previous`: the
    latest earlier period whose score was shown (None when there is none).
    """
    today = today or timezone.localdate()
    periods = list(
        AssessmentPeriod.objects.filter(school_id=card.school_id, opens_on__lte=today).order_by(
            "opens_on", "pk"
        )
    )
    scores = defaultdict(list)
    answers = AssessmentAnswer.objects.filter(
        card=card, period__school_id=card.school_id, period__opens_on__lte=today
    ).values_list("period_id", "score")
    for period_id, score in answers:
        scores[period_id].append(score)
    rows, previous = [], None
    for period in periods:
        result = team_score(scores[period.pk])
        period.open_now = period.is_open(today)
        period.trend, period.previous = None, None
        if result.is_shown:
            if previous is not None:
                before = previous[1].mean
                period.previous = previous
                period.trend = (
                    "up" if result.mean > before else "down" if result.mean < before else "same"
                )
            previous = (period, result)
        rows.append((period, result))
    return rows
