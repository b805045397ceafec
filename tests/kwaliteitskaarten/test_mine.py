"""Mijn kwaliteit: a teacher's own page, reflections (private stays private) and appreciation."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from kwaliteit.models import Role
from kwaliteitskaarten import selectors_mine, services
from kwaliteitskaarten.models import Appreciation, CardVersion, Reflection

from ..factories import MembershipFactory, TeamFactory

PRIVATE_TEXT = "Mijn exit-tickets lopen nog stroef."
TEAM_TEXT = "Wisbordjes werken goed in groep 7."


def adopt(card, world, core="Elke les eindigt met een feedbackmoment."):
    """Make the card's draft its adopted version (content is not what these tests are about)."""
    CardVersion.objects.filter(card=card, status="draft").update(
        status="adopted", core=core, adopted_on=date(2026, 1, 15), adopted_by=world.users["leader"]
    )
    return card


def new_card(world, title, team, adopted=True, owner=None):
    card = services.card_create(
        school=world.school,
        title=title,
        owner=owner or world.users["coordinator"],
        team=team,
        user=world.users["coordinator"],
    )
    return adopt(card, world, core=f"De kern van {title}.") if adopted else card


def url(world, name="mine"):
    return reverse(f"kwaliteitskaarten:{name}", args=[world.school.slug])


def reflect(client, world, card, text, visibility="private"):
    data = {"reflection-card": card.pk, "reflection-text": text}
    data["reflection-visibility"] = visibility
    return client.post(url(world, "reflection-add"), data, follow=True)


def appreciate(client, world, recipient, text="Mooie feedbackles!", card=None):
    data = {
        "appreciation-recipient": recipient.pk,
        "appreciation-card": (card or world.card).pk,
        "appreciation-text": text,
    }
    return client.post(url(world, "appreciation-add"), data, follow=True)


def error_texts(response, form):
    return [e for errors in response.context[form].errors.values() for e in errors]


# The page -----------------------------------------------------------------------------------


def test_teacher_sees_the_cards_of_their_teams_with_the_shared_core(world):
    adopt(world.card, world)
    new_card(world, "Rekenen", team=None)  # a card for the whole school
    new_card(world, "Kleuterplein", team=TeamFactory(school=world.school))  # another team
    new_card(world, "Nog een concept", team=world.team, adopted=False)
    archived = new_card(world, "Oud thema", team=world.team)
    services.card_archive(card=archived)
    response = world.client_for("teacher").get(url(world))
    assert response.status_code == 200
    assert [c.title for c in response.context["cards"]] == ["Feedback in de klas", "Rekenen"]
    assert "Elke les eindigt met een feedbackmoment." in response.content.decode()


def test_own_agreements_with_check_form_and_overdue_flag_team_agreements_without(world):
    adopt(world.card, world)
    other = services.agreement_add(
        card=world.card,
        text="Eens per maand collegiale consultatie",
        owner=world.users["leader"],
        check_interval_months=3,
        first_check_on=timezone.localdate().replace(year=timezone.localdate().year + 1),
    )
    services.agreement_check_record(
        agreement=other, result="partly", note="", checked_on=date(2026, 2, 1), user=None
    )
    response = world.client_for("teacher").get(url(world))
    ctx = response.context
    assert ctx["owned"] == [world.agreement] and ctx["overdue"] == [world.agreement]
    assert ctx["team_agreements"] == [other]
    assert ctx["team_agreements"][0].last_result == "partly"
    html = response.content.decode()
    check_url = reverse(
        "kwaliteitskaarten:agreement-check", args=[world.school.slug, world.agreement.pk]
    )
    other_url = reverse("kwaliteitskaarten:agreement-check", args=[world.school.slug, other.pk])
    assert check_url in html and other_url not in html  # only your own are checked here
    assert 'class="notice"' in html  # world.agreement was due on 1 March 2026


def nl(text):
    """A message as the (Dutch) page shows it."""
    with translation.override("nl"):
        return gettext(text)


def test_a_check_recorded_from_the_page_comes_back_to_the_page(world):
    client = world.client_for("teacher")
    check_url = reverse(
        "kwaliteitskaarten:agreement-check", args=[world.school.slug, world.agreement.pk]
    )
    today = timezone.localdate().isoformat()
    response = client.post(check_url, {"result": "kept", "checked_on": today, "next": url(world)})
    assert response["Location"] == f"{url(world)}#agreement-{world.agreement.pk}"
    page = client.get(url(world))
    assert page.context["overdue"] == []
    html = page.content.decode()
    assert f'id="agreement-{world.agreement.pk}"' in html  # the fragment lands on the agreement
    assert nl("The check has been recorded.") in html


