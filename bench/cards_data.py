# ruff: noqa: E501
"""Kwaliteitskaarten at board scale: per school 10 cards, 30 agreements with two years of checks,
reflections, appreciation and two periods of self-assessment."""

import random
from datetime import date

from dateutil.relativedelta import relativedelta

from kwaliteit.models import CoreValue, Role, School
from kwaliteitskaarten.models import (
    Afspraak,
    AgreementCheck,
    Appreciation,
    AssessmentAnswer,
    AssessmentPeriod,
    CardVersion,
    Kwaliteitskaart,
    Reflection,
)

from .dataset import SLUG_PREFIX

CARDS = 10
AGREEMENTS = 3
CHECKS = 8  # two years of quarterly follow-ups


def cards():
    """Cards with versions, agreements, checks, reflections and self-assessment per school."""
    rng = random.Random(7)
    for school in School.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug"):
        members = list(school.memberships.select_related("user").prefetch_related("teams"))
        staff = [m.user for m in members if m.role != Role.VIEWER]
        leader = next(m.user for m in members if m.role == Role.LEADER)
        teams = list(school.teams.all())
        values = list(
            CoreValue.objects.filter(vision__school=school, vision__status="adopted").order_by(
                "-vision__number"
            )[:5]
        )
        made = Kwaliteitskaart.objects.bulk_create(
            Kwaliteitskaart(
                school=school,
                title=f"Thema {n + 1:02d}",
                owner=staff[n],
                team=teams[n % len(teams)],
                next_review_on=date(2027, 1, 1),
            )
            for n in range(CARDS)
        )
        versions = CardVersion.objects.bulk_create(
            CardVersion(
                card=card,
                number=1,
                status="adopted",
                adopted_on=date(2025, 1, 1),
                adopted_by=leader,
                created_by=leader,
                why="Waarom dit thema telt. " * 5,
                core="De gedeelde kern. " * 20,
                autonomy="Ruimte voor eigen accenten. " * 5,
            )
            for card in made
        )
        CardVersion.core_values.through.objects.bulk_create(
            CardVersion.core_values.through(cardversion=v, corevalue=value)
            for v in versions
            for value in values[:2]
        )
        agreements = Afspraak.objects.bulk_create(
            Afspraak(
                card=card,
                text=f"Afspraak {a + 1} van {card.title}",
                owner=staff[(i + a) % len(staff)],
                next_check_on=date(2026, 1, 1),
                position=a,
            )
            for i, card in enumerate(made)
            for a in range(AGREEMENTS)
        )
        AgreementCheck.objects.bulk_create(
            AgreementCheck(
                agreement=agreement,
                checked_on=date(2024, 1, 1) + relativedelta(months=3 * c),
                result=rng.choice(["kept", "partly", "not_kept"]),
                recorded_by=agreement.owner,
            )
            for agreement in agreements
            for c in range(CHECKS)
        )
        Reflection.objects.bulk_create(
            Reflection(
                author=person,
                card=card,
                text="Zo zie ik het in mijn klas. " * 4,
                visibility=rng.choice(["private", "team"]),
            )
            for card in made
            for person in staff[:15]
        )
        Appreciation.objects.bulk_create(
            Appreciation(
                author=staff[i],
                recipient=staff[i + 1],
                card=made[i % CARDS],
                text="Dank voor je voorbeeld.",
            )
            for i in range(len(staff) - 1)
        )
        periods = AssessmentPeriod.objects.bulk_create(
            AssessmentPeriod(
                school=school, name=name, opens_on=start, closes_on=start + relativedelta(weeks=2)
            )
            for name, start in (("Voorjaar", date(2025, 3, 1)), ("Najaar", date(2025, 10, 1)))
        )
        AssessmentAnswer.objects.bulk_create(
            AssessmentAnswer(period=p, card=card, respondent=person, score=rng.randint(1, 4))
            for p in periods
            for card in made
            for person in staff[:20]
        )
