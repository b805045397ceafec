"""The start page's rules: who may open it, what it costs, what it escapes, how long a group
gets, and how it treats the apps' attention providers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dataplan.models import Indicator
from kwaliteit import hooks
from kwaliteit.attention import AttentionItem, Kind
from kwaliteit.models import Role
from kwaliteitskaarten.models import Afspraak
from tests.factories import CycleFactory, MembershipFactory, SchoolFactory, TeamFactory
from tests.helpers.start_page import read

OVERDUE, ACTION, COMING = "Overdue", "Asks for action", "This week and next"


def today():
    return timezone.localdate()


@pytest.fixture
def quiet(world):
    """The world without its fixture's own dated things (see test_home.py)."""
    Indicator.objects.filter(pk=world.indicator.pk).update(collection_months=[])
    Afspraak.objects.filter(pk=world.agreement.pk).update(next_check_on=today() + timedelta(300))
    return world


def home_url(world):
    return reverse("kwaliteit:home", args=[world.school.slug])


def start_page(world, persona):
    response = world.client_for(persona, language="en").get(home_url(world))
    assert response.status_code == 200
    return read(response.content.decode())


def overdue_cycles(school, n, *, owner, start=0):
    for i in range(start, start + n):
        CycleFactory(
            school=school, owner=owner, title=f"Traject {i:03d}",
            phases=today() - timedelta(days=1 + i % 60),
        )  # fmt: skip


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("leader", 200),
        ("teacher", 200),
        ("viewer", 200),
        ("board_member", 200),
        ("outsider", 404),
    ],
)
def test_who_may_open_the_start_page(world, persona, status):
    assert world.client_for(persona).get(home_url(world)).status_code == status


def test_anonymous_is_sent_to_the_login(world, client):
    response = client.get(home_url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def query_count(client, url):
    client.get(url)  # warm up: session, content types
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries), "\n".join(q["sql"] for q in context.captured_queries)


@pytest.mark.parametrize("persona", ["coordinator", "leader", "teacher", "viewer", "board_member"])
def test_the_query_count_does_not_grow_with_the_number_of_cycles(quiet, persona):
    world = quiet
    client = world.client_for(persona)
    overdue_cycles(world.school, 3, owner=world.users["teacher"])
    with_three, _sql = query_count(client, home_url(world))
    overdue_cycles(world.school, 27, owner=world.users["teacher"], start=3)
    with_thirty, sql = query_count(client, home_url(world))
    assert with_thirty == with_three, sql


def test_the_query_count_does_not_grow_with_the_number_of_schools(quiet):
    world = quiet
    client = world.client_for("coordinator")
    overdue_cycles(world.school, 3, owner=world.users["teacher"])
    with_one, _sql = query_count(client, home_url(world))
    for n in range(5):
        school = SchoolFactory(board=world.board, slug=f"school-{n}")
        coordinator = MembershipFactory(school=school, role=Role.COORDINATOR).user
        overdue_cycles(school, 10, owner=coordinator)
    with_six, sql = query_count(client, home_url(world))
    assert with_six == with_one, sql
    assert "Traject 000" in client.get(home_url(world)).content.decode()


def test_a_title_with_markup_is_shown_as_text(quiet):
    CycleFactory(
        school=quiet.school, owner=quiet.users["teacher"], title="<script>alert(1)</script>",
        phases=today() - timedelta(days=2),
    )  # fmt: skip

    html = quiet.client_for("coordinator", language="en").get(home_url(quiet)).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert read(html).titles(OVERDUE) == ["<script>alert(1)</script>"]


def test_a_group_shows_ten_lines_and_links_to_the_rest(quiet):
    overdue_cycles(quiet.school, 14, owner=quiet.users["teacher"])

    page = start_page(quiet, "coordinator")

    # The ten most overdue: due 14 down to 5 days ago ("Traject 013" … "Traject 004").
    assert page.titles(OVERDUE) == [f"Traject {i:03d}" for i in range(13, 3, -1)]
    assert "And 4 more: improvement cycles." in page.text
    overdue_list = reverse("pdca:list", args=[quiet.school.slug]) + "?te_laat=on"
    assert ("improvement cycles", overdue_list) in page.links


def test_what_is_overdue_for_longer_than_half_a_year_is_left_to_the_lists(quiet):
    for title, weeks in (("Lang geleden", 27), ("Onlangs", 25)):
        made = CycleFactory(
            school=quiet.school, owner=quiet.users["teacher"], title=title,
            phases=today() - timedelta(weeks=weeks),
        )  # fmt: skip
        # only the Plan is overdue; the later phases are months ahead
        made.phases.exclude(kind="plan").update(due_on=today() + timedelta(days=200))

    page = start_page(quiet, "coordinator")

    assert page.titles(OVERDUE) == ["Onlangs"]
    since = (today() - timedelta(weeks=26)).strftime("%d-%m-%Y")
    assert f"Listed here: what became overdue since {since}." in page.text
    overdue_list = reverse("pdca:list", args=[quiet.school.slug]) + "?te_laat=on"
    assert ("overdue improvement cycles", overdue_list) in page.links


