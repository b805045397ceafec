"""The start page per role: what each person sees of what needs attention now, and what not.

Every expectation is written out by hand from the data the test builds (never by asking the
selector), in English (`language="en"`), one language per assertion."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dataplan.models import Indicator
from kwaliteit.models import Role
from kwaliteitskaarten.models import Afspraak
from pdca.models import Phase
from tests.factories import ActionFactory, CycleFactory, MembershipFactory, TeamFactory, UserFactory
from tests.helpers.start_page import read

OVERDUE = "Overdue"
DECISION = "Waiting for a decision"
PROBLEM = "To repair"
COMING = "This week and next"
FOR_YOU, TEAMS = "For you", "In your teams"


def today():
    return timezone.localdate()


def dmy(day):
    return day.strftime("%d-%m-%Y")


def cycle(school, *, owner, plan_due, title, done=0, team=None):
    """A cycle whose Plan is due on plan_due (each next phase four weeks later), with its first
    `done` phases completed."""
    made = CycleFactory(school=school, owner=owner, title=title, phases=plan_due, team=team)
    Phase.objects.filter(cycle=made, position__lt=done).update(
        completed_at=timezone.now(), completed_by=owner
    )
    return made


@pytest.fixture
def quiet(world):
    """The world without the dated things its fixture brings along (a collection month that may
    be missed, an agreement follow-up on a fixed date), so each test sees only what it builds."""
    Indicator.objects.filter(pk=world.indicator.pk).update(collection_months=[])
    Afspraak.objects.filter(pk=world.agreement.pk).update(next_check_on=today() + timedelta(300))
    return world


@pytest.fixture
def scene(quiet, vision):
    """A school where something is overdue, waits, is broken and is coming:

    - "Lezen groep 5": the teacher's cycle, its Plan 12 days overdue;
    - "Rekenen onderbouw": a colleague's cycle (another team), its Plan 5 days overdue, with an
      action for the teacher due tomorrow ("Toetsen nakijken");
    - "Ouderavond": the coordinator's cycle in its Act, 3 days overdue;
    - "Pestprotocol": a teammate's cycle whose Plan is due the day after tomorrow;
    - the vision draft (the `vision` fixture) waits for the leader to adopt it;
    - the teammate's e-mail address bounced;
    - and an overdue cycle in another school.
    """
    world = quiet
    users = world.users
    teammate = UserFactory(full_name="Mila Teamgenoot", email="mila@regenboog.example")
    MembershipFactory(user=teammate, school=world.school, role=Role.TEACHER, teams=[world.team])
    colleague = UserFactory(full_name="Koen Collega", email="koen@regenboog.example")
    other_team = TeamFactory(school=world.school, name="Onderbouw")
    MembershipFactory(user=colleague, school=world.school, role=Role.TEACHER, teams=[other_team])
    cycle(
        world.school,
        owner=users["teacher"],
        plan_due=today() - timedelta(12),
        title="Lezen groep 5",
    )
    rekenen = cycle(
        world.school, owner=colleague, plan_due=today() - timedelta(5), title="Rekenen onderbouw"
    )
    ActionFactory(
        cycle=rekenen, owner=users["teacher"], description="Toetsen nakijken",
        due_on=today() + timedelta(1),
    )  # fmt: skip
    cycle(
        world.school,
        owner=users["coordinator"],
        plan_due=today() - timedelta(3 + 12 * 7),  # the Act is due 12 weeks after the Plan
        title="Ouderavond",
        done=3,
    )
    cycle(
        world.school, owner=teammate, plan_due=today() + timedelta(2), title="Pestprotocol",
        team=world.team,
    )  # fmt: skip
    teammate.email_failing_since = timezone.now() - timedelta(days=3)
    teammate.email_error = "550 mailbox unavailable"
    teammate.save()
    cycle(
        world.other_school, owner=users["outsider"], plan_due=today() - timedelta(4),
        title="Elders te laat",
    )  # fmt: skip
    world.teammate, world.colleague = teammate, colleague
    return world


def start_page(world, persona, language="en"):
    response = world.client_for(persona, language=language).get(
        reverse("kwaliteit:home", args=[world.school.slug])
    )
    assert response.status_code == 200
    return read(response.content.decode())


def test_the_coordinator_sees_everything_the_school_has_overdue_waiting_broken_and_coming(scene):
    page = start_page(scene, "coordinator")

    assert page.groups() == [OVERDUE, DECISION, PROBLEM, COMING]
    assert page.titles(OVERDUE) == ["Lezen groep 5", "Rekenen onderbouw", "Ouderavond"]
    facts = [line.facts for line in page.under(OVERDUE)]
    assert facts == [
        "Plan phase · 12 days overdue · leraar Persoon",
        "Plan phase · 5 days overdue · Koen Collega",
        "Act phase · 3 days overdue · kwaliteitscoördinator Persoon",
    ]
    assert page.titles(DECISION) == ["Concept: samen verder"]
    assert "schoolleider Persoon" in page.under(DECISION)[0].facts
    assert page.titles(PROBLEM) == ["mila@regenboog.example"]
    assert "Mila Teamgenoot" in page.under(PROBLEM)[0].facts
    assert "550 mailbox unavailable" in page.under(PROBLEM)[0].facts
    assert page.titles(COMING) == ["Toetsen nakijken", "Pestprotocol"]
    assert page.under(COMING)[0].facts == (
        f"Cycle action · due {dmy(today() + timedelta(1))} · leraar Persoon"
    )
    assert "Elders te laat" not in page.text


def test_every_line_links_where_it_is_fixed(scene):
    page = start_page(scene, "coordinator")
    slug = scene.school.slug
    lezen = scene.school.cycles.get(title="Lezen groep 5")
    membership = scene.teammate.memberships.get(school=scene.school)

    assert page.under(OVERDUE)[0].url == reverse("pdca:cycle", args=[slug, lezen.pk])
    assert page.under(DECISION)[0].url == reverse("kwaliteit:vision-adopt", args=[slug])
    assert page.under(PROBLEM)[0].url == (
        reverse("kwaliteit:members", args=[slug]) + f"#member-{membership.pk}"
    )


def test_the_leader_finds_the_acts_and_adoptions_under_waiting_for_a_decision(scene):
    page = start_page(scene, "leader")

    assert page.titles(OVERDUE) == ["Lezen groep 5", "Rekenen onderbouw"]
    assert page.titles(DECISION) == ["Ouderavond", "Concept: samen verder"]
    assert "3 days overdue" in page.under(DECISION)[0].facts
    assert page.titles(PROBLEM) == ["mila@regenboog.example"]  # leaders see the members page
    assert page.titles(COMING) == ["Toetsen nakijken", "Pestprotocol"]


def test_the_teacher_sees_their_own_items_first_and_never_a_colleague_outside_their_teams(scene):
    page = start_page(scene, "teacher")

    assert page.groups() == [FOR_YOU, TEAMS]
    assert page.titles(FOR_YOU, OVERDUE) == ["Lezen groep 5"]
    assert page.under(FOR_YOU, OVERDUE)[0].facts == "Plan phase · 12 days overdue"  # no own name
    assert page.titles(FOR_YOU, COMING) == ["Toetsen nakijken"]
    assert ("My quality", reverse("kwaliteitskaarten:mine", args=[scene.school.slug])) in page.links
    # the colleague of another team, the coordinator's Act, the vision draft for the leader,
    # the teammate's bounced address, another school: none of it
    for title in ("Rekenen onderbouw", "Ouderavond", "Concept: samen verder", "Elders te laat"):
        assert title not in page.all_titles()
    assert "mila@regenboog.example" not in page.text
    assert "Koen Collega" not in page.text


@pytest.mark.parametrize("persona", ["viewer", "board_member"])
def test_readers_get_counts_without_people_or_links_to_act_on(scene, persona):
    page = start_page(scene, persona)

    # Three overdue cycles (the Act counts as overdue: readers decide nothing); the vision draft
    # is not theirs to see, nor the members' addresses; an action and a Plan are coming.
    assert page.counts == {
        OVERDUE: 3,
        DECISION: 0,
        "Asks for action": 0,
        PROBLEM: 0,
        COMING: 2,
    }
    assert page.all_titles() == []
    for text in ("Lezen groep 5", "leraar Persoon", "Koen Collega", "mila@", "Concept"):
        assert text not in page.text
    hrefs = [href for _text, href in page.links]
    assert not [href for href in hrefs if "/nieuw/" in href or "vaststellen" in href]
    assert not [href for href in hrefs if href.startswith("/s/regenboog/verbetertrajecten/1")]


def test_the_page_speaks_dutch_by_default(scene):
    page = start_page(scene, "coordinator", language=None)

    assert "Te laat" in page.groups()
    lines = page.under("Te laat")
    assert lines[0].title == "Lezen groep 5"
    assert lines[0].facts.startswith("Plan-fase")


def test_a_teacher_sees_their_teams_items_after_their_own(quiet):
    """With providers that name their teams (as the apps' dated items do): a teammate's item
    comes under "In your teams", another team's never."""
    from kwaliteit import hooks
    from kwaliteit.dated import DatedItem, ItemType

    world = quiet
    other_team = TeamFactory(school=world.school, name="Onderbouw")
    teacher = world.users["teacher"]
    coordinator = world.users["coordinator"]

    def tasks(*, school_ids, start, end, open_only):
        def item(title, waits_for, team_ids, days):
            return DatedItem(
                type="test.task", id=title, school_id=world.school.pk, title=title,
                date=today() + timedelta(days), url=f"/{title}/", waits_for=waits_for,
                team_ids=team_ids,
            )  # fmt: skip

        yield item("Mine", (teacher.pk,), (), -2)
        yield item("Team", (coordinator.pk,), (world.team.pk,), -1)
        yield item("Other team", (coordinator.pk,), (other_team.pk,), -1)
        yield item("Nobody's team", (coordinator.pk,), (), 1)

    tasks.item_types = {"test.task": ItemType("task", "kwaliteit.team")}  # not registered

    with hooks.dated_items.override(tasks):
        teacher_page = start_page(world, "teacher")
        coordinator_page = start_page(world, "coordinator")

    assert teacher_page.titles(FOR_YOU, OVERDUE) == ["Mine"]
    assert teacher_page.titles(TEAMS, OVERDUE) == ["Team"]
    assert sorted(teacher_page.all_titles()) == ["Mine", "Team"]
    assert coordinator_page.titles(OVERDUE) == ["Mine", "Other team", "Team"]  # by date, title
    assert coordinator_page.titles(COMING) == ["Nobody's team"]


def test_drafts_only_for_who_may_see_them_or_whom_they_wait_for(quiet, vision):
    from kwaliteitskaarten import services as card_services
    from tests import builders

    world = quiet
    teacher, coordinator = world.users["teacher"], world.users["coordinator"]
    # A card draft ready for adoption (waits for the leaders) and the teacher's own card under
    # review (waits for the teacher to write the new draft).
    builders.card_draft(
        school=world.school, title="Concept: rekenkaart", user=coordinator, owner=coordinator,
        core="Elke dag automatiseren.",
    )  # fmt: skip
    mine = builders.adopted_card(
        school=world.school, title="Feedback geven", user=coordinator, owner=teacher,
        leader=world.users["leader"], core_values=vision["v2"].core_values.all()[:1],
    )  # fmt: skip
    card_services.card_review_start(card=mine, user=coordinator)

    coordinator_page = start_page(world, "coordinator")
    teacher_page = start_page(world, "teacher")
    viewer_page = start_page(world, "viewer")

    # Both card drafts wait for the leaders' adoption (the one under review has its core), next
    # to the vision draft; same day, so by title.
    assert coordinator_page.titles(DECISION) == [
        "Concept: rekenkaart", "Concept: samen verder", "Feedback geven",
    ]  # fmt: skip
    assert coordinator_page.titles("Asks for action") == ["Feedback geven"]
    assert teacher_page.titles(FOR_YOU, "Asks for action") == ["Feedback geven"]
    assert "Concept: rekenkaart" not in teacher_page.text
    assert teacher_page.titles(FOR_YOU, DECISION) == []  # the adoption is the leaders' part
    assert viewer_page.counts[DECISION] == 0 and viewer_page.counts["Asks for action"] == 0


def test_without_a_vision_the_page_says_to_start_there(quiet):
    world = quiet  # no `vision` fixture: nothing adopted, nothing open
    vision_url = reverse("kwaliteit:vision", args=[world.school.slug])

    coordinator_page = start_page(world, "coordinator")
    teacher_page = start_page(world, "teacher")

    assert "Start by adopting a vision" in coordinator_page.groups()
    assert ("Go to the vision", vision_url) in coordinator_page.links
    assert "Nothing needs attention now" in coordinator_page.groups()
    assert "Start by adopting a vision" not in teacher_page.text
    assert "The school has no adopted vision yet." in teacher_page.text
    assert "Nothing waits for you now." in teacher_page.text


def test_with_nothing_open_the_page_is_calm_and_shows_next_steps(quiet, vision):
    from kwaliteit.models import VisionVersion

    VisionVersion.objects.filter(pk=vision["draft"].pk).delete()  # nothing waits for adoption
    page = start_page(quiet, "coordinator")

    assert page.groups() == ["Nothing needs attention now"]
    assert ("Start an improvement cycle", reverse("pdca:new", args=["regenboog"])) in page.links
    assert "Vision: Samen leren, samen groeien" in page.text
    assert "Samen, Vertrouwen, Nieuwsgierigheid" in page.text


def test_overdue_agreement_follow_ups_and_missed_collection_moments_come_from_the_apps(quiet):
    from datetime import datetime

    from kwaliteitskaarten import services as card_services
    from tests.factories import IndicatorFactory

    world = quiet
    teacher = world.users["teacher"]
    card_services.agreement_add(
        card=world.card, text="Elke week een leesgesprek", owner=teacher,
        check_interval_months=3, first_check_on=today() - timedelta(10),
    )  # fmt: skip
    first_of_month = today().replace(day=1)
    last_month_end = first_of_month - timedelta(1)
    indicator = IndicatorFactory(
        school=world.school, name="Verzuim", owner=world.users["coordinator"],
        collection_months=[last_month_end.month],
    )  # fmt: skip
    Indicator.objects.filter(pk=indicator.pk).update(
        created_at=timezone.make_aware(datetime(2020, 1, 1))
    )  # nothing was measured in last month's collection moment: it was missed

    coordinator_page = start_page(world, "coordinator")
    teacher_page = start_page(world, "teacher")

    overdue = {line.title: line.facts for line in coordinator_page.under(OVERDUE)}
    assert overdue == {
        "Verzuim": f"Collection moment · {(today() - last_month_end).days} "
        f"day{'s' if (today() - last_month_end).days > 1 else ''} overdue · "
        "kwaliteitscoördinator Persoon",
        "Elke week een leesgesprek": "Agreement follow-up · 10 days overdue · leraar Persoon",
    }
    assert teacher_page.titles(FOR_YOU, OVERDUE) == ["Elke week een leesgesprek"]
    agreement = Afspraak.objects.get(text="Elke week een leesgesprek")
    card_url = reverse("kwaliteitskaarten:card", args=[world.school.slug, agreement.card_id])
    # On its card, where the coordinator finds it too, not on the owner's own page
    assert teacher_page.under(FOR_YOU, OVERDUE)[0].url == f"{card_url}#agreement-{agreement.pk}"
    [line] = [line for line in coordinator_page.under(OVERDUE) if line.title == agreement.text]
    assert line.url == f"{card_url}#agreement-{agreement.pk}"
