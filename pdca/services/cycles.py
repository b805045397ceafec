"""Writes of the improvement cycles. Phases complete in order; Check and Act cannot be skipped.

Every change to a cycle's phases happens under a lock on the cycle row, so two people completing
or reopening at the same moment cannot leave the phases out of order.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kwaliteit import audit, clock
from kwaliteit.models import Membership
from kwaliteit.reminders import resolve_for
from kwaliteit.schoolyear import DEFAULT_START, SchoolYear

from ..models import Action, Cycle, Phase, SuccessCriterion

Kind = Phase.Kind

# Where the phases land in a school year by default: Do until spring, Check before summer,
# Act before the year ends, so that what is decided can start in the next year. These days
# serve the Dutch and the Flemish year alike; a year that starts in another season (a
# programme's own start) gets the same places counted from its start: the end of its 8th,
# 10th and 11th month.
DEFAULT_MONTH_DAY = {Kind.DO: (3, 31), Kind.CHECK: (5, 31), Kind.ACT: (6, 30)}
DEFAULT_MONTH_OF_YEAR = {Kind.DO: 8, Kind.CHECK: 10, Kind.ACT: 11}
PLAN_WEEKS = 4


def default_due_dates(today, *, start=DEFAULT_START):
    """Plan a month from now; Do, Check and Act in this school year (of a school whose year
    starts on `start`), or the next one when this year's dates come too soon after the Plan."""
    plan = today + timedelta(weeks=PLAN_WEEKS)
    year = SchoolYear.of(today, start)
    if _phase_days(year)[Kind.DO] <= plan + timedelta(weeks=6):
        year = year.shifted(1)
    return {Kind.PLAN: plan, **_phase_days(year)}


def _phase_days(year):
    """Each phase's default day in a school year: its calendar day, the first time it comes
    round after the phase before; counted from the year's start when that runs past its end."""
    days, previous = {}, year.first_day
    for kind, (month, day) in DEFAULT_MONTH_DAY.items():
        moment = date(previous.year, month, day)
        if moment < previous:
            moment = date(previous.year + 1, month, day)
        days[kind] = previous = moment
    if days[Kind.ACT] <= year.last_day:
        return days
    first = year.first_day.replace(day=1)
    return {
        kind: first + relativedelta(months=number, days=-1)
        for kind, number in DEFAULT_MONTH_OF_YEAR.items()
    }


def _is_member(school, user):
    return (
        user is not None
        and Membership.objects.filter(school=school, user=user, is_active=True).exists()
    )


def _check_member(school, user, field):
    if not _is_member(school, user):
        raise ValidationError({field: _("Choose someone who is a member of this school.")})


def _check_due_dates(due_dates):
    """Each phase's due date lies on or after the previous phase's."""
    errors = {}
    previous = None
    for kind in Phase.ORDER:
        day = due_dates.get(kind)
        if day is None:
            errors[f"due_{kind}"] = _("Choose a due date for this phase.")
        elif previous is not None and day < previous[1]:
            errors[f"due_{kind}"] = _(
                "The %(phase)s cannot be due before the %(previous)s (%(date)s)."
            ) % {
                "phase": Kind(kind).label,
                "previous": Kind(previous[0]).label,
                "date": formats.date_format(previous[1], "SHORT_DATE_FORMAT"),
            }
        if day is not None:
            previous = (kind, day)
    if errors:
        raise ValidationError(errors)


def _check_links(school, team, cards):
    if team is not None and team.school_id != school.pk:
        raise ValidationError({"team": _("Choose a team of this school.")})
    if any(card.school_id != school.pk for card in cards):
        raise ValidationError({"cards": _("Choose quality cards of this school.")})


def _event(cycle, user, verb, phase="", text="", **data):
    """The cycle's history (its phases, criteria, actions and decisions are recorded on it)."""
    data = {"phase": str(phase), "text": str(text)[:1000], **data}
    return audit.record(actor=user, verb=verb, obj=cycle, data=data)


def _locked(cycle):
    return Cycle.objects.select_for_update().get(pk=cycle.pk)


def _phases(cycle):
    return {phase.kind: phase for phase in cycle.phases.select_for_update().order_by("position")}


def _check_open(cycle):
    if cycle.is_closed:
        raise ValidationError(_("This cycle is closed. Reopen its Act to change it."))