def test_a_check_without_a_result_comes_back_on_the_page_with_the_note_kept(world):
    client = world.client_for("teacher")
    check_url = reverse(
        "kwaliteitskaarten:agreement-check", args=[world.school.slug, world.agreement.pk]
    )
    day = (timezone.localdate() - timedelta(days=2)).isoformat()
    data = {"checked_on": day, "note": "Groep 5 <b>vergat</b> het", "next": url(world)}
    response = client.post(check_url, data)
    assert response["Location"] == url(world)  # the page the teacher came from, not the card
    html = client.get(url(world)).content.decode()
    pk = world.agreement.pk
    message = f'<p class="error" id="check-result-error-{pk}">' + nl(
        "Choose whether the agreement was kept."
    )
    assert message in html  # next to the result, inside its fieldset
    assert f'aria-describedby="check-result-error-{pk}"' in html
    assert 'value="Groep 5 &lt;b&gt;vergat&lt;/b&gt; het"' in html  # the note is kept, escaped
    assert f'value="{day}"' in html  # and the date typed
    assert 'name="result" value="kept" required aria-invalid="true" autofocus' in html
    assert '<details class="check-form" open>' in html
    assert "<title>" + nl("Error: ") in html  # the page title says it came back with an error
    assert not world.agreement.checks.exists()
    # The next view of the page is clean again: the kept form is shown once.
    html = client.get(url(world)).content.decode()
    assert "check-result-error" not in html
    assert "<title>" + nl("Error: ") not in html


def test_a_check_in_the_future_comes_back_with_the_message_next_to_the_date(world):
    client = world.client_for("teacher")
    check_url = reverse(
        "kwaliteitskaarten:agreement-check", args=[world.school.slug, world.agreement.pk]
    )
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = {"result": "partly", "checked_on": future, "note": "later", "next": url(world)}
    client.post(check_url, data)
    html = client.get(url(world)).content.decode()
    pk = world.agreement.pk
    assert f'id="check-date-error-{pk}">' + nl("A check cannot be recorded in the future.") in html
    assert 'name="result" value="partly" required checked>' in html
    assert 'aria-describedby="check-date-error-' in html and "autofocus" in html


def test_page_has_labelled_forms_headings_no_tables_and_a_nav_link(world):
    adopt(world.card, world)
    html = world.client_for("teacher").get(url(world)).content.decode()
    for field in ("reflection-card", "reflection-text", "appreciation-recipient"):
        assert f'for="id_{field}"' in html
    assert "<legend" in html  # the visibility radios are a labelled group
    assert html.count("<h1") == 1 and "<table" not in html  # stacks on a 390px phone
    assert f'href="{url(world)}" aria-current="page"' in html


def test_reflection_form_defaults_to_private(world):
    adopt(world.card, world)
    form = world.client_for("teacher").get(url(world)).context["reflection_form"]
    assert form["visibility"].initial == "private"


# Reflections and privacy ----------------------------------------------------------------------


@pytest.fixture
def reflections(world):
    adopt(world.card, world)
    client = world.client_for("teacher")
    reflect(client, world, world.card, PRIVATE_TEXT, "private")
    reflect(client, world, world.card, TEAM_TEXT, "team")
    return Reflection.objects.order_by("pk")


def test_teacher_writes_a_private_and_a_team_reflection_and_sees_both(world, reflections):
    assert [(r.author, r.visibility) for r in reflections] == [
        (world.users["teacher"], "private"),
        (world.users["teacher"], "team"),
    ]
    response = world.client_for("teacher").get(url(world))
    assert {r.text for r in response.context["my_reflections"]} == {PRIVATE_TEXT, TEAM_TEXT}
    assert list(response.context["team_reflections"]) == []


@pytest.mark.parametrize("persona", ["leader", "coordinator", "viewer"])
def test_a_private_reflection_is_read_only_by_its_author(world, reflections, persona):
    """Leaders and coordinators of the same team see the team reflection, never the private."""
    response = world.client_for(persona).get(url(world))
    html = response.content.decode()
    assert PRIVATE_TEXT not in html
    assert [r.text for r in response.context["team_reflections"]] == [TEAM_TEXT]
    assert TEAM_TEXT in html
    card_page = reverse("kwaliteitskaarten:card", args=[world.school.slug, world.card.pk])
    assert PRIVATE_TEXT not in world.client_for(persona).get(card_page).content.decode()


