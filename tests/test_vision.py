"""Writing, adopting and looking back at the vision."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from kwaliteit import services
from kwaliteit.models import VisionVersion

from .factories import VisionVersionFactory


def draft_data(title="Samen groeien", statement="Ieder kind telt.", values=("Samen", "Moed")):
    data = {
        "title": title,
        "statement": statement,
        "values-TOTAL_FORMS": str(len(values)),
        "values-INITIAL_FORMS": "0",
        "values-MIN_NUM_FORMS": "0",
        "values-MAX_NUM_FORMS": "1000",
    }
    for i, name in enumerate(values):
        data[f"values-{i}-name"] = name
        data[f"values-{i}-description"] = f"Over {name}"
    return data


def test_new_draft_starts_from_the_last_version(world, vision):
    vision["draft"].delete()
    draft = services.vision_draft_start(school=world.school, user=world.users["coordinator"])
    assert draft.number == 3
    assert draft.statement == vision["v2"].statement
    assert [v.name for v in draft.core_values.all()] == ["Samen", "Vertrouwen", "Nieuwsgierigheid"]


def test_first_draft_of_a_school_is_version_one(world):
    draft = services.vision_draft_start(school=world.school, user=world.users["coordinator"])
    assert (draft.number, draft.status) == (1, "draft")


def test_coordinator_writes_the_draft(world, vision):
    client = world.client_for("coordinator")
    url = reverse("kwaliteit:vision-draft", args=[world.school.slug])
    response = client.post(url, draft_data(title="Samen groeien, ieder op eigen kracht"))
    assert response.status_code == 302
    draft = VisionVersion.objects.get(pk=vision["draft"].pk)
    assert draft.title == "Samen groeien, ieder op eigen kracht"
    assert [v.name for v in draft.core_values.all()] == ["Samen", "Moed"]


def test_too_long_title_is_refused_and_nothing_changes(world, vision):
    client = world.client_for("coordinator")
    url = reverse("kwaliteit:vision-draft", args=[world.school.slug])
    response = client.post(url, draft_data(title="x" * 151, values=("Nieuw",)))
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == [
        "Zorg dat deze waarde niet meer dan 150 tekens bevat (het zijn er nu 151)."
    ]
    draft = VisionVersion.objects.get(pk=vision["draft"].pk)
    assert draft.title == vision["draft"].title
    assert [v.name for v in draft.core_values.all()] == ["Samen"]


def test_same_core_value_twice_is_refused(world, vision):
    with (
        translation.override("nl"),
        pytest.raises(ValidationError, match="Elke kernwaarde mag maar één keer voorkomen"),
    ):
        services.vision_draft_update(
            version=vision["draft"], title="T", statement="S", values=[("Samen", ""), ("samen", "")]
        )
    assert vision["draft"].core_values.count() == 1


def test_leader_adopts_and_the_version_is_frozen(world, vision):
    client = world.client_for("leader", language="en")
    url = reverse("kwaliteit:vision-adopt", args=[world.school.slug])
    seen = client.get(url).context["form"].initial["seen"]
    response = client.post(url, {"adopted_on": "2026-01-15", "seen": seen})
    assert response.status_code == 302
    adopted = VisionVersion.objects.get(pk=vision["draft"].pk)
    assert adopted.status == "adopted"
    assert adopted.adopted_on == datetime.date(2026, 1, 15)
    assert adopted.adopted_by == world.users["leader"]
    page = client.get(reverse("kwaliteit:vision", args=[world.school.slug])).content.decode()
    assert "15 January 2026" in page


def test_adopted_version_cannot_be_edited(world, vision):
    with (
        translation.override("nl"),
        pytest.raises(
            ValidationError, match="Deze versie is vastgesteld en kan niet meer worden gewijzigd"
        ),
    ):
        services.vision_draft_update(
            version=vision["v2"], title="Anders", statement="Anders", values=[("X", "")]
        )
    assert VisionVersion.objects.get(pk=vision["v2"].pk).title == vision["v2"].title


def test_adoption_needs_a_core_value(world):
    draft = VisionVersionFactory(school=world.school, values=[], created_by=world.users["leader"])
    with translation.override("nl"), pytest.raises(ValidationError, match="kernwaarde"):
        services.vision_adopt(version=draft, user=world.users["leader"])
    assert VisionVersion.objects.get(pk=draft.pk).status == "draft"


def test_adoption_date_in_the_future_is_refused(world, vision):
    client = world.client_for("leader")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    url = reverse("kwaliteit:vision-adopt", args=[world.school.slug])
    seen = client.get(url).context["form"].initial["seen"]
    response = client.post(url, {"adopted_on": tomorrow.isoformat(), "seen": seen})
    assert response.context["form"].errors["adopted_on"]
    assert VisionVersion.objects.get(pk=vision["draft"].pk).status == "draft"


def test_coordinator_cannot_adopt(world, vision):
    client = world.client_for("coordinator")
    url = reverse("kwaliteit:vision-adopt", args=[world.school.slug])
    assert client.post(url, {"adopted_on": "2026-01-15"}).status_code == 403
    assert VisionVersion.objects.get(pk=vision["draft"].pk).status == "draft"


def test_history_lists_every_version_and_compare_shows_changes(world, vision):
    client = world.client_for("teacher")
    history = client.get(reverse("kwaliteit:vision-history", args=[world.school.slug]))
    numbers = [version.number for version in history.context["versions"]]
    assert numbers == [2, 1]  # a teacher does not see the draft
    compare = client.get(reverse("kwaliteit:vision-compare", args=[world.school.slug, 2]))
    html = compare.content.decode()
    assert re.search(r"<ins>(?:(?!</ins>).)*elkaar feedback(?:(?!</ins>).)*</ins>", html, re.S)
    assert re.search(r'<li class="added">\s*<strong>Nieuwsgierigheid</strong>', html)
    assert re.search(r'<li class="same">\s*<strong>Samen</strong>', html)


def test_user_text_is_escaped(world):
    VisionVersionFactory(
        school=world.school,
        number=1,
        title="<script>alert(1)</script>",
        created_by=world.users["coordinator"],
    )
    client = world.client_for("coordinator")
    html = client.get(reverse("kwaliteit:vision-version", args=[world.school.slug, 1])).content
    assert b"<script>alert(1)</script>" not in html
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_drafts_are_for_writers_only(world, vision):
    number = vision["draft"].number
    url = reverse("kwaliteit:vision-version", args=[world.school.slug, number])
    assert world.client_for("coordinator").get(url).status_code == 200
    assert world.client_for("leader").get(url).status_code == 200
    for persona in ("teacher", "viewer", "board_member"):
        client = world.client_for(persona)
        assert client.get(url).status_code == 404
        pdf = reverse("kwaliteit:vision-pdf", args=[world.school.slug, number])
        assert client.post(pdf).status_code == 404
        page = client.get(reverse("kwaliteit:vision", args=[world.school.slug])).content.decode()
        assert vision["draft"].title not in page
        assert vision["draft"].statement not in page
        assert vision["v2"].statement in page  # they do see the adopted vision


def test_the_leader_reads_the_draft(world, vision):
    """The other side of the test above: the draft's own words are there for a writer."""
    url = reverse("kwaliteit:vision-version", args=[world.school.slug, vision["draft"].number])
    page = world.client_for("leader").get(url).content.decode()
    assert vision["draft"].title in page
    assert vision["draft"].statement in page


