"""Logging in with an e-mail address, throttling, password reset, language."""

from django.conf import settings
from django.core import mail
from django.urls import reverse

from kwaliteit.models import User

from .factories import PASSWORD


def login(client, email, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_login_with_email_lands_on_own_school(world, client):
    response = login(client, "TEACHER@regenboog.example", PASSWORD)
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == f"/s/{world.school.slug}/"


def test_wrong_password_gets_a_clear_message(world, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = login(client, "teacher@regenboog.example", "wrong")
    assert response.status_code == 200
    html = response.content.decode()
    assert "do not match" in html
    assert "_auth_user_id" not in client.session


def test_repeated_failures_throttle_that_account_from_that_address(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "teacher@regenboog.example", "wrong")
    locked = login(client, "teacher@regenboog.example", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_throttling_does_not_lock_colleagues_on_the_same_address(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "teacher@regenboog.example", "wrong")
    response = login(client, "leader@regenboog.example", PASSWORD)
    assert response.status_code == 302


def test_throttled_account_can_still_log_in_from_another_address(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "teacher@regenboog.example", "wrong")
    assert login(client, "teacher@regenboog.example", PASSWORD, ip="10.0.0.2").status_code == 302


def test_reset_gives_no_hint_whether_an_address_exists(
    world, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("password_reset"), {"email": "teacher@regenboog.example"})
        unknown = client.post(reverse("password_reset"), {"email": "niemand@nergens.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["teacher@regenboog.example"]]


def reset_link(client, email, capture):
    with capture(execute=True):
        client.post(reverse("password_reset"), {"email": email})
    body = mail.outbox[-1].body
    line = next(line for line in body.splitlines() if "/wachtwoord-instellen/" in line)
    return line.strip().removeprefix("http://testserver")


def test_reset_link_works_once(world, client, django_capture_on_commit_callbacks):
    link = reset_link(client, "teacher@regenboog.example", django_capture_on_commit_callbacks)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = {"new_password1": "nieuw-sterk-wachtwoord-7", "new_password2": "nieuw-sterk-wachtwoord-7"}
    assert client.post(form_url, new).status_code == 302
    assert User.objects.get(email="teacher@regenboog.example").check_password(new["new_password1"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    reused = client.get(link, follow=True)
    assert reused.context["validlink"] is False
    html = reused.content.decode()
    assert "no longer works" in html


def test_expired_reset_link_is_refused(world, client, settings, django_capture_on_commit_callbacks):
    link = reset_link(client, "teacher@regenboog.example", django_capture_on_commit_callbacks)
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert client.get(link, follow=True).context["validlink"] is False


def test_language_switch_is_remembered_in_the_profile(world):
    client = world.client_for("teacher")
    home = reverse("kwaliteit:home", args=[world.school.slug])
    response = client.post(reverse("set-language"), {"language": "en", "next": home})
    assert response["Location"] == home
    assert User.objects.get(email="teacher@regenboog.example").language == "en"
    page = client.get(home)
    assert '<html lang="en">' in page.content.decode()


def test_language_switch_refuses_foreign_redirects(world):
    client = world.client_for("teacher")
    response = client.post(
        reverse("set-language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_dutch_is_the_default(world, client):
    assert '<html lang="nl">' in client.get(reverse("login")).content.decode()


def test_logout(world):
    client = world.client_for("teacher")
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("kwaliteit:home", args=[world.school.slug])).status_code == 302


def test_throttling_ignores_how_the_address_is_typed(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "teacher@regenboog.example", "wrong")
    for variant in ("Teacher@Regenboog.example", " TEACHER@regenboog.example "):
        assert login(client, variant, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_reset_mail_is_in_the_persons_language(world, client, django_capture_on_commit_callbacks):
    User.objects.filter(email="teacher@regenboog.example").update(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "teacher@regenboog.example"})
    assert "Set a new password" in mail.outbox[0].subject
    assert "expires in 3 days" in mail.outbox[0].body
