"""Telling the stories of `stories` through the services, each step on its own moment.

A cycle is started four weeks before its Plan is due; each phase is completed two days before it
is due (never later than an hour ago); what happens within a phase (actions, notes, evaluations)
is spread over the working days between its start and its completion.
"""

from dataclasses import replace
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation

from dataplan import selectors as dataplan_selectors
from dataplan.status import ACTION
from kwaliteit import clock
from kwaliteit.models import Role
from kwaliteitskaarten.models import Kwaliteitskaart

from .. import services
from ..models import Action, Cycle, Phase
from .stories import (
    CHAIN_ROUND_TITLES,
    HIGHER,
    PREFERRED_HIGHER,
    PREFERRED_PRIMARY,
    PRIMARY,
    SCHEDULE,
    Evaluation,
)

Kind = Phase.Kind
STARTED_DAYS_BEFORE_PLAN = 28
COMPLETED_DAYS_BEFORE_DUE = 2
AGREEMENT_FIRST_CHECK_DAYS = 60


def build(*, schools, people):
    """Per demo school: cycles in Plan, Do, Check and Act, overdue ones, a chain, an anchor."""
    with translation.override("nl"):  # the follow-ups' titles and the history read in Dutch
        for school in schools.values():
            if Cycle.objects.filter(school=school).exists():
                continue
            with transaction.atomic():
                _School(school).build()


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class _School:
    def __init__(self, school):
        self.school = school
        self.now = timezone.now()
        self.today = timezone.localdate()
        memberships = list(school.memberships.select_related("user").order_by("id"))
        self.coordinator = next(m.user for m in memberships if m.role == Role.COORDINATOR)
        self.leader = next(m.user for m in memberships if m.role == Role.LEADER)
        self.teachers = [m.user for m in memberships if m.role == Role.TEACHER]
        self.teams = list(school.teams.order_by("id"))
        self.cards = {card.title: card for card in Kwaliteitskaart.objects.filter(school=school)}
        higher = school.sector == "ho"
        self.stories = HIGHER if higher else PRIMARY
        self.preferred = PREFERRED_HIGHER if higher else PREFERRED_PRIMARY
        self.due = {}  # cycle pk -> {phase kind: due date}
        self.last = {}  # cycle pk -> the moment of its latest step

    def teacher(self, index):
        return self.teachers[index % len(self.teachers)] if self.teachers else self.coordinator

    def team(self, index):
        return self.teams[index % len(self.teams)] if self.teams else None

    def days(self, due):
        """The four phases' due dates, relative to today."""
        offsets = (due.plan, due.do, due.check, due.act)
        return {
            kind: self.today + timedelta(days=n)
            for kind, n in zip(Phase.ORDER, offsets, strict=True)
        }

    # --- moments ------------------------------------------------------------------------------

    def past(self, moment):
        """Never later than an hour ago: what the demo tells has happened."""
        return min(moment, self.now - timedelta(hours=1))

    def step(self, cycle, moment):
        """The clock for the cycle's next step: at moment, or just after its previous step."""
        moment = self.past(max(moment, self.last[cycle.pk] + timedelta(minutes=30)))
        self.last[cycle.pk] = moment
        return clock.at(moment)

    def completes(self, cycle, kind):
        """The clock for completing a phase: two days before it is due, in the afternoon."""
        day = self.due[cycle.pk][kind] - timedelta(days=COMPLETED_DAYS_BEFORE_DUE)
        return self.step(cycle, _at(day, 15))

    def spread(self, cycle, until, steps):
        """Run the steps in order, each on its own working morning between the cycle's previous
        step and until."""
        begin = self.last[cycle.pk]
        for position, run in enumerate(steps, start=1):
            moment = begin + (until - begin) * position / (len(steps) + 1)
            moment = timezone.localtime(moment).replace(hour=10, minute=7 * position % 60)
            with self.step(cycle, moment):
                run()

    # --- the stories --------------------------------------------------------------------------

    def build(self):
        s, when = self.stories, SCHEDULE
        self.cycle(s["plan"], owner=self.teacher(1), team=self.team(0), due=when["plan"])
        do = self.cycle(s["do"], owner=self.teacher(0), team=self.team(1), due=when["do"])
        self.through_do(do, s["do"], complete=False)
        check = self.cycle(s["check"], owner=self.coordinator, team=self.team(2), due=when["check"])
        self.through_do(check, s["check"])
        self.evaluate(check, s["check"].evaluations, until=self.now)
        act = self.cycle(s["act"], owner=self.teacher(2), team=self.team(0), due=when["act"])
        self.through_check(act, s["act"])
        self.anchored(s["anchored"], when["anchored"])
        self.chain(s["chain"], when["chain"])
        stopped = self.cycle(
            s["stopped"], owner=self.leader, team=self.team(2), due=when["stopped"]
        )
        self.through_check(stopped, s["stopped"])
        with self.completes(stopped, Kind.ACT):
            services.act_decide(
                cycle=stopped,
                user=self.leader,
                decision=Cycle.Decision.STOP,
                note=s["stopped"].decision,
            )
        self.from_indicator(s["indicator"], when["indicator"])

    def cycle(self, story, *, owner, team, due, title=None, **extra):
        """Started by the coordinator four weeks before its Plan is due."""
        card = self.cards.get(story.card) if story.card else None
        due_dates = self.days(due)
        criteria = [(text, None, None) for text in story.criteria]
        started = _at(due_dates[Kind.PLAN] - timedelta(days=STARTED_DAYS_BEFORE_PLAN), 9)
        with clock.at(self.past(started)):
            cycle = services.cycle_create(
                school=self.school,
                user=self.coordinator,
                title=title or story.title,
                owner=owner,
                team=team,
                cards=[card] if card else [],
                goal_what=story.goal_what,
                goal_measure=story.goal_measure,
                goal_date=due_dates[Kind.ACT],
                reason=story.reason,
                due_dates=due_dates,
                criteria=extra.pop("criteria", criteria),
                **extra,
            )
        self.due[cycle.pk], self.last[cycle.pk] = due_dates, self.past(started)
        return cycle

    def through_do(self, cycle, story, *, complete=True):
        """Complete the Plan, add the actions (and notes); complete the Do too if asked."""
        owner, due = cycle.owner, self.due[cycle.pk]
        with self.completes(cycle, Kind.PLAN):
            services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=owner)
        count = len(story.actions)
        actions = []

        def add(index, planned):
            actions.append(
                services.action_add(
                    cycle=cycle,
                    user=owner,
                    description=planned.description,
                    owner=self.teacher(index) if index else owner,
                    due_on=due[Kind.DO] - timedelta(days=21 * (count - index) - 14),
                )
            )

        def change(index, planned):
            action = actions[index]
            services.action_update(
                action=action,
                user=owner,
                description=action.description,
                owner=action.owner,
                due_on=action.due_on,
                status=planned.status,
            )

        def note(text):
            services.note_add(cycle=cycle, author=owner, text=text)

        # the actions are added, the first note written, the actions move on, more notes
        steps = [lambda i=i, a=a: add(i, a) for i, a in enumerate(story.actions)]
        steps += [lambda text=text: note(text) for text in story.notes[:1]]
        steps += [
            lambda i=i, a=a: change(i, a)
            for i, a in enumerate(story.actions)
            if a.status != Action.Status.PLANNED
        ]
        steps += [lambda text=text: note(text) for text in story.notes[1:]]
        do_done = _at(due[Kind.DO] - timedelta(days=COMPLETED_DAYS_BEFORE_DUE), 15)
        self.spread(cycle, self.past(do_done if complete else self.now), steps)
        if complete:
            with self.completes(cycle, Kind.DO):
                services.phase_complete(cycle=cycle, kind=Kind.DO, user=owner)

    def evaluate(self, cycle, evaluations, *, until):
        """Evaluate the criteria as far as the evaluations go; the rest stays open."""
        pairs = zip(cycle.criteria.all(), evaluations, strict=False)
        steps = [
            lambda criterion=criterion, found=found: services.criterion_evaluate(
                criterion=criterion,
                user=cycle.owner,
                result=found.result,
                evidence=found.evidence,
                no_data_reason=found.no_data_reason,
            )
            for criterion, found in pairs
        ]
        self.spread(cycle, self.past(until), steps)

    def through_check(self, cycle, story):
        """Plan, Do and Check completed: every criterion evaluated and the conclusion written."""
        self.through_do(cycle, story)
        evaluations = list(story.evaluations)
        remaining = cycle.criteria.count() - len(evaluations)
        evaluations += [Evaluation("met", "Gezien in de klassenbezoeken.")] * max(remaining, 0)
        check_done = _at(self.due[cycle.pk][Kind.CHECK] - timedelta(days=2), 15)
        self.evaluate(cycle, evaluations, until=check_done - timedelta(days=1))
        with self.step(cycle, check_done - timedelta(days=1)):
            services.check_conclusion_save(
                cycle=cycle, user=cycle.owner, conclusion=story.conclusion
            )
        with self.completes(cycle, Kind.CHECK):
            services.phase_complete(cycle=cycle, kind=Kind.CHECK, user=cycle.owner)

    def anchored(self, story, due):
        """Decided to anchor: a new agreement on the story's card."""
        cycle = self.cycle(story, owner=self.teacher(0), team=self.team(1), due=due)
        self.through_check(cycle, story)
        card = self.cards.get(story.card)
        anchor = None
        if card is not None:
            anchor = {
                "how": services.ANCHOR_NEW_AGREEMENT,
                "card": card,
                "text": story.agreement,
                "owner": cycle.owner,
                "check_interval_months": 3,
                "first_check_on": self.today + timedelta(days=AGREEMENT_FIRST_CHECK_DAYS),
            }
        with self.completes(cycle, Kind.ACT):
            services.act_decide(
                cycle=cycle,
                user=self.leader,
                decision=Cycle.Decision.ANCHOR if anchor else Cycle.Decision.STOP,
                note=story.decision,
                anchor=anchor,
            )

    def chain(self, story, rounds):
        """Adjusted twice: two closed cycles and an open follow-up, each the next one's start."""
        first = self.cycle(story, owner=self.teacher(3), team=self.team(2), due=rounds[0])
        self.through_check(first, story)
        titles = [title.format(title=story.title) for title in CHAIN_ROUND_TITLES]
        second = self.adjust(first, story.decision, rounds[1], titles[0])
        follow = story.follow_up
        second_round = replace(
            story,
            actions=follow.actions,
            evaluations=follow.evaluations,
            conclusion=follow.conclusion,
            decision=follow.decision,
            follow_up=None,
        )
        self.through_check(second, second_round)
        return self.adjust(second, follow.decision, rounds[2], titles[1])

    def adjust(self, cycle, note, due, title):
        """Decide to adjust; the next morning the coordinator schedules the follow-up and its
        owner names the new round and sets its date, as the Plan asks."""
        with self.completes(cycle, Kind.ACT):
            follow_up = services.act_decide(
                cycle=cycle, user=self.leader, decision=Cycle.Decision.ADJUST, note=note
            )
        decided = self.last[cycle.pk]
        due_dates = self.days(due)
        self.due[follow_up.pk], self.last[follow_up.pk] = due_dates, decided
        with self.step(follow_up, _at(timezone.localdate(decided) + timedelta(days=1), 9)):
            services.phases_schedule(
                cycle=follow_up, user=self.coordinator, due_dates=due_dates, owners={}
            )
        with self.step(follow_up, self.last[follow_up.pk] + timedelta(minutes=20)):
            services.plan_update(
                cycle=follow_up,
                user=follow_up.owner,
                title=title,
                owner=follow_up.owner,
                team=follow_up.team,
                cards=list(follow_up.cards.all()),
                goal_what=follow_up.goal_what,
                goal_measure=follow_up.goal_measure,
                goal_date=due_dates[Kind.ACT],
                reason=follow_up.reason,
            )
        return follow_up

    def from_indicator(self, story, due):
        """Started from an indicator that asks for action, with a criterion measured by it."""
        rows = dataplan_selectors.plan_rows(school=self.school, active_only=True)
        breaching = [row for row in rows if row.status.state == ACTION]
        if not breaching:
            return None
        ranked = sorted(
            breaching,
            key=lambda row: (
                self.preferred.index(row.indicator.name)
                if row.indicator.name in self.preferred
                else len(self.preferred)
            ),
        )
        row = ranked[0]
        indicator = row.indicator
        if indicator.name not in self.preferred:  # the story would not fit this one
            story = replace(PRIMARY["indicator"], card=None)
        unit = f" {indicator.unit}" if indicator.unit else ""
        worst = row.status.breaching[0]
        group = f"{worst.group_name}: " if worst.group_name else ""
        origin_note = (
            f"Laatste meting {group}{_number(worst.value)}{unit}, "
            f"de norm is {_number(indicator.norm)}{unit}"
        )
        target = indicator.target if indicator.target is not None else indicator.norm
        bound = "minstens" if indicator.higher_is_better else "hoogstens"
        criteria = [
            (f"{indicator.name}: elke groep {bound} op {_number(target)}{unit}", indicator, target),
            *((text, None, None) for text in story.criteria),
        ]
        cycle = self.cycle(
            story,
            title=story.title.format(indicator=indicator.name)[:150],
            owner=self.teacher(4) if len(self.teachers) > 4 else self.coordinator,
            team=self.team(3),
            due=due,
            origin=Cycle.Origin.INDICATOR,
            indicator=indicator,
            origin_note=origin_note,
            criteria=criteria,
        )
        self.through_do(cycle, story, complete=False)
        return cycle


def _number(value):
    value = Decimal(value).normalize()
    return f"{value:f}".replace(".", ",")
