"""Kwaliteitskaarten figures: card page, agreements register and "Mijn kwaliteit"."""

import contextlib

from django.urls import NoReverseMatch, reverse

from . import server as bench_server
from .dataset import school_slug
from .figure import Figure


def cards_pages(server):
    """Median time of the three pages, logged in as a teacher of the first bench school."""
    from kwaliteit.models import Role, School

    school = School.objects.get(slug=school_slug(0))
    teacher = school.memberships.filter(role=Role.TEACHER).first().user
    cookie = bench_server.login_cookie(teacher)
    card = school.cards.order_by("title").first()
    pages = {
        "card_page_ms": reverse("kwaliteitskaarten:card", args=[school.slug, card.pk]),
        "agreements_register_ms": reverse("kwaliteitskaarten:register", args=[school.slug]),
    }
    with contextlib.suppress(NoReverseMatch):  # the page arrives with the rest of the issue
        pages["mijn_kwaliteit_ms"] = reverse("kwaliteitskaarten:mine", args=[school.slug])
    for name, path in pages.items():
        yield Figure(name, bench_server.median_ms(server, path, cookie=cookie), "ms")
