"""Demo cards: six cards per school with agreements, follow-ups, reflections and two periods of
self-assessment, written through the services on the days they happened (`kwaliteit.clock`).

A card's story: written fifteen months ago with its agreements, its shared core filled in two
weeks before the leader adopts it, its agreements followed up every three months since (the last
follow-ups are overdue), reflections and an appreciation in the last weeks. The fifth card went
under review two weeks ago; the sixth is still a concept. The texts are in
`kwaliteitskaarten.demo_data`. Safe to run again: a school that has cards is left alone.
"""

import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from kwaliteit import clock
from kwaliteit.models import Role, VisionVersion

from . import services
from .demo_data import (
    APPRECIATION,
    CHECK_NOTES,
    HIGHER,
    HOW_WE_SEE_IT,
    PERIODS,
    PRIMARY,
    REFLECTIONS,
    REVIEW_SHARPENS_CORE,
)
from .models import Kwaliteitskaart

UNDER_REVIEW, CONCEPT = 4, 5  # the positions of the card under review and the concept card
CHECK_EVERY_MONTHS = 3
WRITTEN_DAYS_AGO = 470  # before the oldest improvement cycle that names a card


def build(*, schools, people):
    """Cards with versions, agreements and follow-ups, reflections and self-assessment."""
    for slug, school in schools.items():
        if Kwaliteitskaart.objects.filter(school=school).exists():
            continue
        _School(school, random.Random(slug)).build()


class _School:
    def __init__(self, school, rng):
        self.school, self.rng = school, rng
        self.today = timezone.localdate()
        vision = (
            VisionVersion.objects.filter(school=school, status="adopted")
            .order_by("-number")
            .first()
            or VisionVersion.objects.filter(school=school).order_by("-number").first()
        )
        self.values = list(vision.core_values.all()) if vision else []
        memberships = list(school.memberships.select_related("user").prefetch_related("teams"))
        self.writer = next(m.user for m in memberships if m.role in (Role.COORDINATOR, Role.LEADER))
        self.staff = [m.user for m in memberships if m.role != Role.VIEWER]
        self.leader = next(m.user for m in memberships if m.role == Role.LEADER)
        self.teams = list(school.teams.all())

    def build(self):
        stories = HIGHER if self.school.sector == "ho" else PRIMARY
        cards = [self.card(story, index) for index, story in enumerate(stories)]
        self.periods(cards)

    def card(self, story, index):
        rng, staff = self.rng, self.staff
        written = self.today - timedelta(days=WRITTEN_DAYS_AGO - 3 * index)
        with clock.on(written, 9):
            card = services.card_create(
                school=self.school,
                title=story.title,
                owner=staff[index % len(staff)],
                team=self.teams[index % len(self.teams)] if self.teams else None,
                user=self.writer,
                review_interval_months=12,
            )
        agreements = []
        with clock.on(written + timedelta(days=1), 11):
            for position, text in enumerate(story.agreements):
                first_check = self.today - relativedelta(months=rng.choice([2, 4, 7]))
                agreements.append(
                    services.agreement_add(
                        card=card,
                        text=text,
                        owner=staff[(index + position) % len(staff)],
                        check_interval_months=CHECK_EVERY_MONTHS,
                        first_check_on=first_check,
                        user=self.writer,
                    )
                )
        adopted = index < len(staff) and index != CONCEPT
        adopted_on = None
        if adopted:  # before the first follow-up, after the card was written
            adopted_on = self.today - timedelta(days=rng.randint(60, 300))
            first_checks = [a.next_check_on for a in agreements]
            before_first = min(first_checks) - timedelta(days=rng.randint(7, 40))
            adopted_on = min(adopted_on, before_first)
            adopted_on = max(adopted_on, written + timedelta(days=21))
        drafted = adopted_on - timedelta(days=14) if adopted_on else written + timedelta(days=2)
        version = card.versions.get()
        values = rng.sample(self.values, min(2, len(self.values)))
        with clock.on(drafted, 15):
            services.card_draft_update(
                version=version,
                why=story.why,
                core=story.core,
                autonomy=story.autonomy,
                how_we_see_it=HOW_WE_SEE_IT,
                core_values=values,
                indicators=[],
                user=card.owner,
            )
        if adopted:
            with clock.on(adopted_on, 16):
                services.card_adopt(version=version, user=self.leader, adopted_on=adopted_on)
        for agreement in agreements:
            self.follow_up(agreement)
        if adopted and index == UNDER_REVIEW:  # under review: a new draft with a sharper core
            self.review(card, story)
        self.reflections(card)
        return card

    def follow_up(self, agreement):
        """Every three months since the first follow-up, until one is skipped: overdue."""
        day = agreement.next_check_on
        while day + relativedelta(months=CHECK_EVERY_MONTHS) <= self.today and (
            self.rng.random() < 0.8
        ):
            with clock.on(day, 16):
                services.agreement_check_record(
                    agreement=agreement,
                    result=self.rng.choice(["kept", "kept", "partly", "not_kept"]),
                    note=self.rng.choice(CHECK_NOTES),
                    checked_on=day,
                    user=agreement.owner,
                )
            day += relativedelta(months=CHECK_EVERY_MONTHS)

    def review(self, card, story):
        with clock.on(self.today - timedelta(days=14), 10):
            draft = services.card_review_start(card=card, user=self.writer)
        with clock.on(self.today - timedelta(days=13), 14):
            services.card_draft_update(
                version=draft,
                why=story.why,
                core=story.core + REVIEW_SHARPENS_CORE,
                autonomy=story.autonomy,
                how_we_see_it=HOW_WE_SEE_IT,
                core_values=list(draft.core_values.all()),
                indicators=list(draft.indicators.all()),
                user=self.writer,
            )

    def reflections(self, card):
        rng, staff = self.rng, self.staff
        for author in rng.sample(staff, min(3, len(staff))):
            with clock.on(self.today - timedelta(days=rng.randint(3, 50)), 17):
                services.reflection_add(
                    author=author,
                    card=card,
                    visibility=rng.choice(["private", "team"]),
                    text=rng.choice(REFLECTIONS),
                )
        giver, receiver = rng.sample(staff, 2) if len(staff) > 1 else (staff[0], staff[0])
        if giver != receiver:
            with clock.on(self.today - timedelta(days=rng.randint(2, 40)), 12):
                services.appreciation_add(
                    author=giver, recipient=receiver, card=card, text=APPRECIATION
                )

    def periods(self, cards):
        """Two rounds of self-assessment; everybody answers within the fortnight."""
        assessed = [card for card in cards if card.versions.filter(status="adopted").exists()]
        for step, (name, days_ago, days_open) in enumerate(PERIODS):
            opens_on = self.today - timedelta(days=days_ago)
            with clock.on(opens_on - timedelta(days=7), 9):
                period = services.assessment_period_create(
                    school=self.school,
                    name=name,
                    opens_on=opens_on,
                    closes_on=opens_on + timedelta(days=days_open),
                )
            for card in assessed:
                for person in self.rng.sample(self.staff, min(len(self.staff), 5)):
                    score = min(4, max(1, round(self.rng.gauss(2.6 + 0.3 * step, 0.7))))
                    answered = opens_on + timedelta(days=self.rng.randint(0, days_open))
                    with clock.on(answered, 20):
                        services.assessment_answer(
                            period=period, card=card, respondent=person, score=score, remark=""
                        )