def test_the_apps_attention_items_are_grouped_and_kept_to_this_school_and_person(quiet):
    world = quiet
    teacher = world.users["teacher"]
    other_team = TeamFactory(school=world.school, name="Onderbouw")

    def indicators(*, school, user, access, today):
        yield AttentionItem(
            kind=Kind.ACTION, title="Leesresultaten <b>onder de norm</b>", url="/indicator/",
            detail="Geen verbetertraject", school_id=school.pk,
        )  # fmt: skip
        yield AttentionItem(
            kind=Kind.ACTION, title="Elders onder de norm", url="/elders/",
            school_id=world.other_school.pk,
        )  # fmt: skip

    def reflections(*, school, user, access, today):
        yield AttentionItem(
            kind=Kind.ACTION, title="Schrijf je reflectie", url="/reflectie/",
            waits_for=(teacher.pk,), school_id=school.pk,
        )  # fmt: skip
        yield AttentionItem(
            kind=Kind.ACTION, title="Teamreflectie", url="/team/", team_ids=(world.team.pk,),
        )  # fmt: skip
        yield AttentionItem(
            kind=Kind.ACTION, title="Andere team", url="/ander/", team_ids=(other_team.pk,),
        )  # fmt: skip

    def broken(**kwargs):
        raise RuntimeError("a provider that fails leaves the page standing")

    with hooks.attention_items.override(indicators, broken, reflections):
        coordinator_page = start_page(world, "coordinator")
        teacher_page = start_page(world, "teacher")
        viewer_page = start_page(world, "viewer")

    assert coordinator_page.titles(ACTION) == [
        "Leesresultaten <b>onder de norm</b>", "Schrijf je reflectie", "Teamreflectie",
        "Andere team",
    ]  # fmt: skip
    assert coordinator_page.under(ACTION)[0].facts == "Geen verbetertraject"
    assert "Elders onder de norm" not in coordinator_page.text
    assert teacher_page.titles("For you", ACTION) == ["Schrijf je reflectie"]
    assert teacher_page.titles("In your teams", ACTION) == ["Teamreflectie"]
    assert "Andere team" not in teacher_page.text
    assert "Leesresultaten" not in teacher_page.text
    assert viewer_page.counts[ACTION] == 4


def test_a_failing_address_is_for_who_sees_the_members_only(quiet):
    world = quiet
    for email, school in (("a@regenboog.example", world.school), ("b@elders.example", None)):
        membership = MembershipFactory(
            school=school or world.other_school, role=Role.TEACHER, user__email=email
        )
        membership.user.email_failing_since = timezone.now() - timedelta(days=1)
        membership.user.save()
    gone = MembershipFactory(school=world.school, role=Role.TEACHER, is_active=False)
    gone.user.email_failing_since = timezone.now()
    gone.user.save()

    coordinator_page = start_page(world, "coordinator")

    assert coordinator_page.titles("To repair") == ["a@regenboog.example"]
    for persona in ("teacher", "viewer", "board_member"):
        assert "a@regenboog.example" not in start_page(world, persona).text


def test_a_teacher_whose_own_address_fails_is_told_where_to_look(quiet):
    teacher = quiet.users["teacher"]
    teacher.email_failing_since = timezone.now() - timedelta(days=2)
    teacher.save()

    page = start_page(quiet, "teacher")

    assert page.titles("For you", "To repair") == [
        "Our e-mails to teacher@regenboog.example are not delivered"
    ]
    assert page.under("For you", "To repair")[0].url == reverse("reminder-settings")
    assert "teacher@regenboog.example" not in start_page(quiet, "viewer").text


def test_coming_means_this_week_and_next_up_to_sunday(quiet):
    day = today()
    sunday_next_week = day + timedelta(days=6 - day.weekday() + 7)  # counted by hand
    for title, due in (
        ("Zondag", sunday_next_week),
        ("Maandag erna", sunday_next_week + timedelta(1)),
    ):
        made = CycleFactory(
            school=quiet.school, owner=quiet.users["teacher"], title=title, phases=due
        )
        made.phases.exclude(kind="plan").update(due_on=day + timedelta(days=200))

    page = start_page(quiet, "coordinator")

    assert page.titles(COMING) == ["Zondag"]
    assert page.under(COMING)[0].facts == (
        f"Plan phase · due {sunday_next_week.strftime('%d-%m-%Y')} · leraar Persoon"
    )
