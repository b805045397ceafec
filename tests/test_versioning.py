"""One set of adoption rules for the vision and the cards (kwaliteit.versioning), with history."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from kwaliteit import services as vision_services
from kwaliteit.models import AuditEvent, VisionVersion
from kwaliteitskaarten import services as card_services
from kwaliteitskaarten.models import CardVersion


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@dataclass
class Kind:
    """What a test needs of one kind of version: its draft, and the app's services."""

    model: type
    draft: object  # the owner's open draft, fully written
    previous: object  # its newest adopted version
    start: object  # start(user) -> the owner's draft
    adopt: object  # adopt(version, user, **kwargs)
    update: object  # update(version): change the draft's text
    discard: object  # discard(version, user)


def _vision(world, vision):
    return Kind(
        model=VisionVersion,
        draft=vision["draft"],
        previous=vision["v2"],
        start=lambda user: vision_services.vision_draft_start(school=world.school, user=user),
        adopt=lambda version, user, **kw: vision_services.vision_adopt(
            version=version, user=user, **kw
        ),
        update=lambda version: vision_services.vision_draft_update(
            version=version, title="Nieuw", statement="Gewijzigd", values=[("Samen", "")]
        ),
        discard=lambda version, user: vision_services.vision_draft_discard(
            version=version, user=user
        ),
    )


def _card_update(version, core="Elke les eindigt met feedback."):
    card_services.card_draft_update(
        version=version,
        why="",
        core=core,
        autonomy="",
        how_we_see_it="",
        core_values=list(version.core_values.all()),
        indicators=[],
    )


def _card(world, vision):
    leader = world.users["leader"]
    first = world.card.versions.get()
    card_services.card_draft_update(
        version=first,
        why="",
        core="Elke les een exit-ticket.",
        autonomy="",
        how_we_see_it="",
        core_values=list(vision["v2"].core_values.all()[:1]),
        indicators=[],
    )
    previous = card_services.card_adopt(version=first, user=leader, adopted_on=date(2025, 9, 4))
    draft = card_services.card_review_start(card=world.card, user=world.users["coordinator"])
    _card_update(draft, core="Elke les eindigt met feedback.")
    return Kind(
        model=CardVersion,
        draft=draft,
        previous=previous,
        start=lambda user: card_services.card_review_start(card=world.card, user=user),
        adopt=lambda version, user, **kw: card_services.card_adopt(
            version=version, user=user, **kw
        ),
        update=lambda version: _card_update(version, core="Gewijzigd."),
        discard=lambda version, user: card_services.card_draft_discard(version=version, user=user),
    )


@pytest.fixture(params=["vision", "card"])
def kind(request, world, vision):
    return (_vision if request.param == "vision" else _card)(world, vision)


def status_of(kind, version):
    return kind.model.objects.get(pk=version.pk).status


def events(kind, version, verb):
    return list(
        AuditEvent.objects.filter(
            verb=verb, content_type__model=kind.model._meta.model_name, object_id=str(version.pk)
        )
    )


# --- adopting -----------------------------------------------------------------------------------


def test_adopting_a_draft_changed_since_it_was_read_is_refused(world, kind):
    seen = kind.model.objects.get(pk=kind.draft.pk).updated_at
    kind.update(kind.draft)
    with pytest.raises(ValidationError, match="changed while you were reading it"):
        kind.adopt(kind.draft, world.users["leader"], seen_updated_at=seen)
    assert status_of(kind, kind.draft) == "draft"
    assert not events(kind, kind.draft, "adopted")


def test_adopting_the_draft_as_read_works_and_is_recorded(world, kind):
    seen = kind.model.objects.get(pk=kind.draft.pk).updated_at
    adopted = kind.adopt(kind.draft, world.users["leader"], seen_updated_at=seen)
    assert (adopted.status, adopted.adopted_on) == ("adopted", timezone.localdate())
    [event] = events(kind, kind.draft, "adopted")
    assert event.actor == world.users["leader"]
    assert event.school_id == world.school.pk
    assert event.data == {"number": kind.draft.number}


