"""The rules of a cycle's Act and after: anchoring, adjusting into a follow-up, reopening."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from kwaliteit import services_jobs
from kwaliteit.models import Job
from kwaliteitskaarten import services as card_services
from kwaliteitskaarten.models import CardVersion
from pdca import services
from pdca.models import Cycle, Phase, SuccessCriterion

from ..factories import MembershipFactory, SchoolFactory, UserFactory, VisionVersionFactory
from ..helpers.audit import events_of
from .helpers import _messages, _through_check, services_cycle

Kind = Phase.Kind


@pytest.fixture(autouse=True)
def _english():
    """The refusals below are asserted in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def cycle(world):
    return services_cycle(world)


def test_anchoring_a_new_agreement_closes_the_cycle_and_links_it(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    services.act_decide(
        cycle=cycle,
        user=user,
        decision="anchor",
        note="Werkt goed",
        anchor={
            "how": "new_agreement",
            "card": world.card,
            "text": "Elke week twee keer leesgroepjes",
            "owner": world.users["teacher"],
            "check_interval_months": 2,
            "first_check_on": date(2027, 9, 1),
        },
    )
    cycle.refresh_from_db()
    assert cycle.is_closed and cycle.decision == "anchor"
    assert cycle.anchored_agreement.card == world.card
    assert cycle.anchored_agreement.text == "Elke week twee keer leesgroepjes"
    assert cycle.phases.get(kind=Kind.ACT).completed_by == user
    assert events_of(cycle, verb="anchored").exists()


def test_anchoring_a_failing_agreement_rolls_back_the_decision(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    with pytest.raises(ValidationError, match="The owner must be a member of this school"):
        services.act_decide(
            cycle=cycle,
            user=user,
            decision="anchor",
            note="",
            anchor={"how": "new_agreement", "card": world.card, "text": "X", "owner": None},
        )
    cycle.refresh_from_db()
    assert not cycle.is_closed
    assert not cycle.phases.get(kind=Kind.ACT).is_completed


def test_anchoring_a_card_change_sends_the_card_to_review(cycle, world):
    user = world.users["leader"]
    world.card.versions.update(
        status=CardVersion.Status.ADOPTED, adopted_on=date(2026, 1, 1), adopted_by=user
    )
    _through_check(cycle, user)
    services.act_decide(
        cycle=cycle,
        user=user,
        decision="anchor",
        note="",
        anchor={"how": "change_card", "card": world.card, "change": "Leesgroepjes in de kern"},
    )
    draft = world.card.versions.get(status=CardVersion.Status.DRAFT)
    assert "Leesgroepjes in de kern" in draft.review_reason
    assert "Begrijpend lezen groep 6" in draft.review_reason
    assert draft.review_requests[0]["change"] == "Leesgroepjes in de kern"
    assert draft.review_requests[0]["url"].endswith(f"/verbetertrajecten/{cycle.pk}/")


def _adopted_card(world):
    """world.card adopted as version 1 (with its agreement "Elke les een exit-ticket")."""
    vision = VisionVersionFactory(
        school=world.school,
        adopted=True,
        adopted_by=world.users["leader"],
        created_by=world.users["coordinator"],
        values=["Samen"],
    )
    card_services.card_draft_update(
        version=world.card.versions.get(),
        why="",
        core="Elke les eindigt met feedback.",
        autonomy="",
        how_we_see_it="",
        core_values=list(vision.core_values.all()),
        indicators=[],
    )
    return card_services.card_adopt(version=world.card.versions.get(), user=world.users["leader"])


def _card_pdf_text(world, version, capture):
    with capture(execute=True):
        job = services_jobs.job_create(
            school=world.school, user=world.users["teacher"], kind="card_pdf", about=version
        )
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    with job.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


NEW_AGREEMENT = "Elke week twee keer leesgroepjes"


def test_borgen_with_a_new_agreement_asks_for_the_cards_review_and_leaves_the_adopted_card(
    cycle, world, django_capture_on_commit_callbacks
):
    user = world.users["leader"]
    adopted = _adopted_card(world)
    _through_check(cycle, user)
    with translation.override("en"):  # the request is stored in the decider's language
        services.act_decide(
            cycle=cycle,
            user=user,
            decision="anchor",
            note="",
            anchor={
                "how": "new_agreement",
                "card": world.card,
                "text": NEW_AGREEMENT,
                "owner": world.users["teacher"],
                "first_check_on": date(2027, 9, 1),
            },
        )
    draft = world.card.versions.get(status=CardVersion.Status.DRAFT)
    [request] = draft.review_requests
    assert "Begrijpend lezen groep 6" in request["reason"]
    assert request["change"] == f"new agreement: {NEW_AGREEMENT}"
    assert request["url"] == f"/s/{world.school.slug}/verbetertrajecten/{cycle.pk}/"

    # The adopted version and its staff-room PDF stay as the leader adopted them ...
    adopted.refresh_from_db()
    assert [row["text"] for row in adopted.agreements_snapshot] == ["Elke les een exit-ticket"]
    text = _card_pdf_text(world, adopted, django_capture_on_commit_callbacks)
    assert "exit-ticket" in text and "leesgroepjes" not in text

    # ... the card page says why the card is under review, links the cycle, marks the agreement.
    client = world.client_for("teacher")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("kwaliteitskaarten:card", args=[world.school.slug, world.card.pk]))
    html = html.content.decode()
    assert f'<a href="{request["url"]}">{request["reason"]}</a>' in html.replace("&quot;", '"')
    assert f"Requested change: new agreement: {NEW_AGREEMENT}" in html
    row = html[html.index(f'<th scope="row">{NEW_AGREEMENT}') :]
    assert "new since version 1: waits for the next adoption" in row[: row.index("</th>")]

    # The draft page and the comparison with version 1 say it too.
    leader = world.client_for("leader")
    leader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    slug = world.school.slug
    for page in (
        reverse("kwaliteitskaarten:draft", args=[slug, world.card.pk]),
        reverse("kwaliteitskaarten:compare", args=[slug, world.card.pk, 2]),
    ):
        html = leader.get(page).content.decode().replace("&quot;", '"')
        assert "Why version 2 is being made" in html, page
        assert f'<a href="{request["url"]}">{request["reason"]}</a>' in html, page

    # Adopting the review takes the agreement into version 2 and its PDF.
    version_2 = card_services.card_adopt(version=draft, user=user)
    text = _card_pdf_text(world, version_2, django_capture_on_commit_callbacks)
    assert NEW_AGREEMENT in text and "Version 2" in text


def test_borgen_with_a_changed_agreement_asks_for_the_review_and_shows_what_was_adopted(
    cycle, world
):
    user = world.users["leader"]
    _adopted_card(world)
    _through_check(cycle, user)
    services.act_decide(
        cycle=cycle,
        user=user,
        decision="anchor",
        note="",
        anchor={"how": "change_agreement", "agreement": world.agreement, "text": "Exit-ticket"},
    )
    draft = world.card.versions.get(status=CardVersion.Status.DRAFT)
    assert "Exit-ticket" in draft.review_requests[0]["change"]
    client = world.client_for("teacher")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("kwaliteitskaarten:card", args=[world.school.slug, world.card.pk]))
    html = html.content.decode()
    assert "changed since version 1: waits for the next adoption" in html
    assert "adopted as “Elke les een exit-ticket”" in html