@transaction.atomic
def cycle_create(
    *,
    school,
    user,
    title,
    owner,
    team=None,
    cards=(),
    goal_what="",
    goal_measure="",
    goal_date=None,
    reason="",
    origin=Cycle.Origin.SCRATCH,
    indicator=None,
    origin_note="",
    predecessor=None,
    due_dates=None,
    criteria=(),
):
    """A new cycle in its Plan phase, with four phases and their due dates.

    criteria: (description, indicator or None, target value or None) tuples.
    """
    _check_member(school, owner, "owner")
    _check_links(school, team, cards)
    if indicator is not None and indicator.school_id != school.pk:
        raise ValidationError(_("Choose an indicator of this school's dataplan."))
    defaults = default_due_dates(clock.today(), start=school.year_start)
    due_dates = {**defaults, **(due_dates or {})}
    _check_due_dates(due_dates)
    cycle = Cycle(
        school=school,
        title=title.strip(),
        owner=owner,
        team=team,
        goal_what=goal_what.strip(),
        goal_measure=goal_measure.strip(),
        goal_date=goal_date,
        reason=reason.strip(),
        origin=origin,
        indicator=indicator,
        origin_note=origin_note[:300],
        predecessor=predecessor,
        created_by=user,
    )
    cycle.full_clean(exclude=["owner", "created_by", "predecessor"])
    cycle.save()
    cycle.cards.set(cards)
    Phase.objects.bulk_create(
        Phase(cycle=cycle, kind=kind, position=position, due_on=due_dates[kind])
        for position, kind in enumerate(Phase.ORDER, start=1)
    )
    for position, (description, criterion_indicator, target) in enumerate(criteria):
        _criterion_save(
            SuccessCriterion(cycle=cycle, position=position),
            description=description,
            indicator=criterion_indicator,
            target_value=target,
        )
    _event(cycle, user, "cycle_created", Kind.PLAN, cycle.get_origin_display())
    return cycle


def _check_plan_open(cycle):
    _check_open(cycle)
    plan = cycle.phases.get(kind=Kind.PLAN)
    if plan.is_completed:
        raise ValidationError(
            _("The Plan has been completed. Reopen it, with a reason, to change the goal.")
        )


@transaction.atomic
def plan_update(
    *, cycle, user, title, owner, team, cards, goal_what, goal_measure, goal_date, reason
):
    """Change the plan itself; only while the Plan phase is open."""
    cycle = _locked(cycle)
    _check_plan_open(cycle)
    _check_member(cycle.school, owner, "owner")
    _check_links(cycle.school, team, cards)
    before = audit.snapshot(cycle, PLAN_FIELDS)
    cycle.title, cycle.owner, cycle.team = title.strip(), owner, team
    cycle.goal_what, cycle.goal_measure = goal_what.strip(), goal_measure.strip()
    cycle.goal_date, cycle.reason = goal_date, reason.strip()
    cycle.full_clean(exclude=["owner", "created_by", "predecessor"])
    cycle.save()
    cycle.cards.set(cards)
    changes = audit.changed(before, cycle, PLAN_FIELDS)
    audit.record(
        actor=user, verb="plan_changed", obj=cycle, changes=changes, data={"phase": Kind.PLAN}
    )
    return cycle


PLAN_FIELDS = (
    "title",
    "owner",
    "team",
    "cards",
    "goal_what",
    "goal_measure",
    "goal_date",
    "reason",
)


@transaction.atomic
def phases_schedule(*, cycle, user, due_dates, owners):
    """Due dates and owners per phase; completed phases keep theirs. owners: kind → user/None."""
    cycle = _locked(cycle)
    _check_open(cycle)
    phases = _phases(cycle)
    dates = {kind: phase.due_on for kind, phase in phases.items()}
    dates.update({kind: day for kind, day in due_dates.items() if not phases[kind].is_completed})
    _check_due_dates(dates)
    for kind, owner in owners.items():
        if owner is not None:
            _check_member(cycle.school, owner, f"owner_{kind}")
    changed = []
    for kind, phase in phases.items():
        if phase.is_completed:
            continue
        owner = owners.get(kind, phase.owner)
        if (phase.due_on, phase.owner_id) != (dates[kind], owner.pk if owner else None):
            phase.due_on, phase.owner = dates[kind], owner
            phase.save(update_fields=["due_on", "owner"])
            day = formats.date_format(dates[kind], "SHORT_DATE_FORMAT")
            changed.append(f"{phase.get_kind_display()}: {day}")
    if changed:
        _event(cycle, user, "plan_changed", text=", ".join(changed))
    return cycle


def _criterion_save(criterion, *, description, indicator, target_value):
    cycle = criterion.cycle
    if indicator is not None and indicator.school_id != cycle.school_id:
        raise ValidationError({"indicator": _("Choose an indicator of this school's dataplan.")})
    if target_value is not None and indicator is None:
        raise ValidationError(
            {"target_value": _("A target value needs an indicator to be measured by.")}
        )
    criterion.description = description.strip()
    criterion.indicator = indicator
    criterion.target_value = target_value
    criterion.full_clean(exclude=["cycle", "evaluated_by"])
    criterion.save()
    return criterion


@transaction.atomic
def criterion_add(*, cycle, user, description, indicator=None, target_value=None):
    cycle = _locked(cycle)
    _check_plan_open(cycle)
    position = cycle.criteria.count()
    criterion = _criterion_save(
        SuccessCriterion(cycle=cycle, position=position),
        description=description,
        indicator=indicator,
        target_value=target_value,
    )
    _event(cycle, user, "criterion_added", Kind.PLAN, criterion.description)
    return criterion


