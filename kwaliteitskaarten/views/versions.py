"""A card's versions: the list, what changed between two of them, and the staff-room PDF."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from kwaliteit import compare, services_jobs
from kwaliteit.decorators import school_view
from kwaliteit.params import int_param

from .. import selectors
from ..models import CardVersion

# The parts of a card compared word by word, in the order (and with the headings) of the card.
TEXT_PARTS = (
    ("why", gettext_lazy("Why")),
    ("core", gettext_lazy("What good looks like here")),
    ("autonomy", gettext_lazy("Room for own accents")),
    ("how_we_see_it", gettext_lazy("How we see it")),
)


def _names(related):
    """A version's linked items (core values, indicators) by name, for the compare lists."""
    return lambda version: {item.name: "" for item in getattr(version, related).all()}


def _sees_drafts(request):
    return request.access.can("cards.edit") or request.access.can("cards.adopt")


def _visible(card, with_drafts):
    versions = CardVersion.objects.filter(card=card)
    return versions if with_drafts else versions.filter(status=CardVersion.Status.ADOPTED)


def _agreement_items(version, live_agreements):
    """Agreements as name -> "owner, every n months"; a draft shows the live agreements."""
    if version.is_draft:
        rows = [
            {"text": a.text, "owner": a.owner.full_name, "every_months": a.check_interval_months}
            for a in live_agreements
        ]
    else:
        rows = version.agreements_snapshot or []
    return {
        row["text"]: ngettext(
            "%(owner)s, follow-up every month",
            "%(owner)s, follow-up every %(months)s months",
            row.get("every_months") or 0,
        )
        % {"owner": row.get("owner", ""), "months": row.get("every_months", "")}
        for row in rows
    }


@school_view("cards.view")
def versions_list(request, pk):
    card = selectors.card_get(school=request.school, pk=pk)
    versions = list(
        _visible(card, _sees_drafts(request))
        .select_related("adopted_by", "created_by")
        .annotate(value_count=Count("core_values", distinct=True))
        .order_by("-number")
    )
    has_adopted = any(not v.is_draft for v in versions)
    context = {"card": card, "versions": versions, "has_adopted": has_adopted}
    return render(request, "kwaliteitskaarten/versions.html", context)


@school_view("cards.view")
def versions_compare(request, pk, number):
    """Side by side: this version and another one (default: the one before)."""
    card = selectors.card_get(school=request.school, pk=pk)
    visible = _visible(card, _sees_drafts(request))
    numbers = list(visible.order_by("-number").values_list("number", flat=True))
    if number not in numbers:
        raise Http404
    other = int_param(request, "with", minimum=1)
    if other is not None:
        if other not in numbers or other == number:
            raise Http404
    else:
        other = next((n for n in numbers if n < number), None)
    if other is None:
        messages.info(request, _("This is the first version: there is nothing to compare with."))
        return redirect("kwaliteitskaarten:versions", request.school.slug, card.pk)
    pair = list(
        visible.filter(number__in=[number, other])
        .select_related("adopted_by")
        .prefetch_related("core_values", "indicators")
        .order_by("number")
    )
    old, new = pair
    live = []
    if old.is_draft or new.is_draft:
        live = list(selectors.agreements_for(card=card))
    rows = compare.rows(
        old,
        new,
        texts=TEXT_PARTS,
        lists=[
            ("values", gettext_lazy("Core values"), _names("core_values")),
            ("indicators", gettext_lazy("Indicators"), _names("indicators")),
            ("agreements", gettext_lazy("Agreements"), lambda v: _agreement_items(v, live)),
        ],
    )
    changes = {row["name"]: row.get("changes") for row in rows}
    context = {
        "card": card,
        "old": old,
        "new": new,
        "numbers": numbers,
        "rows": rows,
        "parts": [row for row in rows if row["kind"] == "text"],
        "value_changes": changes["values"],
        "indicator_changes": changes["indicators"],
        "agreement_changes": changes["agreements"],
    }
    return render(request, "kwaliteitskaarten/compare.html", context)


@school_view("cards.view")
@require_POST
def card_pdf(request, pk):
    """The adopted version as a one-page PDF for the staff room (made in the background)."""
    card = selectors.card_get(school=request.school, pk=pk)
    version = selectors.card_versions(card=card).adopted
    if version is None:
        raise Http404
    with transaction.atomic():
        job = services_jobs.job_create(
            school=request.school, user=request.user, kind="card_pdf", about=version
        )
    return redirect("kwaliteit:job", request.school.slug, job.id)
