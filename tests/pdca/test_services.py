"""The rules of a cycle: phases in order, a Check that evaluates everything, an Act that decides."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from kwaliteit import services as core_services
from kwaliteit.models import Job
from kwaliteitskaarten import services as card_services
from kwaliteitskaarten.models import Afspraak, CardVersion
from pdca import services
from pdca.models import Action, Cycle, Phase, SuccessCriterion

from ..audit_helpers import events_of
from ..factories import MembershipFactory, SchoolFactory, UserFactory, VisionVersionFactory

Kind = Phase.Kind


@pytest.fixture(autouse=True)
def _english():
    """The refusals below are asserted in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


def _messages(error):
    return " ".join(error.value.messages)


@pytest.fixture
def cycle(world):
    return services.cycle_create(
        school=world.school,
        user=world.users["coordinator"],
        title="Begrijpend lezen groep 6",
        owner=world.users["teacher"],
        team=world.team,
        cards=[world.card],
        goal_what="Meer leerlingen lezen op niveau",
        goal_measure="80% haalt de norm",
        goal_date=date(2027, 6, 1),
        criteria=[("80% op niveau in de M-toets", world.indicator, Decimal("80"))],
    )


def _through_do(cycle, user):
    services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=user)
    action = services.action_add(
        cycle=cycle, user=user, description="Leesgroepjes", owner=user, due_on=date(2027, 1, 1)
    )
    services.action_update(
        action=action,
        user=user,
        description=action.description,
        owner=user,
        due_on=action.due_on,
        status=Action.Status.DONE,
    )
    services.phase_complete(cycle=cycle, kind=Kind.DO, user=user)


def _through_check(cycle, user):
    _through_do(cycle, user)
    for criterion in cycle.criteria.all():
        services.criterion_evaluate(
            criterion=criterion, user=user, result="met", evidence="82% op niveau"
        )
    services.check_conclusion_save(cycle=cycle, user=user, conclusion="Doel gehaald.")
    services.phase_complete(cycle=cycle, kind=Kind.CHECK, user=user)


def test_a_new_cycle_has_four_phases_in_order_with_school_year_dates(cycle):
    phases = list(cycle.phases.all())
    assert [p.kind for p in phases] == ["plan", "do", "check", "act"]
    dates = [p.due_on for p in phases]
    assert dates == sorted(dates)
    assert events_of(cycle).get().verb == "cycle_created"


def test_default_dates_move_to_next_school_year_late_in_the_year():
    early = services.default_due_dates(date(2026, 9, 1))
    assert early[Kind.ACT] == date(2027, 6, 30)
    late = services.default_due_dates(date(2027, 3, 1))
    assert late[Kind.DO] == date(2028, 3, 31)
    assert late[Kind.PLAN] < late[Kind.DO]


def test_a_due_date_before_the_previous_phase_is_refused_and_nothing_saved(world):
    with pytest.raises(ValidationError) as error:
        services.cycle_create(
            school=world.school,
            user=world.users["coordinator"],
            title="Rekenen",
            owner=world.users["teacher"],
            due_dates={Kind.CHECK: date(2027, 1, 1), Kind.DO: date(2027, 3, 1)},
        )
    assert "due_check" in error.value.message_dict
    assert "cannot be due before" in error.value.message_dict["due_check"][0]
    assert not Cycle.objects.exists()


def test_owner_must_belong_to_the_school(world):
    with pytest.raises(ValidationError) as error:
        services.cycle_create(
            school=world.school,
            user=world.users["coordinator"],
            title="Rekenen",
            owner=world.users["outsider"],
        )
    assert "owner" in error.value.message_dict
    assert not Cycle.objects.exists()


def test_phases_cannot_be_completed_out_of_order(cycle, world):
    with pytest.raises(ValidationError) as error:
        services.phase_complete(cycle=cycle, kind=Kind.CHECK, user=world.users["coordinator"])
    assert "Complete the Plan before the Check" in _messages(error)
    assert not cycle.phases.filter(completed_at__isnull=False).exists()


def test_plan_needs_a_checkable_goal(world):
    bare = services.cycle_create(
        school=world.school, user=world.users["leader"], title="Leeg", owner=world.users["leader"]
    )
    with pytest.raises(ValidationError) as error:
        services.phase_complete(cycle=bare, kind=Kind.PLAN, user=world.users["leader"])
    text = _messages(error)
    assert "how much" in text and "by when" in text and "success criterion" in text


def test_completion_records_who_and_when(cycle, world):
    user = world.users["coordinator"]
    phase = services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=user)
    assert phase.completed_by == user and phase.completed_at is not None
    assert events_of(cycle, verb="phase_completed", actor=user, data__phase="plan").exists()


