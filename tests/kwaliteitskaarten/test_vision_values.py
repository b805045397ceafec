"""A core value keeps its identity across vision versions: a draft that renames or removes one
says which cards carry it before adoption; after adoption a renamed value keeps its cards and a
card whose value left the vision is flagged, with its review one button away."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from kwaliteit import services as core_services
from kwaliteit.models import CoreValue
from kwaliteitskaarten import services
from kwaliteitskaarten.coverage import coverage_for_vision
from kwaliteitskaarten.models import CardVersion

from .. import builders

SAMEN, RESPECT = "Samen", "Respect"


def adopted_vision(world, values):
    coordinator, leader = world.users["coordinator"], world.users["leader"]
    draft = core_services.vision_draft_start(school=world.school, user=coordinator)
    core_services.vision_draft_update(
        version=draft, title="Samen leren", statement="Wij leren samen.", values=values
    )
    return core_services.vision_adopt(version=draft, user=leader)


def adopted_card(world, title, value_names):
    return builders.adopted_card(
        school=world.school,
        title=title,
        user=world.users["coordinator"],
        team=world.team,
        leader=world.users["leader"],
        core=f"{title}: zo doen we het.",
        core_values=CoreValue.objects.filter(vision__school=world.school, name__in=value_names),
    )


@pytest.fixture
def cards(world):
    """Vision 1 holds Samen and Respect; "Samenwerken" carries Samen, "Omgangsvormen" Respect."""
    adopted_vision(world, [(SAMEN, ""), (RESPECT, "")])
    return {
        "samen": adopted_card(world, "Samenwerken", [SAMEN]),
        "respect": adopted_card(world, "Omgangsvormen", [RESPECT]),
    }


def english(world, persona):
    client = world.client_for(persona)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def rename_samen_and_remove_respect(world):
    """Through the draft page, as a coordinator does it: the same form rows, edited."""
    client = english(world, "coordinator")
    slug = world.school.slug
    client.post(reverse("kwaliteit:vision-draft-start", args=[slug]))
    draft = world.school.vision_versions.get(status="draft")
    samen, respect = draft.core_values.order_by("position")
    data = {
        "title": "Samen leren",
        "statement": "Wij leren samen en met respect voor ieder.",
        "values-TOTAL_FORMS": "3",
        "values-INITIAL_FORMS": "2",
        "values-MIN_NUM_FORMS": "0",
        "values-MAX_NUM_FORMS": "8",
        "values-0-id": samen.pk,
        "values-0-name": "Samen leren",
        "values-0-description": "",
        "values-1-id": respect.pk,
        "values-1-name": RESPECT,
        "values-1-description": "",
        "values-1-DELETE": "on",
        "values-2-name": "Nieuwsgierigheid",
        "values-2-description": "",
    }
    response = client.post(reverse("kwaliteit:vision-draft", args=[slug]), data)
    assert response.status_code == 302, response.content.decode()
    return draft


def test_a_renamed_value_keeps_its_lineage_and_a_new_draft_copies_it(world):
    v1 = adopted_vision(world, [(SAMEN, ""), (RESPECT, "")])
    draft = rename_samen_and_remove_respect(world)
    old = {v.name: v.lineage for v in v1.core_values.all()}
    new = {v.name: v.lineage for v in draft.core_values.all()}
    assert new["Samen leren"] == old[SAMEN]
    assert new["Nieuwsgierigheid"] not in old.values()
    assert RESPECT not in new


def test_the_draft_and_adopt_pages_name_the_cards_of_a_removed_or_renamed_value(world, cards):
    rename_samen_and_remove_respect(world)
    slug = world.school.slug
    for persona, name in [("coordinator", "vision-draft"), ("leader", "vision-adopt")]:
        html = english(world, persona).get(reverse(f"kwaliteit:{name}", args=[slug]))
        html = html.content.decode()
        section = html[html.index('id="vision-card-changes"') :]
        section = section[: section.index("</section>")]
        assert "“Samen” is renamed “Samen leren”." in section
        assert "These cards keep carrying it:" in section
        assert "“Respect” is removed." in section
        assert "After adoption these cards carry a value that is no longer in the vision:" in (
            section
        )
        for card in cards.values():
            url = reverse("kwaliteitskaarten:card", args=[slug, card.pk])
            assert f'<a href="{url}">{card.title}</a>' in section


def test_after_adoption_a_renamed_value_keeps_its_cards_and_a_removed_one_flags_them(world, cards):
    draft = rename_samen_and_remove_respect(world)
    core_services.vision_adopt(version=draft, user=world.users["leader"])
    coverage = {item.value.name: item.cards for item in coverage_for_vision(draft)}
    assert coverage["Samen leren"] == [cards["samen"]]  # renamed, still carried
    assert coverage["Nieuwsgierigheid"] == []

    slug = world.school.slug
    client = english(world, "coordinator")
    listing = client.get(reverse("kwaliteitskaarten:list", args=[slug])).content.decode()
    flag = "carries a value that is no longer in the vision"
    respect_row = listing[listing.index(">Omgangsvormen<") :]
    assert flag in respect_row[: respect_row.index("</tr>")]
    samen_row = listing[listing.index(">Samenwerken<") :]
    assert flag not in samen_row[: samen_row.index("</tr>")]

    card = cards["respect"]
    page = client.get(reverse("kwaliteitskaarten:card", args=[slug, card.pk])).content.decode()
    assert "This card carries a value that is no longer in the vision:</strong> Respect." in page
    review = reverse("kwaliteitskaarten:review", args=[slug, card.pk])
    assert f'action="{review}"' in page and "Start its review" in page

    # The review starts from the flag: the draft says why, and leaves the old value out.
    client.post(review)
    draft_version = card.versions.get(status=CardVersion.Status.DRAFT)
    [request] = draft_version.review_requests
    assert request["change"] == RESPECT
    assert request["url"] == reverse("kwaliteit:vision", args=[slug])
    assert not draft_version.core_values.exists()
    page = client.get(reverse("kwaliteitskaarten:draft", args=[slug, card.pk])).content.decode()
    assert "The vision no longer holds a value this card carries" in page

    # The renamed value's card, under review, links the vision's value under its new name.
    draft_samen = services.card_review_start(card=cards["samen"], user=world.users["leader"])
    assert [v.name for v in draft_samen.core_values.all()] == ["Samen leren"]


def test_a_review_started_before_the_vision_changed_keeps_its_renamed_value(world, cards):
    """The draft form ticks the renamed value's successor, so saving the draft keeps it."""
    card = cards["samen"]
    services.card_review_start(card=card, user=world.users["leader"])  # before the vision changes
    draft = rename_samen_and_remove_respect(world)
    core_services.vision_adopt(version=draft, user=world.users["leader"])

    slug = world.school.slug
    client = english(world, "coordinator")
    url = reverse("kwaliteitskaarten:draft", args=[slug, card.pk])
    renamed = draft.core_values.get(name="Samen leren")
    page = client.get(url).content.decode()
    box = page[page.index(f'value="{renamed.pk}"') :]
    assert "checked" in box[: box.index(">")], "the renamed value is still ticked"

    version = card.versions.get(status=CardVersion.Status.DRAFT)
    form = {
        "why": version.why,
        "core": version.core,
        "autonomy": version.autonomy,
        "how_we_see_it": version.how_we_see_it,
        "core_values": [renamed.pk],
    }
    assert client.post(url, form).status_code == 302
    assert [v.name for v in version.core_values.all()] == ["Samen leren"]


