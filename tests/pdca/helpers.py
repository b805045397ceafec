"""Cycles built through the services, as the pages would build them."""

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from pdca import services
from pdca.models import Action, Cycle, Phase

from ..factories import MeasurementFactory


def make_cycle(world, *, owner=None, user=None, title="Begrijpend lezen omhoog", **kwargs):
    """A cycle in its Plan with a complete goal and one criterion tied to world.indicator."""
    owner = owner or world.users["teacher"]
    values = {
        "team": world.team,
        "cards": [world.card],
        "goal_what": "Leerlingen in groep 5 lezen beter.",
        "goal_measure": "80% haalt de norm.",
        "goal_date": date(2026, 6, 30),
        "reason": "De leesresultaten vielen tegen.",
        "criteria": [("80% haalt de norm", world.indicator, Decimal("80"))],
    }
    values.update(kwargs)
    return services.cycle_create(
        school=world.school,
        user=user or world.users["coordinator"],
        title=title,
        owner=owner,
        **values,
    )


def complete_plan(cycle, user):
    services.phase_complete(cycle=cycle, kind="plan", user=user)


def complete_do(cycle, user):
    action = services.action_add(
        cycle=cycle,
        user=user,
        description="Elke dag stillezen",
        owner=cycle.owner,
        due_on=timezone.localdate() + timedelta(days=30),
    )
    services.action_update(
        action=action,
        user=user,
        description=action.description,
        owner=action.owner,
        due_on=action.due_on,
        status="done",
    )
    services.phase_complete(cycle=cycle, kind="do", user=user)


def complete_check(cycle, user):
    for criterion in cycle.criteria.all():
        services.criterion_evaluate(criterion=criterion, user=user, result="met", evidence="82%")
    services.check_conclusion_save(cycle=cycle, user=user, conclusion="Het werkt.")
    services.phase_complete(cycle=cycle, kind="check", user=user)


def to_act(cycle, user):
    """Plan, Do and Check completed: the cycle waits for its Act."""
    complete_plan(cycle, user)
    complete_do(cycle, user)
    complete_check(cycle, user)
    return Cycle.objects.get(pk=cycle.pk)


def walk_cycle(world):
    """The cycle every pdca route is walked with: a teacher's follow-up cycle in its Plan, with
    a criterion, an action of the teacher and a predecessor (so the chain shows)."""
    cached = getattr(world, "_pdca_cycle", None)
    if cached is not None:
        return cached
    coordinator = world.users["coordinator"]
    first = to_act(make_cycle(world, title="Lezen, eerste ronde"), coordinator)
    cycle = services.act_decide(cycle=first, user=coordinator, decision="adjust", note="Bijstellen")
    action = services.action_add(
        cycle=cycle,
        user=coordinator,
        description="Leesmaatjes inzetten",
        owner=world.users["teacher"],
        due_on=timezone.localdate() + timedelta(days=14),
    )
    world._pdca_cycle = cycle
    world._pdca_action = action
    return cycle


def walk_kwargs(world, route_name):
    cycle = walk_cycle(world)
    return {
        "pk": cycle.pk,
        "criterion_pk": cycle.criteria.first().pk,
        "action_pk": world._pdca_action.pk,
        "kind": "plan",
    }


def add_rows(world, i):
    """One more of everything the pdca pages list: a cycle with phases, criteria, actions,
    notes and events; more criteria, actions, notes and measurements on the walked cycle; and a
    chain that grows."""
    coordinator = world.users["coordinator"]
    other = make_cycle(world, owner=coordinator, title=f"Traject {i}")
    services.action_add(
        cycle=other,
        user=coordinator,
        description=f"Actie {i}",
        owner=world.users["teacher"],
        due_on=timezone.localdate() - timedelta(days=3),
    )
    services.note_add(cycle=other, author=coordinator, text=f"Notitie {i}")
    cycle = walk_cycle(world)
    services.criterion_add(
        cycle=cycle,
        user=coordinator,
        description=f"Criterium {i}",
        indicator=world.indicator,
        target_value=Decimal("70"),
    )
    services.action_add(
        cycle=cycle,
        user=coordinator,
        description=f"Actie {i}",
        owner=world.users["teacher"],
        due_on=timezone.localdate() + timedelta(days=i),
    )
    services.note_add(cycle=cycle, author=coordinator, text=f"Voortgang {i}")
    MeasurementFactory(indicator=world.indicator, measured_on=timezone.localdate())
    if i % 5 == 0:  # a chain of adjusted cycles that grows with the data
        last = Cycle.objects.filter(
            school=world.school, title__startswith="Keten", closed_at=None
        ).first()
        if last is None:
            make_cycle(world, owner=coordinator, title="Keten")
        else:
            Cycle.objects.filter(pk=last.pk).update(goal_date=date(2026, 6, 30))
            last = to_act(last, coordinator)
            services.act_decide(cycle=last, user=coordinator, decision="adjust", note="Verder")


# The service tests' cycle and its steps (tests/pdca/test_services*.py)


def _messages(error):
    return " ".join(error.value.messages)


def services_cycle(world):
    """The cycle the service tests start from: a teacher's, in its Plan, with one criterion."""
    return services.cycle_create(
        school=world.school,
        user=world.users["coordinator"],
        title="Begrijpend lezen groep 6",
        owner=world.users["teacher"],
        team=world.team,
        cards=[world.card],
        goal_what="Meer leerlingen lezen op niveau",
        goal_measure="80% haalt de norm",
        goal_date=date(2027, 6, 1),
        criteria=[("80% op niveau in de M-toets", world.indicator, Decimal("80"))],
    )


Kind = Phase.Kind


def _through_do(cycle, user):
    services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=user)
    action = services.action_add(
        cycle=cycle, user=user, description="Leesgroepjes", owner=user, due_on=date(2027, 1, 1)
    )
    services.action_update(
        action=action,
        user=user,
        description=action.description,
        owner=user,
        due_on=action.due_on,
        status=Action.Status.DONE,
    )
    services.phase_complete(cycle=cycle, kind=Kind.DO, user=user)


def _through_check(cycle, user):
    _through_do(cycle, user)
    for criterion in cycle.criteria.all():
        services.criterion_evaluate(
            criterion=criterion, user=user, result="met", evidence="82% op niveau"
        )
    services.check_conclusion_save(cycle=cycle, user=user, conclusion="Doel gehaald.")
    services.phase_complete(cycle=cycle, kind=Kind.CHECK, user=user)


# The pages (tests/pdca/test_pages*.py)

TODAY = timezone.localdate()


def url(world, name, *args):
    return reverse(f"pdca:{name}", args=[world.school.slug, *args])


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def follow(client, path, data=None):
    return client.post(path, data or {}, follow=True)


def new_cycle_data(world, initial, **extra):
    data = {
        "title": initial.get("title", "Nieuw traject"),
        "goal_what": "Beter lezen",
        "goal_measure": "80%",
        "goal_date": "2026-06-30",
        "reason": initial.get("reason", ""),
        "owner": initial.get("owner", world.users["coordinator"].pk),
        "team": initial.get("team") or "",
        "cards": initial.get("cards", []),
        "criterion": initial.get("criterion", ""),
        "criterion_indicator": initial.get("criterion_indicator") or "",
        "criterion_target": initial.get("criterion_target") or "",
    }
    for kind in Phase.Kind.values:
        data[f"due_{kind}"] = initial[f"due_{kind}"].isoformat()
    data.update(extra)
    return data
