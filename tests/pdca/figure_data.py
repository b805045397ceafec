"""A school year of cycles whose figures are known by hand (tests/pdca/test_figures*.py and the
dashboard and report tests build on it)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kwaliteit.models import Team
from kwaliteit.periods import Period
from pdca.models import Cycle, Phase

from ..factories import CycleFactory, TeamFactory

TODAY = date(2026, 3, 16)
YEAR = Period(date(2025, 8, 1), date(2026, 7, 31), "dit-jaar")
ORDER = Phase.ORDER


def moment(day, hour=12, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def cycle(school, owner, *, due, done=(), closed=None, decision="", team=None, created=None,
          title=None):  # fmt: skip
    """A cycle whose phases are due on `due` (plan, do, check, act) and completed at `done`
    (moments, in order); closed at `closed` with `decision`."""
    made = CycleFactory(
        school=school, owner=owner, team=team, title=title or f"Traject {due[2]}", phases=due[0]
    )
    Cycle.objects.filter(pk=made.pk).update(
        created_at=created or moment(due[0] - timedelta(days=28)),
        closed_at=closed,
        decision=decision,
    )
    for position, kind in enumerate(ORDER):
        completed = done[position] if position < len(done) else None
        Phase.objects.filter(cycle=made, kind=kind).update(
            due_on=due[position], completed_at=completed, completed_by=owner if completed else None
        )
    return made


def due_check(check_due):
    """Due dates around a Check due on check_due."""
    return (
        check_due - timedelta(days=60),
        check_due - timedelta(days=30),
        check_due,
        check_due + timedelta(days=30),
    )


def build_year(world, *, prefix=""):
    """A school year of cycles, each commented with what it adds:

    - A: Check due 1-10-2025, done the day before → on time; now in Act (due 31-10-2025:
      an overdue Act).
    - B: Check due 10-11-2025, done that evening at 23:30 → on time; Act done 12-12-2025 (due
      10-12-2025: a late Act); closed with "anchor".
    - C: Check due 15-1-2026, not done → late and overdue; in Check since its Do was done.
    - D: Check due 1-5-2026, not done: not due yet, counted nowhere in on time; in Do.
    - E: Check due 1-12-2024 (last year), closed 1-2-2025 "adjust": outside the period.
    - F: Check due 1-11-2025 and done that day → on time; Act due 1-12-2025, done 20-2-2026
      → late; closed then with "stop".
    - G: another team's cycle in Plan.

    Returns the teams and the cycles by letter; `prefix` builds the same year again under other
    titles.
    """
    owner = world.users["teacher"]
    school, team = world.school, world.team
    other = Team.objects.filter(school=school, name="Onderbouw").first() or TeamFactory(
        school=school, name="Onderbouw"
    )
    made = {}
    a = due_check(date(2025, 10, 1))
    made["a"] = cycle(school, owner, due=a, team=team, title=f"{prefix}A",
          done=[moment(a[0]), moment(a[1]), moment(a[2] - timedelta(days=1))])  # fmt: skip
    b = due_check(date(2025, 11, 10))
    made["b"] = cycle(school, owner, due=b, team=team, title=f"{prefix}B", decision="anchor",
          done=[moment(b[0]), moment(b[1]), moment(b[2], 23, 30), moment(date(2025, 12, 12))],
          closed=moment(date(2025, 12, 12)))  # fmt: skip
    c = due_check(date(2026, 1, 15))
    made["c"] = cycle(school, owner, due=c, team=team, title=f"{prefix}C",
          done=[moment(c[0]), moment(date(2025, 12, 20))])  # fmt: skip
    d = due_check(date(2026, 5, 1))
    made["d"] = cycle(school, owner, due=d, team=team, title=f"{prefix}D", done=[moment(d[0])])
    e = due_check(date(2024, 12, 1))
    made["e"] = cycle(school, owner, due=e, team=team, title=f"{prefix}E", decision="adjust",
          done=[moment(e[0]), moment(e[1]), moment(e[2]), moment(date(2025, 2, 1))],
          closed=moment(date(2025, 2, 1)))  # fmt: skip
    f = (date(2025, 9, 1), date(2025, 10, 1), date(2025, 11, 1), date(2025, 12, 1))
    made["f"] = cycle(school, owner, due=f, team=team, title=f"{prefix}F", decision="stop",
          done=[moment(day) for day in f[:3]] + [moment(date(2026, 2, 20))],
          closed=moment(date(2026, 2, 20)))  # fmt: skip
    g = (date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1), date(2026, 7, 1))
    made["g"] = cycle(
        school, owner, due=g, team=other, title=f"{prefix}G", created=moment(date(2026, 3, 1))
    )
    return {"team": team, "other": other, **made}