def test_adopting_a_draft_changed_since_reading_is_refused(world, vision):
    client = world.client_for("leader")
    url = reverse("kwaliteit:vision-adopt", args=[world.school.slug])
    seen = client.get(url).context["form"].initial["seen"]
    services.vision_draft_update(
        version=vision["draft"], title="Nieuw", statement="Gewijzigd", values=[("Samen", "")]
    )
    response = client.post(url, {"adopted_on": "2026-01-15", "seen": seen})
    assert response.status_code == 200
    assert "gewijzigd terwijl" in response.content.decode()
    assert VisionVersion.objects.get(pk=vision["draft"].pk).status == "draft"


def test_adoption_date_before_the_previous_version_is_refused(world, vision):
    with (
        translation.override("nl"),
        pytest.raises(ValidationError, match="kan niet eerder worden vastgesteld"),
    ):
        services.vision_adopt(
            version=vision["draft"],
            user=world.users["leader"],
            adopted_on=vision["v2"].adopted_on - datetime.timedelta(days=1),
        )
    assert VisionVersion.objects.get(pk=vision["draft"].pk).status == "draft"


def test_double_start_gives_one_draft(world, vision):
    vision["draft"].delete()
    first = services.vision_draft_start(school=world.school, user=world.users["coordinator"])
    second = services.vision_draft_start(school=world.school, user=world.users["coordinator"])
    assert first == second
    assert VisionVersion.objects.filter(school=world.school, status="draft").count() == 1
