"""Improvement cycles at scale: 5,000 cycles in one school for the list and cycle pages, and a
reminder set of 25,000 open cycles (100,000 open phases, ~10,000 due) over the other schools.

Built with bulk_create, not with the services: the services' locks and history rows per call
would take many minutes and measure nothing the figures need.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kwaliteit.models import Membership, Role, School

from .dataset import SLUG_PREFIX, school_slug

LIST_CYCLES = 5_000
REMINDER_CYCLES = 25_000
REMINDER_DUE = 10_000  # cycles whose (open) Plan is due soon or overdue on REMINDER_DAY
# The dispatcher's "today" in the bench: fixed, so that the due set is the same every day the
# bench runs, whenever the database was built. A Monday, to include the weekly digests.
REMINDER_DAY = date(2025, 11, 17)

THEMES = [
    "Begrijpend lezen groep 6–8",
    "Rekenen: automatiseren tafels",
    "Pestprotocol",
    "Ouderbetrokkenheid",
    "Zelfstandig werken",
    "Feedback in de klas",
    "Woordenschat onderbouw",
    "Spelling groep 4–5",
]
KINDS = ["plan", "do", "check", "act"]


def _staff(school):
    return list(
        Membership.objects.filter(school=school)
        .exclude(role=Role.VIEWER)
        .order_by("id")
        .values_list("user_id", flat=True)
    )


def _aware(day, hour=14):
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def pdca_list():
    """5,000 cycles in the first bench school, in every phase, with criteria, actions, notes,
    events and cards; every twentieth cycle adjusted into a follow-up."""
    from django.contrib.contenttypes.models import ContentType

    from kwaliteit.models import AuditEvent
    from kwaliteitskaarten.models import Kwaliteitskaart
    from pdca.models import Action, Cycle, Phase, ProgressNote, SuccessCriterion

    cycle_type = ContentType.objects.get_for_model(Cycle)

    def event(cycle, actor_id, verb, phase, text=""):
        return AuditEvent(
            school_id=cycle.school_id,
            actor_id=actor_id,
            at=cycle.created_at or timezone.now(),
            verb=verb,
            content_type=cycle_type,
            object_id=str(cycle.pk),
            object_repr=cycle.title,
            data={"phase": phase, "text": text},
        )

    school = School.objects.get(slug=school_slug(0))
    staff = _staff(school)
    teams = list(school.teams.order_by("id").values_list("id", flat=True))
    cards = list(Kwaliteitskaart.objects.filter(school=school).values_list("id", flat=True))
    day0 = REMINDER_DAY
    specs = []  # (n, done phases, decision)
    for n in range(LIST_CYCLES):
        bucket = n % 20
        if bucket < 3:
            specs.append((n, 4, ["adjust", "anchor", "stop"][bucket]))
        else:
            specs.append((n, bucket % 4, ""))  # 0–3 phases done: in Plan, Do, Check or Act
    cycles = Cycle.objects.bulk_create(
        Cycle(
            school=school,
            title=f"{THEMES[n % len(THEMES)]} ({n + 1:04d})",
            goal_what="Leerlingen passen de strategie zelfstandig toe. " * 3,
            goal_measure="70% op niveau bij de volgende meting",
            goal_date=day0 + timedelta(days=200 - n % 300),
            reason="Drie metingen op rij een daling; het team wil weten wat werkt. " * 4,
            owner_id=staff[n % len(staff)],
            team_id=teams[n % len(teams)],
            origin="follow_up" if n % 20 == 1 else "scratch",
            check_conclusion="Vooruitgang, nog niet op niveau. " * 3 if done >= 3 else "",
            decision=decision,
            decision_note="Besluit van het team na de Check. " * 2 if decision else "",
            anchored_card_id=cards[n % len(cards)] if decision == "anchor" and cards else None,
            closed_at=_aware(day0 - timedelta(days=30 + n % 200)) if decision else None,
            created_by_id=staff[0],
        )
        for n, done, decision in specs
    )
    # every adjusted cycle (n % 20 == 0) is continued by the next one
    for index, cycle in enumerate(cycles):
        if index % 20 == 1:
            cycle.predecessor_id = cycles[index - 1].id
    Cycle.objects.bulk_update([c for i, c in enumerate(cycles) if i % 20 == 1], ["predecessor"])
    if cards:
        Cycle.cards.through.objects.bulk_create(
            Cycle.cards.through(cycle_id=c.id, kwaliteitskaart_id=cards[i % len(cards)])
            for i, c in enumerate(cycles)
        )
    phases, criteria, actions, notes, events = [], [], [], [], []
    for (n, done, decision), cycle in zip(specs, cycles, strict=True):
        # Completed phases lie in the past; open ones mostly ahead, one in ten overdue.
        first_due = day0 - timedelta(days=60 * done) + timedelta(days=20 + n % 40)
        if not decision and n % 10 == 5:
            first_due -= timedelta(days=40)
        owner = cycle.owner_id
        for position, kind in enumerate(KINDS):
            completed = position < done
            due_on = first_due + timedelta(days=60 * position)
            phases.append(
                Phase(
                    cycle=cycle,
                    kind=kind,
                    position=position + 1,
                    due_on=due_on,
                    owner_id=staff[(n + 7) % len(staff)] if kind == "check" else None,
                    completed_at=_aware(due_on - timedelta(days=3)) if completed else None,
                    completed_by_id=owner if completed else None,
                )
            )
            if completed:
                events.append(event(cycle, owner, "phase_completed", kind))
        evaluated = done >= 3
        for c in range(3):
            criteria.append(
                SuccessCriterion(
                    cycle=cycle,
                    description=f"Criterium {c + 1}: 70% op niveau in groep {6 + c}",
                    position=c,
                    result=["met", "partly", "not_met"][(n + c) % 3] if evaluated else "",
                    evidence="Gezien in de meting en de klassenbezoeken." if evaluated else "",
                    evaluated_at=_aware(first_due + timedelta(days=100)) if evaluated else None,
                    evaluated_by_id=owner if evaluated else None,
                )
            )
        for a in range(3):
            finished = done >= 2 or (done == 1 and a == 0)
            actions.append(
                Action(
                    cycle=cycle,
                    description=f"Actie {a + 1}: hardop voordoen en samen oefenen",
                    owner_id=staff[(n + a) % len(staff)],
                    due_on=first_due + timedelta(days=60 + 14 * a),
                    status="done" if finished else ("started" if a == 1 else "planned"),
                    finished_on=first_due + timedelta(days=60 + 14 * a) if finished else None,
                )
            )
        notes += [
            ProgressNote(cycle=cycle, author_id=owner, text=f"Voortgang week {w + 1}: loopt.")
            for w in range(2 if done >= 1 else 0)
        ]
        events.append(event(cycle, staff[0], "cycle_created", "plan"))
        events += [event(cycle, owner, "action_added", "do", "Actie") for _ in range(3)]
        if decision:
            events.append(event(cycle, owner, "decided", "act", decision))
    Phase.objects.bulk_create(phases, batch_size=5_000)
    SuccessCriterion.objects.bulk_create(criteria, batch_size=5_000)
    Action.objects.bulk_create(actions, batch_size=5_000)
    ProgressNote.objects.bulk_create(notes, batch_size=5_000)
    AuditEvent.objects.bulk_create(events, batch_size=5_000)  # one write per bulk, as imports


def pdca_reminders():
    """25,000 open cycles over the other bench schools, four open phases each (100,000), of
    which 10,000 have their Plan due within a week of REMINDER_DAY or overdue."""
    from pdca.models import Cycle, Phase

    schools = list(
        School.objects.filter(slug__startswith=SLUG_PREFIX)
        .exclude(slug=school_slug(0))
        .order_by("slug")
    )
    staff = {school.id: _staff(school) for school in schools}
    cycles = []
    for n in range(REMINDER_CYCLES):
        school = schools[n % len(schools)]
        people = staff[school.id]
        cycles.append(
            Cycle(
                school=school,
                title=f"{THEMES[n % len(THEMES)]} (herinnering {n + 1:05d})",
                goal_what="Een doel dat nog gepland wordt.",
                owner_id=people[(n // len(schools)) % len(people)],
                created_by_id=people[0],
            )
        )
    cycles = Cycle.objects.bulk_create(cycles, batch_size=5_000)
    phases = []
    for n, cycle in enumerate(cycles):
        people = staff[cycle.school_id]
        if n % 5 < 2:  # 2 in 5: REMINDER_DUE (10,000) cycles
            # due: from 30 days overdue up to 7 days ahead (the default "due soon" window)
            first_due = REMINDER_DAY + timedelta(days=(n % 38) - 30)
        else:
            first_due = REMINDER_DAY + timedelta(days=14 + n % 60)
        for position, kind in enumerate(KINDS):
            phases.append(
                Phase(
                    cycle=cycle,
                    kind=kind,
                    position=position + 1,
                    due_on=first_due + timedelta(days=60 * position) if position else first_due,
                    # one in four phases has its own owner, the rest answer to the cycle owner
                    owner_id=people[(n + position) % len(people)]
                    if (n + position) % 4 == 0
                    else None,
                )
            )
    Phase.objects.bulk_create(phases, batch_size=10_000)