def test_a_card_shows_a_renamed_value_under_its_new_name(world, cards):
    draft = rename_samen_and_remove_respect(world)
    core_services.vision_adopt(version=draft, user=world.users["leader"])
    card = cards["samen"]
    page = english(world, "teacher").get(
        reverse("kwaliteitskaarten:card", args=[world.school.slug, card.pk])
    )
    tags = page.content.decode().split('aria-label="Core values"')[1].split("</ul>")[0]
    assert "<li>Samen leren</li>" in tags
    assert "<li>Samen</li>" not in tags


def test_the_adopt_page_shows_why_and_the_agreements_it_adopts(world, cards):
    card = cards["samen"]
    leader = world.users["leader"]
    services.card_review_start(
        card=card, user=leader, reason="Cycle Begrijpend lezen", change="A new agreement", url="/c/"
    )
    services.agreement_add(
        card=card,
        text="Elke week samen lezen",
        owner=world.users["teacher"],
        check_interval_months=3,
        first_check_on=date(2026, 12, 14),
    )
    page = english(world, "leader").get(
        reverse("kwaliteitskaarten:adopt", args=[world.school.slug, card.pk])
    )
    html = page.content.decode()
    assert '<a href="/c/">Cycle Begrijpend lezen</a>' in html
    agreements = html.split("Agreements adopted with this version")[1].split("</section>")[0]
    assert "Elke week samen lezen" in agreements
