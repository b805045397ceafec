"""Agreements: adding them to a card, recording their checks, the school-wide register."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kwaliteit.decorators import school_view

from .. import selectors, services
from ..forms import AgreementForm, CheckForm


@school_view("cards.edit")
@require_POST
def agreement_add(request, pk):
    card = selectors.card_get(school=request.school, pk=pk)
    form = AgreementForm(request.POST, school=request.school)
    if form.is_valid():
        try:
            services.agreement_add(card=card, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The agreement has been added."))
            return redirect("kwaliteitskaarten:card", request.school.slug, card.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("kwaliteitskaarten:card", request.school.slug, card.pk)


@school_view("agreements.check")
@require_POST
def agreement_check(request, pk):
    """The owner records whether the agreement is kept; coordinators and leaders may too."""
    agreement = selectors.agreement_get(school=request.school, pk=pk)
    if request.access.role == "teacher" and agreement.owner_id != request.user.id:
        raise PermissionDenied
    form = CheckForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_check_record(
                agreement=agreement, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The check has been recorded."))
            return redirect(_back(request) or _card_url(request, agreement))
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect(_card_url(request, agreement))


def _back(request):
    """Where the form was sent from (the register or the card), never another site."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if safe else None


def _card_url(request, agreement):
    return reverse("kwaliteitskaarten:card", args=[request.school.slug, agreement.card_id])


@school_view("cards.view")
def register(request):
    """Every agreement of the school with its last check; overdue checks are flagged."""
    overdue_only = request.GET.get("achterstallig") == "1"
    agreements = selectors.agreements_register(school=request.school, overdue_only=overdue_only)
    context = {
        "agreements": agreements,
        "today": timezone.localdate(),
        "overdue_only": overdue_only,
    }
    return render(request, "kwaliteitskaarten/register.html", context)
