"""Log in, language, health: the pages around the school pages."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as BasePasswordResetForm
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .. import selectors
from ..decorators import public_view


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True})
    )
    error_messages = {
        "invalid_login": _("This e-mail address and password do not match. Try again."),
        "inactive": _("This account has been deactivated."),
    }


class PasswordResetForm(BasePasswordResetForm):
    """Also reaches invited people who never set a password (their invite link may be lost)."""

    def get_users(self, email):
        return get_user_model().objects.filter(email__iexact=email, is_active=True)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Queue the mail: the answer takes as long whether or not the address exists."""
        from ..tasks import send_password_reset_mail

        send_password_reset_mail.delay_on_commit(
            context["user"].pk, context["uid"], context["token"]
        )


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
    """Send people to the school they used last, or the first school they belong to."""
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    schools = list(selectors.schools_for_user(user=request.user))
    slugs = {school.slug for school in schools}
    last = request.session.get("school")
    if last in slugs:
        return redirect("kwaliteit:home", last)
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
