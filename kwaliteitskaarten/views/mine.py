"""Mijn kwaliteit: one person's cards, agreements, reflections and appreciation on one page.

Built to take under a minute a week, on a phone too: what needs a check comes first, writing a
reflection is one short form. A form with a mistake comes back on this page with what was typed
(kept for one request in the session), so the address stays the page's own.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kwaliteit.decorators import school_view

from .. import selectors_mine, services
from ..forms import AppreciationForm, CheckForm, ReflectionForm
from . import agreements as agreements_view

UNSAVED = "mine-unsaved"  # session key: the form that had a mistake, for the next page view
MAX_KEPT = 5000  # characters of each typed value kept for showing the form again


def _can_write(access):
    """Staff write reflections and appreciation; viewers and board members only read."""
    return access.can("reflections.write")


def _forms(request, cards_qs, cards, unsaved):
    """The two forms, the one that had a mistake bound to what was typed."""
    bound = unsaved or {}
    data = bound.get("data") if bound.get("form") == "reflection" else None
    reflection = ReflectionForm(data, prefix="reflection", cards_qs=cards_qs, cards=cards)
    people_qs = selectors_mine.school_people(school=request.school)
    data = bound.get("data") if bound.get("form") == "appreciation" else None
    appreciation = AppreciationForm(
        data,
        prefix="appreciation",
        author=request.user,
        people_qs=people_qs,
        people=list(people_qs),
        cards_qs=cards_qs,
        cards=cards,
    )
    # What the service refused last time, back on its field (the form alone does not know it).
    for form in (reflection, appreciation):
        if form.is_bound:
            for field, problems in bound.get("errors", {}).items():
                form.add_error(field if field in form.fields else None, problems)
    return reflection, appreciation


def _page(request, unsaved=None):
    school, user = request.school, request.user
    membership = request.access.membership
    cards_qs = selectors_mine.my_cards(school=school, membership=membership)
    cards = list(cards_qs)
    agreements = list(selectors_mine.my_agreements(school=school, user=user, membership=membership))
    owned, team_agreements, overdue = selectors_mine.split_agreements(agreements, user=user)
    failed_check_form = agreements_view.failed_check(request, owned)
    context = {
        "failed_check_form": failed_check_form,  # puts "Fout:" in the title
        "cards": cards,
        "owned": owned,
        "team_agreements": team_agreements,
        "overdue": overdue,
        "my_reflections": selectors_mine.my_reflections(
            school=school, user=user, membership=membership
        ),
        "team_reflections": selectors_mine.team_reflections(
            school=school, user=user, membership=membership
        ),
        "appreciations": selectors_mine.appreciations_received(school=school, user=user),
        "check_form": CheckForm(),
        "today": timezone.localdate(),
        "can_write": _can_write(request.access),
    }
    if context["can_write"]:
        context["reflection_form"], context["appreciation_form"] = _forms(
            request, cards_qs, cards, unsaved
        )
    return render(request, "kwaliteitskaarten/mine.html", context)


@school_view("cards.view")
def mine(request):
    return _page(request, request.session.pop(UNSAVED, None))


def _back(request, anchor, form_name=None, form=None, errors=None):
    """Back to the page; a form with a mistake is kept for the next view of the page."""
    if form is not None:
        data = {
            key: value[:MAX_KEPT]
            for key, value in request.POST.items()
            if key.startswith(form.prefix + "-")
        }
        request.session[UNSAVED] = {"form": form_name, "data": data, "errors": errors or {}}
    return redirect(reverse("kwaliteitskaarten:mine", args=[request.school.slug]) + anchor)


def _save(request, form, form_name, anchor, write, success):
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, " ".join(error.messages))
                return _back(request, anchor, form_name, form)
            # A refusal about a field is shown on that field, as the form's own mistakes are.
            errors = {field: [str(m) for m in problems] for field, problems in error}
            return _back(request, anchor, form_name, form, errors)
        messages.success(request, success)
        return _back(request, anchor)
    return _back(request, anchor, form_name, form)


@school_view("reflections.write")
@require_POST
def reflection_add(request):
    membership = request.access.membership
    cards_qs = selectors_mine.my_cards(school=request.school, membership=membership)
    form = ReflectionForm(request.POST, prefix="reflection", cards_qs=cards_qs, cards=[])
    return _save(
        request,
        form,
        "reflection",
        "#reflect",
        lambda data: services.reflection_add(author=request.user, **data),
        _("Your reflection has been saved."),
    )


@school_view("reflections.write")
@require_POST
def appreciation_add(request):
    membership = request.access.membership
    form = AppreciationForm(
        request.POST,
        prefix="appreciation",
        author=request.user,
        people_qs=selectors_mine.school_people(school=request.school),
        people=[],
        cards_qs=selectors_mine.my_cards(school=request.school, membership=membership),
        cards=[],
    )
    return _save(
        request,
        form,
        "appreciation",
        "#appreciate",
        lambda data: services.appreciation_add(author=request.user, **data),
        _("Your appreciation has been sent."),
    )
