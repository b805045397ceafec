"""Rules that the forms used to check alone now hold for every caller of the services."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from kwaliteitskaarten import services
from kwaliteitskaarten.models import AssessmentPeriod, Reflection


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def make_card(world, *, team, interval=12, title="Feedback"):
    return services.card_create(
        school=world.school,
        title=title,
        owner=world.users["teacher"],
        team=team,
        user=world.users["coordinator"],
        review_interval_months=interval,
    )


def test_a_card_is_reviewed_every_1_to_60_months(world):
    with pytest.raises(ValidationError, match="less than or equal to 60") as refused:
        make_card(world, team=None, interval=61)
    assert set(refused.value.message_dict) == {"review_interval_months"}
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        make_card(world, team=None, interval=0)
    assert make_card(world, team=None, interval=60).review_interval_months == 60


def test_a_reflection_is_shared_only_with_a_card_that_has_a_team(world):
    card = make_card(world, team=None)
    with pytest.raises(ValidationError, match="This card has no team to share with") as refused:
        services.reflection_add(
            author=world.users["teacher"], card=card, text="Ging goed.", visibility="team"
        )
    assert set(refused.value.message_dict) == {"visibility"}
    assert not Reflection.objects.exists()
    shared = services.reflection_add(
        author=world.users["teacher"],
        card=make_card(world, team=world.team, title="Rust"),
        text="Ging goed.",
        visibility="team",
    )
    assert shared.visibility == "team"


def test_appreciation_goes_to_a_colleague(world):
    card = make_card(world, team=world.team)
    teacher = world.users["teacher"]
    with pytest.raises(ValidationError, match="Appreciation goes to a colleague.") as refused:
        services.appreciation_add(author=teacher, recipient=teacher, card=card, text="Top!")
    assert set(refused.value.message_dict) == {"recipient"}


def test_a_period_cannot_close_before_it_opens(world):
    with pytest.raises(ValidationError, match="cannot close before the day it opens") as refused:
        services.assessment_period_create(
            school=world.school,
            name="Najaar",
            opens_on=date(2026, 10, 10),
            closes_on=date(2026, 10, 9),
        )
    assert set(refused.value.message_dict) == {"closes_on"}
    assert not AssessmentPeriod.objects.exists()


def test_the_mine_page_shows_the_service_s_refusal_on_its_field(world):
    card = make_card(world, team=None)  # a card for the whole school, adopted
    card.versions.update(
        status="adopted",
        core="Feedback.",
        adopted_on=date(2026, 1, 15),
        adopted_by=world.users["leader"],
    )
    teacher = world.users["teacher"]
    teacher.language = "en"
    teacher.save(update_fields=["language"])
    client = world.client_for("teacher")
    mine = reverse("kwaliteitskaarten:mine", args=[world.school.slug])
    data = {
        "reflection-card": card.pk,
        "reflection-text": "Ging goed.",
        "reflection-visibility": "team",
    }
    client.post(reverse("kwaliteitskaarten:reflection-add", args=[world.school.slug]), data)
    page = client.get(mine)
    form = page.context["reflection_form"]
    assert form.errors["visibility"] == [
        "This card has no team to share with: keep this reflection to yourself."
    ]
    assert form["text"].value() == "Ging goed."
    assert not Reflection.objects.exists()
