"""One form page: the form block (error summary, fields, Save / Cancel) lives in one partial."""

import re
from pathlib import Path

from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PARTIAL = "includes/form_page.html"


def test_no_template_copies_the_form_block_any_more():
    copies = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if re.search(
            r'<div class="actions">\s*<button type="submit" class="primary">.*?</button>\s*'
            r'<a href="[^"]*">\{% translate "Cancel" %\}</a>',
            path.read_text(encoding="utf-8"),
            flags=re.S,
        )
        and str(path.relative_to(TEMPLATES)) != PARTIAL
    ]
    assert not copies, f"these pages copy the form block instead of including {PARTIAL}: {copies}"


def test_a_page_with_its_own_field_layout_keeps_it(world):
    coordinator = world.users["coordinator"]
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    url = reverse("pdca:new", args=[world.school.slug])
    html = world.client_for("coordinator").post(url, {"title": ""}).content.decode()
    form = re.search(r'<form method="post" novalidate class="narrow">(.*?)</form>', html, re.S)
    assert form, "the new-cycle form is not on the page"
    body = form.group(1)
    assert body.index('id="form-errors"') < body.index("<legend>The goal</legend>")
    assert body.index("<legend>First success criterion</legend>") < body.index("Start the cycle")
    cancel = reverse("pdca:list", args=[world.school.slug])
    assert f'<a href="{cancel}">Cancel</a>' in body
    assert 'name="csrfmiddlewaretoken"' in body


def test_a_plain_form_page_shows_every_field_and_says_save(world):
    url = reverse("kwaliteit:member-invite", args=[world.school.slug])
    html = world.client_for("coordinator").get(url).content.decode()
    form = re.search(r'<form method="post" novalidate>(.*?)</form>', html, re.S).group(1)
    for name in ("email", "full_name", "role", "teams"):
        assert f'name="{name}"' in form
    assert f'href="{reverse("kwaliteit:members", args=[world.school.slug])}"' in form
