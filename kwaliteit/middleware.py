import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db.models import Min
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from .models import School


class UserLanguageMiddleware:
    """A signed-in person without a language cookie gets the language of their profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.language
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class HtmxLoginRedirectMiddleware:
    """A fragment request whose session expired sends the whole page to the login screen,
    instead of swapping the login page into a fragment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        login_url = resolve_url(settings.LOGIN_URL)
        if (
            getattr(request, "htmx", False)
            and response.status_code == 302
            and response["Location"].startswith(login_url)
        ):
            return HttpResponseClientRedirect(response["Location"])
        return response


class PrivateNoStoreMiddleware:
    """Nothing a signed-in person sees, and no downloaded file, is kept by the browser or a
    proxy: on a shared staff-room computer the back button must not show the last person's
    pages after they signed out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        download = response.get("Content-Disposition", "").startswith("attachment")
        if signed_in or download:
            response["Cache-Control"] = "private, no-store"
        return response


SESSION_SEEN_KEY = "_kw_seen"
SESSION_LIMIT_KEY = "_kw_idle_seconds"
# The last-activity mark (and the session's expiry) is written at most this often, so that a
# busy page does not write the session on every request.
SESSION_REFRESH_SECONDS = 60


def session_idle_seconds(user):
    """How long this person may stay idle: the strictest of the schools they work in."""
    hours = (
        School.objects.filter(memberships__user=user, memberships__is_active=True).aggregate(
            hours=Min("session_idle_hours")
        )["hours"]
        or settings.SESSION_IDLE_HOURS
    )
    return hours * 60 * 60


class SessionIdleMiddleware:
    """Signs a person out after their schools' idle limit without a request (sliding)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            now = int(time.time())
            seen = session.get(SESSION_SEEN_KEY)
            limit = session.get(SESSION_LIMIT_KEY, settings.SESSION_IDLE_HOURS * 60 * 60)
            if seen is not None and now - seen > limit:
                logout(request)
                messages.info(
                    request, _("You were signed out because the page was left unused for a while.")
                )
                return redirect_to_login(request.get_full_path())
            if seen is None or now - seen >= SESSION_REFRESH_SECONDS:
                limit = session_idle_seconds(user)
                session[SESSION_SEEN_KEY] = now
                session[SESSION_LIMIT_KEY] = limit
                session.set_expiry(limit)
        return self.get_response(request)
