"""A signed-in page left unused longer than the school allows is signed out (sliding)."""

import time

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kwaliteit.middleware import SESSION_SEEN_KEY
from kwaliteit.models import Role
from kwaliteit.services import school_session_idle_set

from .factories import MembershipFactory, SchoolFactory
from .helpers.pages import get

HOUR = 60 * 60


def idle_for(client, seconds):
    """Pretend the last request of this session was `seconds` ago."""
    session = client.session
    session[SESSION_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def home(world):
    return reverse("kwaliteit:home", args=[world.school.slug])


def test_by_default_staff_are_signed_out_after_eight_hours_idle(world):
    client = world.client_for("teacher")
    assert get(client, home(world)).status_code == 200
    idle_for(client, 8 * HOUR + 60)
    response = get(client, home(world))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={home(world)}"
    assert get(client, home(world)).status_code == 302, "the session itself has ended"


def test_an_active_session_stays_signed_in(world):
    client = world.client_for("teacher")
    assert get(client, home(world)).status_code == 200
    idle_for(client, 7 * HOUR)
    assert get(client, home(world)).status_code == 200
    # The request just now counts as activity: the clock starts again.
    idle_for(client, 7 * HOUR)
    assert get(client, home(world)).status_code == 200


def test_the_school_limit_applies(world):
    school_session_idle_set(school=world.school, hours=2)
    client = in_english(world.client_for("teacher"))
    assert get(client, home(world)).status_code == 200
    assert client.session.get_expiry_age() == 2 * HOUR
    idle_for(client, HOUR)
    assert get(client, home(world)).status_code == 200
    idle_for(client, 2 * HOUR + 60)
    response = get(client, home(world), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "You were signed out because the page was left unused" in response.content.decode()


def test_a_person_in_several_schools_gets_the_strictest_limit(world):
    teacher = world.users["teacher"]
    strict = SchoolFactory(slug="streng")
    MembershipFactory(user=teacher, school=strict, role=Role.TEACHER)
    school_session_idle_set(school=strict, hours=1)
    client = world.client_for("teacher")
    assert get(client, home(world)).status_code == 200
    idle_for(client, HOUR + 60)
    assert get(client, home(world)).status_code == 302


def test_a_coordinator_sets_the_limit_with_bounds(world):
    client = in_english(world.client_for("coordinator"))
    url = reverse("kwaliteit:security", args=[world.school.slug])
    response = client.post(url, {"session_idle_hours": "0"})
    assert response.status_code == 200
    assert response.context["form"].errors["session_idle_hours"] == ["Choose at least 1 hour."]
    response = client.post(url, {"session_idle_hours": "200"})
    assert response.context["form"].errors["session_idle_hours"] == ["Choose at most 72 hours."]
    world.school.refresh_from_db()
    assert world.school.session_idle_hours == 8
    response = client.post(url, {"session_idle_hours": "4"})
    assert response.status_code == 302
    world.school.refresh_from_db()
    assert world.school.session_idle_hours == 4


def test_the_service_refuses_a_limit_out_of_bounds(world):
    from django.core.exceptions import ValidationError

    with translation.override("en"), pytest.raises(ValidationError, match="between 1 and 72"):
        school_session_idle_set(school=world.school, hours=100)


def test_an_idle_htmx_request_sends_the_whole_page_to_login(world):
    client = world.client_for("coordinator")
    assert get(client, home(world)).status_code == 200
    idle_for(client, 8 * HOUR + 60)
    response = get(client, reverse("pdca:list", args=[world.school.slug]), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("login"))
