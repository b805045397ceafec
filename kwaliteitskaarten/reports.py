"""A card as a one-page PDF for the staff room (a background job, as the vision PDF)."""

from django.http import Http404
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kwaliteit import pdf

from . import selectors
from .models import CardVersion


def card_pdf_context(version):
    """What the PDF shows; longer cards get a denser layout so that they stay one page.

    The weights and limits were measured on rendered cards (a table row costs about a line).
    """
    agreements = version.agreements_snapshot or []
    indicators = list(version.indicators.all())
    length = (
        len(version.why)
        + 1.4 * len(version.core)
        + len(version.autonomy)
        + len(version.how_we_see_it)
        + sum(len(a.get("text", "")) + 100 for a in agreements)
        + 40 * len(indicators)
    )
    density = "dense" if length > 2300 else "compact" if length > 1400 else "roomy"
    return {
        "card": version.card,
        "version": version,
        "values": selectors.values_now(version),
        "indicators": indicators,
        "agreements": agreements,
        "density": density,
    }


def render_card_pdf(job):
    version = (
        CardVersion.objects.filter(
            pk=job.object_id, card__school=job.school, status=CardVersion.Status.ADOPTED
        )
        .select_related("card__owner", "card__team", "adopted_by")
        .prefetch_related("core_values", "indicators")
        .first()
    )
    if version is None:
        raise Http404
    content = pdf.render("pdf/card.html", card_pdf_context(version), job.school)
    name = slugify(f"{version.card.title} {_('version')} {version.number}")
    return f"{name or 'card'}.pdf", content


def back_to_card(job):
    card_id = (
        CardVersion.objects.filter(pk=job.object_id, card__school=job.school)
        .values_list("card_id", flat=True)
        .first()
    )
    if card_id is None:
        return reverse("kwaliteitskaarten:list", args=[job.school.slug]), _("Back to the cards")
    return reverse("kwaliteitskaarten:card", args=[job.school.slug, card_id]), _("Back to the card")
