"""Cards: the list, one card, writing its draft, adopting it, putting it under review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kwaliteit import history as audit_history
from kwaliteit import selectors as core_selectors
from kwaliteit import versioning
from kwaliteit.confirm import confirm_page, is_confirmed
from kwaliteit.decorators import school_view

from .. import coverage, selectors, selectors_assessment, services
from ..forms import AdoptCardForm, AgreementForm, CardDraftForm, CardForm, CheckForm
from . import agreements as agreements_view
from . import kept


@school_view("cards.view")
def card_list(request):
    cards = list(selectors.cards_list(school=request.school))
    left_behind = coverage.values_left_behind(request.school.pk)
    for card in cards:
        card.left_behind = left_behind.get(card.pk, [])
    return render(request, "kwaliteitskaarten/list.html", {"cards": cards})


@school_view("cards.edit")
def card_new(request):
    form = CardForm(request.POST or None, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            card = services.card_create(
                school=request.school, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The card has been made. Write its content next."))
            return redirect("kwaliteitskaarten:draft", request.school.slug, card.pk)
    return render(request, "kwaliteitskaarten/new.html", {"form": form})


# What readers of a card do not see: its drafts, and so their history.
DRAFT_VERBS = ("card_draft_updated", *versioning.DRAFT_VERBS)


@school_view("cards.view")
def card_page(request, pk):
    card = selectors.card_get(school=request.school, pk=pk)
    history = audit_history.for_request(
        request,
        card,
        include=[card.versions.all(), card.agreements.all()],
        hide=() if may_write(request.access, request.user, card) else DRAFT_VERBS,
    )
    if more := audit_history.fragment(request, history):
        return more
    versions = selectors.card_versions(card=card)
    today = timezone.localdate()
    agreements = selectors.agreements_marked(selectors.agreements_for(card=card), versions.adopted)
    failed_check_form = agreements_view.failed_check(request, agreements)
    agreement_form, extra = kept.take(
        request, agreements_view.AGREEMENT_KEPT, AgreementForm, school=request.school
    )
    if extra.get("card") != card.pk:  # a form refused on another card stays there
        agreement_form = None
    context = {
        "failed_check_form": failed_check_form,  # puts "Fout:" in the title
        "card": card,
        "versions": versions,
        "status": selectors.card_status(card, versions),
        "version": versions.adopted or versions.draft,
        "agreements": agreements,
        "agreement_form": kept.focus_first_error(agreement_form)
        if agreement_form
        else AgreementForm(school=request.school),
        "check_form": CheckForm(),
        "history": history,
        "today": today,
        "review_overdue": bool(card.next_review_on and card.next_review_on < today),
        "may_write": may_write(request.access, request.user, card),
        "team_scores": selectors_assessment.team_scores_for(card, today=today),
        "left_behind": coverage.values_left_behind(request.school.pk).get(card.pk, []),
    }
    return render(request, "kwaliteitskaarten/card.html", context)


def may_write(access, user, card):
    """Coordinators and leaders write every card; a teacher writes the card they own."""
    return access.can("cards.edit") or (access.can("cards.write") and card.owner_id == user.id)


@school_view("cards.write")
def card_draft(request, pk):
    card = selectors.card_get(school=request.school, pk=pk)
    if not may_write(request.access, request.user, card):
        raise PermissionDenied
    draft = selectors.card_versions(card=card).draft
    if draft is None:
        messages.info(request, _("The card is adopted. Start a review to change it."))
        return redirect("kwaliteitskaarten:card", request.school.slug, card.pk)
    vision = core_selectors.vision_current(school=request.school)
    form = CardDraftForm(request.POST or None, instance=draft, school=request.school, vision=vision)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_draft_update(version=draft, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft has been saved."))
            return redirect("kwaliteitskaarten:card", request.school.slug, card.pk)
    context = {"card": card, "draft": draft, "form": form, "vision": vision}
    return render(request, "kwaliteitskaarten/draft.html", context)


@school_view("cards.adopt")
def card_adopt(request, pk):
    card = selectors.card_get(school=request.school, pk=pk)
    draft = selectors.card_versions(card=card).draft
    if draft is None:
        messages.info(request, _("There is no draft to adopt."))
        return redirect("kwaliteitskaarten:card", request.school.slug, card.pk)
    form = AdoptCardForm(
        request.POST or None,
        initial={"adopted_on": timezone.localdate(), "seen": draft.updated_at.isoformat()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.card_adopt(
                version=draft,
                user=request.user,
                adopted_on=form.cleaned_data["adopted_on"],
                seen_updated_at=form.cleaned_data["seen"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The card has been adopted."))
            return redirect("kwaliteitskaarten:card", request.school.slug, card.pk)
    context = {
        "card": card,
        "draft": draft,
        "form": form,
        # what the adoption freezes into the version (services.card_adopt's snapshot)
        "agreements": card.agreements.filter(is_active=True).select_related("owner"),
    }
    return render(request, "kwaliteitskaarten/adopt.html", context)


@school_view("cards.write")
@require_POST
def card_review(request, pk):
    card = selectors.card_get(school=request.school, pk=pk)
    if not may_write(request.access, request.user, card):
        raise PermissionDenied
    left_behind = coverage.values_left_behind(request.school.pk).get(card.pk)
    if left_behind:  # the review says why: the vision no longer holds these values
        services.card_review_start(
            card=card,
            user=request.user,
            reason=_("The vision no longer holds a value this card carries"),
            change=", ".join(left_behind),
            url=reverse("kwaliteit:vision", args=[request.school.slug]),
        )
    else:
        services.card_review_start(card=card, user=request.user)
    messages.success(request, _("The card is under review: a new draft has been made."))
    return redirect("kwaliteitskaarten:draft", request.school.slug, card.pk)


@school_view("cards.edit")
def card_archive(request, pk):
    """An archived card stays readable with its history, but leaves the register and lists.
    Asks first; the confirmed POST archives."""
    card = selectors.card_get(school=request.school, pk=pk)
    if card.archived_on:
        messages.info(request, _("The card has already been archived."))
        return redirect("kwaliteitskaarten:card", request.school.slug, card.pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Archive the card: %(title)s") % {"title": card.title},
            question=_("Archive the card “%(title)s”?") % {"title": card.title},
            consequence=_(
                "The card leaves the register, and nobody is reminded to check its agreements "
                "any more. Its versions and history stay readable."
            ),
            button=_("Archive the card"),
            cancel_url=reverse("kwaliteitskaarten:card", args=[request.school.slug, card.pk]),
        )
    services.card_archive(card=card, user=request.user)
    messages.success(request, _("The card has been archived."))
    return redirect("kwaliteitskaarten:card", request.school.slug, card.pk)
