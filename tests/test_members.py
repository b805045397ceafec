"""A coordinator manages teams and members; a school never loses its last coordinator."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from kwaliteit import services
from kwaliteit.models import Membership, Role, Team, User

from .factories import MembershipFactory, SchoolFactory


def test_invite_creates_person_and_sends_a_set_password_link(
    world, django_capture_on_commit_callbacks
):
    client = world.client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("kwaliteit:member-invite", args=[world.school.slug]),
            {
                "email": "Nieuw@Regenboog.example",
                "full_name": "Nieuwe Collega",
                "role": "teacher",
                "teams": [world.team.pk],
            },
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="nieuw@regenboog.example")
    assert membership.role == "teacher"
    assert list(membership.teams.all()) == [world.team]
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@regenboog.example"]
    assert "/wachtwoord-instellen/" in mail.outbox[0].body
    assert world.school.name in mail.outbox[0].subject


def test_the_invite_link_sets_a_password_and_logs_in(
    world, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_invite(
            school=world.school,
            email="n@regenboog.example",
            full_name="N",
            role="teacher",
            teams=[],
            invited_by=world.users["coordinator"],
        )
    link = next(line for line in mail.outbox[0].body.splitlines() if "wachtwoord-instellen" in line)
    response = client.get(link.strip().removeprefix("http://testserver"), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "een-lang-wachtwoord-42", "new_password2": "een-lang-wachtwoord-42"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="n@regenboog.example").check_password("een-lang-wachtwoord-42")


def test_inviting_a_member_twice_is_refused(world):
    client = world.client_for("coordinator", language="en")
    response = client.post(
        reverse("kwaliteit:member-invite", args=[world.school.slug]),
        {"email": "TEACHER@regenboog.example", "full_name": "Dubbel", "role": "teacher"},
    )
    assert response.status_code == 200
    assert "already a member" in response.content.decode()
    assert Membership.objects.filter(school=world.school).count() == 4
    assert not mail.outbox


def test_existing_person_from_another_school_is_added_without_new_account(
    world, django_capture_on_commit_callbacks
):
    outsider = world.users["outsider"]
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_invite(
            school=world.school,
            email=outsider.email,
            full_name="ignored",
            role="viewer",
            teams=[],
            invited_by=world.users["coordinator"],
        )
    assert User.objects.filter(email=outsider.email).count() == 1
    assert outsider.memberships.count() == 2
    assert "/wachtwoord-instellen/" not in mail.outbox[0].body


def test_last_coordinator_cannot_lose_the_role(world):
    membership = Membership.objects.get(user=world.users["coordinator"], school=world.school)
    client = world.client_for("coordinator")
    response = client.post(
        reverse("kwaliteit:member-edit", args=[world.school.slug, membership.pk]),
        {"role": "teacher", "is_active": "on"},
    )
    assert "enige actieve kwaliteitscoördinator" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "coordinator"


def test_last_coordinator_cannot_be_deactivated(world):
    membership = Membership.objects.get(user=world.users["coordinator"], school=world.school)
    with (
        translation.override("nl"),
        pytest.raises(ValidationError, match="enige actieve kwaliteitscoördinator"),
    ):
        services.membership_update(
            membership=membership, role="coordinator", teams=[], is_active=False
        )
    membership.refresh_from_db()
    assert membership.is_active


def test_role_change_with_a_second_coordinator_works(world):
    MembershipFactory(school=world.school, role=Role.COORDINATOR)
    membership = Membership.objects.get(user=world.users["coordinator"], school=world.school)
    services.membership_update(
        membership=membership, role="teacher", teams=[world.team], is_active=True
    )
    membership.refresh_from_db()
    assert membership.role == "teacher"


def test_deactivated_member_loses_access(world):
    membership = Membership.objects.get(user=world.users["teacher"], school=world.school)
    services.membership_update(membership=membership, role="teacher", teams=[], is_active=False)
    client = world.client_for("teacher")
    assert client.get(reverse("kwaliteit:home", args=[world.school.slug])).status_code == 404


def test_team_names_are_unique_per_school(world):
    client = world.client_for("coordinator")
    response = client.post(
        reverse("kwaliteit:teams", args=[world.school.slug]), {"name": "bovenbouw"}
    )
    assert response.status_code == 200
    assert Team.objects.filter(school=world.school).count() == 1
    other = SchoolFactory()
    services.team_save(school=other, name="Bovenbouw")  # another school may use the name


def test_leader_sees_members_but_cannot_change_them(world):
    client = world.client_for("leader")
    page = client.get(reverse("kwaliteit:members", args=[world.school.slug])).content.decode()
    assert world.users["teacher"].email in page
    assert reverse("kwaliteit:member-invite", args=[world.school.slug]) not in page
    response = client.post(reverse("kwaliteit:teams", args=[world.school.slug]), {"name": "Nieuw"})
    assert response.status_code == 403
    assert not Team.objects.filter(name="Nieuw").exists()


def test_switching_school_lists_only_own_schools(world):
    other = SchoolFactory(name="IKC De Horizon", slug="horizon")
    MembershipFactory(user=world.users["teacher"], school=other)
    client = world.client_for("teacher")
    html = client.get(reverse("kwaliteit:home", args=["horizon"])).content.decode()
    assert "IKC De Horizon" in html and "OBS De Regenboog" in html
    assert "CBS Elders" not in html
    # "/" brings the teacher back to the school they used last
    assert client.get("/")["Location"] == reverse("kwaliteit:home", args=["horizon"])


def test_invite_mail_shows_school_names_as_written(world, django_capture_on_commit_callbacks):
    world.school.name = "OBS A & B <De Brug>"
    world.school.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_invite(
            school=world.school,
            email="x@regenboog.example",
            full_name="Ans & Bert",
            role="teacher",
            teams=[],
            invited_by=world.users["coordinator"],
        )
    message = mail.outbox[0]
    assert "OBS A & B <De Brug>" in message.subject
    assert "OBS A & B <De Brug>" in message.body
    html = message.alternatives[0][0]
    assert "OBS A &amp; B &lt;De Brug&gt;" in html


def test_another_schools_people_and_teams_are_not_found(world):
    from .factories import TeamFactory

    foreign = MembershipFactory(school=world.other_school)
    foreign_team = TeamFactory(school=world.other_school)
    client = world.client_for("coordinator")
    slug = world.school.slug
    assert client.get(reverse("kwaliteit:member-edit", args=[slug, foreign.pk])).status_code == 404
    assert (
        client.get(reverse("kwaliteit:team-edit", args=[slug, foreign_team.pk])).status_code == 404
    )
    response = client.post(
        reverse("kwaliteit:member-invite", args=[slug]),
        {
            "email": "n@regenboog.example",
            "full_name": "N",
            "role": "teacher",
            "teams": [foreign_team.pk],
        },
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user__email="n@regenboog.example").exists()
