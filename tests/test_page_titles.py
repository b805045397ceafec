"""Every page has a title of its own: edit, draft, adopt, filtered and later pages say so."""

import re
from html import unescape

from django.urls import reverse
from django.utils import timezone

from .builders import reminder_for
from .helpers.pages import get
from .pdca.helpers import make_cycle
from .urlwalk import POST_ONLY, SAME_PAGE, all_routes, expected_status, url_kwargs

ROUTES = all_routes()

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def title_of(response):
    return " ".join(unescape(TITLE.search(response.content.decode()).group(1)).split())


def test_no_two_pages_share_a_title(world, vision):
    """The URL walk as coordinator (and as leader, who alone sees the adopt pages)."""
    seen = {}
    for persona in ("leader", "coordinator"):
        client = world.client_for(persona)
        for route in ROUTES:
            if route.name in POST_ONLY or expected_status(route, persona) != 200:
                continue
            url = reverse(route.name, kwargs=url_kwargs(route, world, vision, persona))
            response = get(client, url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue  # a download, or a draft that the walk has since adopted
            seen.setdefault(title_of(response), set()).add(SAME_PAGE.get(route.name, route.name))
    shared = {title: pages for title, pages in seen.items() if len(pages) > 1}
    assert shared == {}
    assert "Concept: Feedback in de klas · OBS De Regenboog · Kwaliteit" in seen
    assert "Vaststellen: Feedback in de klas · OBS De Regenboog · Kwaliteit" in seen
    assert "Bewerken: Leesresultaten · OBS De Regenboog · Kwaliteit" in seen


def test_a_filtered_list_says_what_it_shows(world):
    make_cycle(world)
    client = world.client_for("coordinator")
    url = reverse("pdca:list", args=[world.school.slug])
    assert title_of(get(client, url)).startswith("Verbetertrajecten · ")
    filtered = get(client, url, QUERY_STRING="fase=plan&te_laat=on")
    assert title_of(filtered).startswith("Verbetertrajecten — Plan, te laat · ")


def test_a_later_page_says_which_page(world):
    user = world.users["coordinator"]
    for i in range(30):
        reminder_for(world, user, item_id=i, read_at=timezone.now())
    client = world.client_for("coordinator")
    url = reverse("notifications")
    assert title_of(get(client, url)).startswith("Meldingen · ")
    assert title_of(get(client, url, QUERY_STRING="pagina=2")).startswith("Meldingen — pagina 2 · ")


PRIMARY = re.compile(r'<(?:a|button)\b[^>]*\bclass="[^"]*\bprimary\b[^"]*"[^>]*>([^<]*)')


def test_every_page_has_at_most_one_primary_action(world, vision):
    """One primary action per page (as leader and as coordinator); the rest are secondary.
    The same action repeated per item (record a check on each agreement) counts once."""
    crowded = {}
    for persona in ("leader", "coordinator"):
        client = world.client_for(persona)
        for route in ROUTES:
            if route.name in POST_ONLY or expected_status(route, persona) != 200:
                continue
            url = reverse(route.name, kwargs=url_kwargs(route, world, vision, persona))
            response = get(client, url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            primaries = set(PRIMARY.findall(response.content.decode()))
            if len(primaries) > 1:
                crowded[f"{persona} {url}"] = primaries
    assert crowded == {}