def test_an_adoption_dated_before_the_previous_version_is_refused(world, kind):
    earlier = kind.previous.adopted_on - timedelta(days=1)
    with pytest.raises(ValidationError, match="cannot be adopted earlier"):
        kind.adopt(kind.draft, world.users["leader"], adopted_on=earlier)
    assert status_of(kind, kind.draft) == "draft"
    # the same day as the previous version is fine
    kind.adopt(kind.draft, world.users["leader"], adopted_on=kind.previous.adopted_on)
    assert status_of(kind, kind.draft) == "adopted"


def test_an_adoption_dated_in_the_future_is_refused(world, kind):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="cannot lie in the future"):
        kind.adopt(kind.draft, world.users["leader"], adopted_on=tomorrow)
    assert status_of(kind, kind.draft) == "draft"


def test_an_adopted_version_is_not_adopted_again_changed_or_discarded(world, kind):
    leader = world.users["leader"]
    with pytest.raises(ValidationError, match="has been adopted and can no longer be changed"):
        kind.adopt(kind.previous, leader)
    with pytest.raises(ValidationError, match="has been adopted and can no longer be changed"):
        kind.update(kind.previous)
    with pytest.raises(ValidationError, match="has been adopted and can no longer be changed"):
        kind.discard(kind.previous, leader)
    assert kind.model.objects.get(pk=kind.previous.pk).adopted_on == kind.previous.adopted_on
    assert not events(kind, kind.previous, "draft_discarded")


# --- new drafts and discarding ------------------------------------------------------------------


def test_a_second_draft_is_not_started_while_one_is_open(world, kind):
    again = kind.start(world.users["coordinator"])
    assert again == kind.draft
    owner = {kind.model.owner_field: getattr(kind.draft, kind.model.owner_field)}
    assert kind.model.objects.filter(status="draft", **owner).count() == 1


def test_a_new_draft_and_a_discarded_one_are_recorded(world, kind):
    coordinator = world.users["coordinator"]
    kind.discard(kind.draft, coordinator)
    assert not kind.model.objects.filter(pk=kind.draft.pk).exists()
    [discarded] = events(kind, kind.draft, "draft_discarded")
    assert (discarded.actor, discarded.data) == (coordinator, {"number": kind.draft.number})
    assert discarded.school_id == world.school.pk

    fresh = kind.start(coordinator)
    assert fresh.number == kind.previous.number + 1
    [started] = events(kind, fresh, "draft_started")
    assert (started.actor, started.data) == (coordinator, {"number": fresh.number})


def test_a_cards_first_draft_is_not_discarded(world):
    first = world.card.versions.get()
    with pytest.raises(ValidationError, match="first version"):
        card_services.card_draft_discard(version=first, user=world.users["coordinator"])
    assert world.card.versions.filter(pk=first.pk).exists()


# --- the card's adopt page ----------------------------------------------------------------------


def test_the_card_adopt_page_refuses_a_draft_changed_after_it_was_opened(world, vision):
    kind = _card(world, vision)
    client = world.client_for("leader")
    url = reverse("kwaliteitskaarten:adopt", args=[world.school.slug, world.card.pk])
    page = client.get(url)
    seen = page.context["form"].initial["seen"]
    assert f'name="seen" value="{seen}"' in page.content.decode()
    kind.update(kind.draft)  # the coordinator saves while the leader reads
    response = client.post(url, {"adopted_on": timezone.localdate().isoformat(), "seen": seen})
    assert response.status_code == 200
    assert "Het concept is gewijzigd terwijl je het las." in response.content.decode()
    assert status_of(kind, kind.draft) == "draft"
    # read again, then adopt
    seen = client.get(url).context["form"].initial["seen"]
    response = client.post(url, {"adopted_on": timezone.localdate().isoformat(), "seen": seen})
    assert response.status_code == 302
    assert status_of(kind, kind.draft) == "adopted"