def test_changing_an_agreement_keeps_its_history_in_the_cycle(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    services.act_decide(
        cycle=cycle,
        user=user,
        decision="anchor",
        note="",
        anchor={"how": "change_agreement", "agreement": world.agreement, "text": "Exit-ticket"},
    )
    world.agreement.refresh_from_db()
    assert world.agreement.text == "Exit-ticket"
    text = events_of(cycle).get(verb="anchored").data["text"]
    assert "Elke les een exit-ticket" in text and "Exit-ticket" in text


def test_adjusting_creates_a_prefilled_successor(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    follow_up = services.act_decide(cycle=cycle, user=user, decision="adjust", note="Bijsturen")
    assert follow_up.predecessor == cycle
    assert follow_up.origin == Cycle.Origin.FOLLOW_UP
    assert follow_up.goal_what == cycle.goal_what
    assert list(follow_up.criteria.values_list("description", "result")) == [
        ("80% op niveau in de M-toets", "")
    ]
    assert list(follow_up.cards.all()) == [world.card]
    with pytest.raises(ValidationError, match="This cycle already has a follow-up cycle"):
        services.cycle_follow_up(cycle=cycle, user=user)


def test_a_successor_for_an_open_cycle_is_refused(cycle, world):
    with pytest.raises(
        ValidationError,
        match=re.escape("A follow-up cycle starts from an Act that decided to adjust (bijstellen)"),
    ) as error:
        services.cycle_follow_up(cycle=cycle, user=world.users["leader"])
    assert "adjust" in _messages(error)
    assert Cycle.objects.count() == 1


def test_reopening_needs_a_reason_and_reopens_later_phases(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    with pytest.raises(ValidationError, match="Give a reason for reopening this phase") as error:
        services.phase_reopen(cycle=cycle, kind=Kind.DO, user=user, reason=" ")
    assert "reason" in error.value.message_dict
    services.phase_reopen(cycle=cycle, kind=Kind.DO, user=user, reason="Actie vergeten")
    states = dict(cycle.phases.values_list("kind", "completed_at"))
    assert states["plan"] is not None
    assert states["do"] is None and states["check"] is None
    reopened = events_of(cycle, verb="phase_reopened")
    assert {e.data["phase"] for e in reopened} == {"do", "check"}
    assert all(e.data["text"] == "Actie vergeten" for e in reopened)


def test_reopening_the_act_reopens_the_cycle_unless_a_successor_exists(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    services.act_decide(cycle=cycle, user=user, decision="stop", note="Geen effect")
    services.phase_reopen(cycle=cycle, kind=Kind.ACT, user=user, reason="Toch doorgaan")
    cycle.refresh_from_db()
    assert not cycle.is_closed
    services.act_decide(cycle=cycle, user=user, decision="adjust", note="")
    with pytest.raises(ValidationError, match="A follow-up cycle already continues this cycle"):
        services.phase_reopen(cycle=cycle, kind=Kind.ACT, user=user, reason="Nog eens")


def test_rescheduling_keeps_order_and_completed_dates(cycle, world):
    user = world.users["coordinator"]
    services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=user)
    plan_due = cycle.phases.get(kind=Kind.PLAN).due_on
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="The Do cannot be due before the Plan"):
        services.phases_schedule(
            cycle=cycle,
            user=user,
            due_dates={Kind.DO: plan_due - timedelta(days=1)},
            owners={},
        )
    services.phases_schedule(
        cycle=cycle,
        user=user,
        due_dates={Kind.PLAN: today, Kind.DO: plan_due + timedelta(days=30)},
        owners={Kind.CHECK: world.users["coordinator"]},
    )
    phases = {p.kind: p for p in cycle.phases.all()}
    assert phases["plan"].due_on == plan_due  # completed: unchanged
    assert phases["do"].due_on == plan_due + timedelta(days=30)
    assert phases["check"].owner == world.users["coordinator"]


def test_a_phase_owner_from_another_school_is_refused(cycle, world):
    stranger = UserFactory()
    MembershipFactory(user=stranger, school=SchoolFactory())
    with pytest.raises(ValidationError, match="Choose someone who is a member of this school"):
        services.phases_schedule(
            cycle=cycle, user=world.users["coordinator"], due_dates={}, owners={Kind.DO: stranger}
        )
    assert cycle.phases.get(kind=Kind.DO).owner is None


def test_a_closed_cycle_takes_no_more_actions(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    services.act_decide(cycle=cycle, user=user, decision="stop", note="Klaar")
    with pytest.raises(
        ValidationError, match=re.escape("This cycle is closed. Reopen its Act to change it.")
    ) as error:
        services.action_add(
            cycle=cycle, user=user, description="Nog een", owner=user, due_on=date(2027, 1, 1)
        )
    assert "closed" in _messages(error)


def test_criterion_target_needs_an_indicator(cycle, world):
    with pytest.raises(
        ValidationError, match="A target value needs an indicator to be measured by"
    ) as error:
        services.criterion_add(
            cycle=cycle,
            user=world.users["coordinator"],
            description="Tevredenheid",
            target_value=Decimal("7"),
        )
    assert "target_value" in error.value.message_dict
    assert SuccessCriterion.objects.count() == 1


def test_follow_up_titles_do_not_stack_along_a_chain(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    second = services.act_decide(cycle=cycle, user=user, decision="adjust", note="")
    second.goal_date = date(2027, 12, 1)
    second.save()
    _through_check(second, user)
    third = services.act_decide(cycle=second, user=user, decision="adjust", note="")
    assert third.title == "Begrijpend lezen groep 6 (follow-up)"
    assert third.predecessor.predecessor == cycle