@transaction.atomic
def criterion_update(*, criterion, user, description, indicator=None, target_value=None):
    cycle = _locked(criterion.cycle)
    _check_plan_open(cycle)
    before = audit.snapshot(criterion, CRITERION_FIELDS)
    criterion = _criterion_save(
        criterion, description=description, indicator=indicator, target_value=target_value
    )
    if changes := audit.changed(before, criterion, CRITERION_FIELDS):
        audit.record(
            actor=user,
            verb="criterion_changed",
            obj=cycle,
            changes=changes,
            data={"phase": Kind.PLAN, "text": criterion.description},
        )
    return criterion


CRITERION_FIELDS = ("description", "indicator", "target_value")


@transaction.atomic
def criterion_delete(*, criterion, user):
    cycle = _locked(criterion.cycle)
    _check_plan_open(cycle)
    criterion.delete()
    _event(cycle, user, "criterion_deleted", Kind.PLAN, criterion.description)


# --- completing and reopening phases --------------------------------------------------------


def _requirements(cycle, kind):
    """What must be in place before a phase can be completed; a list of messages."""
    problems = []
    if kind == Kind.PLAN:
        if not cycle.goal_what:
            problems.append(_("Describe the goal: what should be better?"))
        if not cycle.goal_measure:
            problems.append(_("Say how much: how will you know the goal is reached?"))
        if cycle.goal_date is None:
            problems.append(_("Say by when the goal should be reached."))
        if not cycle.criteria.exists():
            problems.append(_("Add at least one success criterion."))
    elif kind == Kind.DO:
        if not cycle.actions.exists():
            problems.append(_("Add at least one action: what was done?"))
        open_actions = cycle.actions.filter(status__in=Action.OPEN).count()
        if open_actions:
            problems.append(
                ngettext(
                    "One action is still open. Mark it done or dropped first.",
                    "%(count)s actions are still open. Mark them done or dropped first.",
                    open_actions,
                )
                % {"count": open_actions}
            )
    elif kind == Kind.CHECK:
        missing = cycle.criteria.filter(result="").count()
        if missing:
            problems.append(
                _("Evaluate every success criterion: %(count)s still without evaluation.")
                % {"count": missing}
            )
        if not cycle.check_conclusion.strip():
            problems.append(_("Write the conclusion of the Check."))
    return problems


@transaction.atomic
def phase_complete(*, cycle, kind, user):
    """Complete one phase: the previous ones first, and only with what the phase requires.
    The Act is completed by deciding (act_decide)."""
    cycle = _locked(cycle)
    _check_open(cycle)
    if kind == Kind.ACT:
        raise ValidationError(_("The Act is completed by recording a decision."))
    phases = _phases(cycle)
    _check_order(phases, kind)
    problems = _requirements(cycle, kind)
    if problems:
        raise ValidationError(problems)
    phase = phases[kind]
    phase.completed_at, phase.completed_by = clock.now(), user
    phase.save(update_fields=["completed_at", "completed_by"])
    resolve_for(item_type=f"pdca.{kind}", item_ids=[phase.pk])
    _event(cycle, user, "phase_completed", kind)
    return phase


def _check_order(phases, kind):
    phase = phases[kind]
    if phase.is_completed:
        raise ValidationError(
            _("The %(phase)s has already been completed.") % {"phase": phase.get_kind_display()}
        )
    for earlier in Phase.ORDER[: Phase.ORDER.index(kind)]:
        if not phases[earlier].is_completed:
            raise ValidationError(
                _("Complete the %(earlier)s before the %(phase)s: phases go in order.")
                % {"earlier": Kind(earlier).label, "phase": phase.get_kind_display()}
            )


@transaction.atomic
def phase_reopen(*, cycle, kind, user, reason):
    """Reopen a completed phase, with a reason; the phases after it reopen too."""
    cycle = _locked(cycle)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for reopening this phase.")})
    phases = _phases(cycle)
    if not phases[kind].is_completed:
        raise ValidationError(_("This phase is not completed, so it cannot be reopened."))
    if cycle.is_closed and Cycle.objects.filter(predecessor=cycle).exists():
        raise ValidationError(
            _("A follow-up cycle already continues this cycle; work on in that one.")
        )
    reopened = []
    for later in Phase.ORDER[Phase.ORDER.index(kind) :]:
        phase = phases[later]
        if phase.is_completed:
            phase.completed_at = phase.completed_by = None
            phase.save(update_fields=["completed_at", "completed_by"])
            reopened.append(later)
    if Kind.ACT in reopened:
        cycle.closed_at = None
        cycle.save(update_fields=["closed_at"])
    for kind_reopened in reopened:
        _event(cycle, user, "phase_reopened", kind_reopened, reason)
    return cycle
