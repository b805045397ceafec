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
from . import kept

CHECK_KEPT = "kept-check"  # session key of a refused check, shown again on its page
AGREEMENT_KEPT = "kept-agreement"  # session key of a refused new agreement


@school_view("cards.edit")
@require_POST
def agreement_add(request, pk):
    card = selectors.card_get(school=request.school, pk=pk)
    form = AgreementForm(request.POST, school=request.school)
    card_url = reverse("kwaliteitskaarten:card", args=[request.school.slug, card.pk])
    if form.is_valid():
        try:
            agreement = services.agreement_add(card=card, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The agreement has been added."))
            return redirect(f"{card_url}#agreement-{agreement.pk}")
    kept.keep(request, AGREEMENT_KEPT, form, card=card.pk)
    messages.error(request, _("The agreement has not been added. Please check the form."))
    return redirect(card_url)


@school_view("agreements.check")
@require_POST
def agreement_check(request, pk):
    """The owner records whether the agreement is kept; coordinators and leaders may too.

    Either way the person goes back to the page they came from (Mijn kwaliteit or the card):
    at the agreement with the confirmation, or at the form with what they typed and the message.
    """
    agreement = selectors.agreement_get(school=request.school, pk=pk)
    if request.access.role == "teacher" and agreement.owner_id != request.user.id:
        raise PermissionDenied
    form = CheckForm(request.POST)
    back = _back(request) or _card_url(request, agreement)
    if form.is_valid():
        try:
            services.agreement_check_record(
                agreement=agreement, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The check has been recorded."))
            return redirect(f"{back}#agreement-{agreement.pk}")
    kept.keep(request, CHECK_KEPT, form, agreement=agreement.pk)
    messages.error(request, _("The check has not been recorded. Please check the form."))
    return redirect(back)


def add_error(form, error):
    """A service's refusal next to the field it is about, when it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def failed_check(request, agreements):
    """Attach a refused check form to its agreement (`agreement.failed_check`) and return it
    (None when there is none), so the page can say it came back with an error."""
    form, extra = kept.take(request, CHECK_KEPT, CheckForm)
    found = None
    for agreement in agreements:
        agreement.failed_check = form if agreement.pk == extra.get("agreement") else None
        if agreement.failed_check:
            agreement.failed_check.focus = kept.first_error(form)
            found = form
    return found


def _back(request):
    """Where the form was sent from (the register or the card), never another site."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target.split("#")[0] if safe and target else None


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