def test_do_is_not_complete_while_actions_are_open(cycle, world):
    user = world.users["coordinator"]
    services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=user)
    services.action_add(
        cycle=cycle, user=user, description="Lezen", owner=user, due_on=date(2027, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        services.phase_complete(cycle=cycle, kind=Kind.DO, user=user)
    assert "still open" in _messages(error)


def test_an_action_for_someone_outside_the_school_is_refused(cycle, world):
    with pytest.raises(ValidationError) as error:
        services.action_add(
            cycle=cycle,
            user=world.users["coordinator"],
            description="Lezen",
            owner=world.users["outsider"],
            due_on=date(2027, 1, 1),
        )
    assert "owner" in error.value.message_dict
    assert not Action.objects.exists()


def test_check_cannot_complete_without_evaluating_every_criterion(cycle, world):
    user = world.users["coordinator"]
    services.criterion_add(cycle=cycle, user=user, description="Ouders tevreden")
    _through_do(cycle, user)
    first = cycle.criteria.first()
    services.criterion_evaluate(criterion=first, user=user, result="partly", evidence="74%")
    services.check_conclusion_save(cycle=cycle, user=user, conclusion="Deels.")
    with pytest.raises(ValidationError) as error:
        services.phase_complete(cycle=cycle, kind=Kind.CHECK, user=user)
    assert "1 still without evaluation" in _messages(error)
    assert not cycle.phases.get(kind=Kind.CHECK).is_completed


def test_no_data_needs_a_reason(cycle, world):
    user = world.users["coordinator"]
    _through_do(cycle, user)
    criterion = cycle.criteria.get()
    with pytest.raises(ValidationError) as error:
        services.criterion_evaluate(criterion=criterion, user=user, result="no_data", evidence="")
    assert "no_data_reason" in error.value.message_dict
    criterion.refresh_from_db()
    assert criterion.result == ""
    services.criterion_evaluate(
        criterion=criterion,
        user=user,
        result="no_data",
        evidence="",
        no_data_reason="Toets uitgesteld naar juni",
    )
    criterion.refresh_from_db()
    assert criterion.get_result_display() == "no data"


def test_evaluating_before_the_do_is_completed_is_refused(cycle, world):
    with pytest.raises(ValidationError):
        services.criterion_evaluate(
            criterion=cycle.criteria.get(), user=world.users["leader"], result="met", evidence=""
        )


def test_the_plan_is_frozen_once_completed(cycle, world):
    user = world.users["coordinator"]
    services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=user)
    with pytest.raises(ValidationError) as error:
        services.criterion_add(cycle=cycle, user=user, description="Nog iets")
    assert "Reopen it" in _messages(error)


def test_act_needs_a_decision_and_stop_needs_a_reason(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    with pytest.raises(ValidationError) as error:
        services.act_decide(cycle=cycle, user=user, decision="", note="")
    assert "decision" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.act_decide(cycle=cycle, user=user, decision="stop", note="  ")
    assert "note" in error.value.message_dict
    cycle.refresh_from_db()
    assert not cycle.is_closed


def test_act_cannot_be_decided_before_the_check(cycle, world):
    user = world.users["leader"]
    _through_do(cycle, user)
    with pytest.raises(ValidationError) as error:
        services.act_decide(cycle=cycle, user=user, decision="stop", note="Geen tijd")
    assert "Complete the Check before the Act" in _messages(error)


def test_anchoring_without_a_card_or_agreement_is_refused(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    with pytest.raises(ValidationError) as error:
        services.act_decide(cycle=cycle, user=user, decision="anchor", note="", anchor={})
    assert "how" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.act_decide(
            cycle=cycle, user=user, decision="anchor", note="", anchor={"how": "new_agreement"}
        )
    assert "card" in error.value.message_dict
    cycle.refresh_from_db()
    assert not cycle.is_closed and Afspraak.objects.count() == 1


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
    with pytest.raises(ValidationError):
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
        job = core_services.job_create(
            school=world.school, user=world.users["teacher"], kind="card_pdf", object_id=version.pk
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
    with pytest.raises(ValidationError):
        services.cycle_follow_up(cycle=cycle, user=user)


def test_a_successor_for_an_open_cycle_is_refused(cycle, world):
    with pytest.raises(ValidationError) as error:
        services.cycle_follow_up(cycle=cycle, user=world.users["leader"])
    assert "adjust" in _messages(error)
    assert Cycle.objects.count() == 1


def test_reopening_needs_a_reason_and_reopens_later_phases(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    with pytest.raises(ValidationError) as error:
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
    with pytest.raises(ValidationError):
        services.phase_reopen(cycle=cycle, kind=Kind.ACT, user=user, reason="Nog eens")


def test_rescheduling_keeps_order_and_completed_dates(cycle, world):
    user = world.users["coordinator"]
    services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=user)
    plan_due = cycle.phases.get(kind=Kind.PLAN).due_on
    today = timezone.localdate()
    with pytest.raises(ValidationError):
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
    with pytest.raises(ValidationError):
        services.phases_schedule(
            cycle=cycle, user=world.users["coordinator"], due_dates={}, owners={Kind.DO: stranger}
        )
    assert cycle.phases.get(kind=Kind.DO).owner is None


def test_a_closed_cycle_takes_no_more_actions(cycle, world):
    user = world.users["leader"]
    _through_check(cycle, user)
    services.act_decide(cycle=cycle, user=user, decision="stop", note="Klaar")
    with pytest.raises(ValidationError) as error:
        services.action_add(
            cycle=cycle, user=user, description="Nog een", owner=user, due_on=date(2027, 1, 1)
        )
    assert "closed" in _messages(error)


def test_criterion_target_needs_an_indicator(cycle, world):
    with pytest.raises(ValidationError) as error:
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