def test_the_privacy_rule_in_the_selector(world, reflections):
    leader = world.users["leader"]
    membership = leader.memberships.get(school=world.school)
    visible = selectors_mine.reflections_visible(
        school=world.school, user=leader, membership=membership
    )
    assert [r.text for r in visible] == [TEAM_TEXT]
    outsider_team = MembershipFactory(
        school=world.school, role=Role.LEADER, teams=[TeamFactory(school=world.school)]
    )
    visible = selectors_mine.reflections_visible(
        school=world.school, user=outsider_team.user, membership=outsider_team
    )
    assert list(visible) == []
    board = selectors_mine.reflections_visible(
        school=world.school, user=world.users["board_member"], membership=None
    )
    assert list(board) == []


def test_team_reflections_stay_within_the_cards_team(world, reflections):
    other = MembershipFactory(
        school=world.school, role=Role.TEACHER, teams=[TeamFactory(school=world.school)]
    )
    client = world.client_for("teacher")
    client.force_login(other.user)
    html = client.get(url(world)).content.decode()
    assert TEAM_TEXT not in html and PRIVATE_TEXT not in html
    board_html = world.client_for("board_member").get(url(world)).content.decode()
    assert TEAM_TEXT not in board_html and PRIVATE_TEXT not in board_html


def test_a_reflection_over_1000_characters_is_not_saved_and_comes_back(world):
    adopt(world.card, world)
    response = reflect(world.client_for("teacher"), world, world.card, "x" * 1001)
    assert not Reflection.objects.exists()
    assert response.redirect_chain[-1][0].startswith(url(world))
    assert any("1000" in e for e in error_texts(response, "reflection_form"))
    assert "x" * 1001 in response.content.decode()  # what was typed is kept
    assert 'role="alert"' in response.content.decode()
    # the next visit starts with an empty form again
    again = world.client_for("teacher").get(url(world))
    assert not again.context["reflection_form"].is_bound


def test_html_in_a_reflection_is_shown_as_text(world):
    adopt(world.card, world)
    script = "<script>alert('x')</script><b>vet</b>"
    response = reflect(world.client_for("teacher"), world, world.card, script, "team")
    assert Reflection.objects.get().text == script
    html = response.content.decode()
    assert "<script>alert" not in html and "<b>vet</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    leader_html = world.client_for("leader").get(url(world)).content.decode()
    assert "<script>alert" not in leader_html and "&lt;b&gt;vet&lt;/b&gt;" in leader_html


def test_a_reflection_on_a_card_outside_your_teams_or_school_is_refused(world):
    elsewhere = new_card(world, "Kleuterplein", team=TeamFactory(school=world.school))
    foreign = services.card_create(
        school=world.other_school,
        title="Elders",
        owner=None,
        team=None,
        user=world.users["outsider"],
    )
    adopt(foreign, world)
    client = world.client_for("teacher")
    for card in (elsewhere, foreign):
        response = reflect(client, world, card, "Mag niet")
        assert error_texts(response, "reflection_form")
    concept = new_card(world, "Concept", team=world.team, adopted=False)
    assert error_texts(reflect(client, world, concept, "Nog niet"), "reflection_form")
    assert not Reflection.objects.exists()


def test_a_team_reflection_needs_a_card_with_a_team(world):
    school_card = new_card(world, "Rekenen", team=None)
    response = reflect(world.client_for("teacher"), world, school_card, "Gedeeld?", "team")
    assert response.context["reflection_form"].errors["visibility"]
    assert not Reflection.objects.exists()


# Appreciation ---------------------------------------------------------------------------------


def test_appreciation_reaches_the_colleague(world):
    adopt(world.card, world)
    response = appreciate(world.client_for("teacher"), world, world.users["leader"])
    assert response.status_code == 200
    appreciation = Appreciation.objects.get()
    assert (appreciation.author, appreciation.recipient) == (
        world.users["teacher"],
        world.users["leader"],
    )
    leader_page = world.client_for("leader").get(url(world))
    assert list(leader_page.context["appreciations"]) == [appreciation]
    assert "Mooie feedbackles!" in leader_page.content.decode()
    assert list(world.client_for("teacher").get(url(world)).context["appreciations"]) == []


