"""Log in, language, health: the pages around the school pages."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import selectors
from ..decorators import public_view
from ..forms import EmailAuthenticationForm, PasswordResetForm

login = public_view(
    auth_views.LoginView.as_view(
        authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
    )
)

logout = public_view(auth_views.LogoutView.as_view())


@public_view
def healthz(request):
    """A bare page: load balancers poll it, and `make bench` uses it as its baseline."""
    return HttpResponse("ok", content_type="text/plain")


@public_view
def home(request):
    """Send people to the school they used last; a board member who works in none of its
    schools to the board's roll-up; else the first school they belong to."""
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    schools = list(selectors.schools_for_user(user=request.user))
    slugs = {school.slug for school in schools}
    last = request.session.get("school")
    if last in slugs:
        return redirect("kwaliteit:home", last)
    if not request.user.memberships.filter(is_active=True).exists():
        board = request.user.boards.order_by("name").first()
        if board is not None:
            return redirect("board", board.slug)
    if schools:
        return redirect("kwaliteit:home", schools[0].slug)
    return render(request, "kwaliteit/no_school.html")


@public_view
@require_POST
def set_language(request):
    """Switch the interface language; a signed-in person keeps the choice in their profile."""
    language = request.POST.get("language")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    translation.activate(language)
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE or 60 * 60 * 24 * 365,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        httponly=True,
    )
    return response


password_change = login_required(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done"))
)
password_change_done = login_required(auth_views.PasswordChangeDoneView.as_view())
password_reset = public_view(
    auth_views.PasswordResetView.as_view(
        form_class=PasswordResetForm,
    )
)
password_reset_done = public_view(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = public_view(auth_views.PasswordResetConfirmView.as_view())
password_reset_complete = public_view(auth_views.PasswordResetCompleteView.as_view())
