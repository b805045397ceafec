"""A card under review waits for its owner, a draft that could be adopted for the leaders: both
appear in their notification list and leave it once the new version is adopted."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from kwaliteit import reminders
from kwaliteit.models import Reminder
from kwaliteitskaarten import services

from ..factories import VisionVersionFactory


def adopt(world):
    vision = VisionVersionFactory(
        school=world.school,
        adopted=True,
        adopted_by=world.users["leader"],
        created_by=world.users["coordinator"],
        values=["Samen"],
    )
    services.card_draft_update(
        version=world.card.versions.get(),
        why="",
        core="Elke les eindigt met feedback.",
        autonomy="",
        how_we_see_it="",
        core_values=list(vision.core_values.all()),
        indicators=[],
    )
    return services.card_adopt(version=world.card.versions.get(), user=world.users["leader"])


def open_reminders(user, item_type):
    return Reminder.objects.filter(recipient=user, item_type=item_type, resolved_at=None)


def test_a_card_under_review_notifies_its_owner_and_its_draft_the_leaders(world):
    adopt(world)
    reminders.dispatch(now=timezone.now())
    owner, leader = world.users["teacher"], world.users["leader"]
    assert not open_reminders(owner, "cards.review-draft").exists()
    assert not open_reminders(leader, "cards.adoption").exists()

    draft = services.card_review_start(
        card=world.card,
        user=world.users["coordinator"],
        reason="Borging van verbetertraject “Lezen”",
        change="nieuwe afspraak",
        url="/s/regenboog/verbetertrajecten/1/",
    )
    reminders.dispatch(now=timezone.now())
    [for_owner] = open_reminders(owner, "cards.review-draft")
    assert for_owner.title == "Feedback in de klas"
    assert for_owner.url == reverse("kwaliteitskaarten:draft", args=["regenboog", world.card.pk])
    [for_leader] = open_reminders(leader, "cards.adoption")
    assert for_leader.url == reverse("kwaliteitskaarten:adopt", args=["regenboog", world.card.pk])
    assert not open_reminders(world.users["coordinator"], "cards.adoption").exists()

    # In the owner's notification list, with what it is.
    owner.language = "en"
    owner.save(update_fields=["language"])
    client = world.client_for("teacher")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("notifications")).content.decode()
    assert "A card under review waits for you" in html and for_owner.url in html

    services.card_adopt(version=draft, user=leader)
    reminders.dispatch(now=timezone.now())
    assert not open_reminders(owner, "cards.review-draft").exists()
    assert not open_reminders(leader, "cards.adoption").exists()


def test_a_concept_without_a_shared_core_does_not_bother_the_leaders(world):
    reminders.dispatch(now=timezone.now())  # world.card is a concept with nothing written yet
    types = {"cards.adoption", "cards.review-draft"}
    assert not Reminder.objects.filter(item_type__in=types).exists()
    world.card.versions.update(core="Elke les eindigt met feedback.")
    reminders.dispatch(now=timezone.now())  # written: now it waits for adoption
    assert open_reminders(world.users["leader"], "cards.adoption").exists()
    assert not open_reminders(world.users["teacher"], "cards.review-draft").exists()