def test_appreciation_to_yourself_or_outside_the_school_is_refused(world):
    adopt(world.card, world)
    client = world.client_for("teacher")
    response = appreciate(client, world, world.users["teacher"])
    assert "Waardering geef je aan een collega." in error_texts(response, "appreciation_form")
    response = appreciate(client, world, world.users["outsider"])
    assert "Kies een collega van deze school." in error_texts(response, "appreciation_form")
    assert "Kies een collega van deze school." in response.content.decode()
    assert not Appreciation.objects.exists()


def test_colleague_list_holds_the_school_without_yourself(world):
    adopt(world.card, world)
    form = world.client_for("teacher").get(url(world)).context["appreciation_form"]
    choices = {value for value, _label in form.fields["recipient"].choices if value}
    expected = {world.users[p].pk for p in ("coordinator", "leader", "viewer")}
    assert choices == expected


# Permissions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("teacher", 200),
        ("leader", 200),
        ("viewer", 200),
        ("board_member", 200),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_who_opens_the_page(world, persona, status):
    response = world.client_for(persona).get(url(world))
    assert response.status_code == status
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["viewer", "board_member"])
def test_readers_get_no_forms_and_may_not_write(world, persona):
    adopt(world.card, world)
    client = world.client_for(persona)
    response = client.get(url(world))
    assert "reflection_form" not in response.context
    assert "appreciation_form" not in response.context
    assert reflect(client, world, world.card, "Poging").status_code == 403
    assert appreciate(client, world, world.users["teacher"]).status_code == 403
    assert not Reflection.objects.exists() and not Appreciation.objects.exists()


@pytest.mark.parametrize("name", ["reflection-add", "appreciation-add"])
def test_the_write_routes_are_post_only_and_scoped(world, name):
    assert world.client_for("teacher").get(url(world, name)).status_code == 405
    assert world.client_for("outsider").post(url(world, name)).status_code == 404
    response = world.client_for("anonymous").post(url(world, name))
    assert response["Location"].startswith(reverse("login"))


# Query count ----------------------------------------------------------------------------------


def add_rows(world, n, start):
    """n more of everything the page lists or chooses from."""
    teacher, leader = world.users["teacher"], world.users["leader"]
    for i in range(start, start + n):
        MembershipFactory(school=world.school, role=Role.TEACHER, teams=[world.team])
        card = new_card(world, f"Thema {i}", team=world.team if i % 2 else None)
        for owner in (teacher, leader):
            agreement = services.agreement_add(
                card=card,
                text=f"Afspraak {i}",
                owner=owner,
                check_interval_months=3,
                first_check_on=date(2026, 1, 1),
            )
            for day in (2, 3):
                services.agreement_check_record(
                    agreement=agreement,
                    result="kept",
                    note="",
                    checked_on=date(2026, 1, day),
                    user=owner,
                )
        services.reflection_add(author=teacher, card=card, text=f"Eigen {i}", visibility="private")
        services.reflection_add(author=leader, card=world.card, text=f"Team {i}", visibility="team")
        services.reflection_add(author=leader, card=card, text=f"Privé {i}", visibility="private")
        services.appreciation_add(author=leader, recipient=teacher, card=card, text=f"Top {i}")


def count_queries(client, address):
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_query_count_does_not_grow_with_data(world):
    adopt(world.card, world)
    client = world.client_for("teacher")
    add_rows(world, 1, start=0)
    client.get(url(world))  # warm up
    with_one, _ = count_queries(client, url(world))
    add_rows(world, 49, start=1)
    with_fifty, response = count_queries(client, url(world))
    assert with_fifty == with_one <= 16
    assert len(response.context["cards"]) == 51
    assert len(response.context["owned"]) == 51


def test_query_count_with_a_form_coming_back_stays_flat(world):
    adopt(world.card, world)
    client = world.client_for("teacher")
    bad = {"reflection-card": world.card.pk, "reflection-text": "x" * 1001}
    counts = []
    for n, start in ((1, 0), (49, 1)):
        add_rows(world, n, start=start)
        client.post(url(world, "reflection-add"), bad)  # keeps the unsaved form for the page
        queries, response = count_queries(client, url(world))
        assert response.context["reflection_form"].errors
        counts.append(queries)
    assert counts[0] == counts[1] <= 16
