"""The frame around every page (base.html): the confirmation after a save sits in a live region
as a proper list, and the phone menu button controls parts of the header that exist."""

import re

from django.urls import reverse


def teams_url(world):
    return reverse("kwaliteit:teams", kwargs={"school_slug": world.school.slug})


def test_the_confirmation_after_a_save_is_a_list_inside_a_live_region(world):
    client = world.client_for("coordinator")

    response = client.post(teams_url(world), {"name": "Onderbouw"}, follow=True)

    html = response.content.decode()
    region = re.search(
        r'<div id="messages" class="messages" role="status" aria-live="polite">(.*?)</div>',
        html,
        flags=re.S,
    )
    assert region, "no live region around the messages"
    assert re.fullmatch(
        r'<ul>\s*<li class="message success">Het team is toegevoegd\.</li>\s*</ul>',
        region.group(1),
    )
    assert '<ul class="messages" role="status">' not in html


def test_the_live_region_is_there_before_anything_is_said(world):
    html = world.client_for("coordinator").get(teams_url(world)).content.decode()

    assert '<div id="messages" class="messages" role="status" aria-live="polite"></div>' in html


def test_the_menu_button_controls_the_header_tools_and_navigation(world):
    html = world.client_for("teacher").get(teams_url(world).replace("teams/", "")).content.decode()

    button = re.search(r'<button type="button" class="menu-toggle"[^>]*>', html).group(0)
    assert 'aria-expanded="true"' in button  # everything shows until the script folds it
    controlled = re.search(r'aria-controls="([^"]+)"', button).group(1).split()
    assert controlled == ["site-tools", "site-nav"]
    for element_id in controlled:
        assert f'id="{element_id}"' in html
    assert re.search(r'<script src="/static/js/app\.[0-9a-f]+\.js" defer></script>', html)
