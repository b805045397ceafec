"""The cycle report: a PDF made by a background job, with the goal, the phases, the evaluation,
the decision and the history, scoped to the job's school."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from kwaliteit import services_jobs
from kwaliteit.models import Job
from pdca import services
from pdca.models import Cycle, Phase

Kind = Phase.Kind


def pdf_text(job):
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    with job.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def request_report(world, cycle, capture, *, user=None, school=None, language="en"):
    with translation.override(language), capture(execute=True):
        job = services_jobs.job_create(
            school=school or world.school,
            user=user or world.users["teacher"],
            kind="cycle_pdf",
            about=cycle,
        )
    return job


def due(today, *offsets):
    return {kind: today + timedelta(days=n) for kind, n in zip(Phase.ORDER, offsets, strict=True)}


def new_cycle(world, title="Begrijpend lezen groep 6–8", **extra):
    today = timezone.localdate()
    options = {
        "school": world.school,
        "user": world.users["coordinator"],
        "title": title,
        "owner": world.users["teacher"],
        "team": world.team,
        "cards": [world.card],
        "goal_what": "Leerlingen passen leesstrategieën zelfstandig toe",
        "goal_measure": "70% op niveau begrijpend lezen",
        "goal_date": date(2026, 7, 1),
        "reason": "Drie metingen op rij een daling",
        "due_dates": due(today, -90, -60, -30, -10),
        "criteria": [
            ("70% op niveau in groep 6–8", world.indicator, Decimal("70")),
            ("Elke groep leest dagelijks twintig minuten", None, None),
        ],
    }
    return services.cycle_create(**options | extra)


def through_check(world, cycle):
    teacher = world.users["teacher"]
    services.phase_complete(cycle=cycle, kind=Kind.PLAN, user=teacher)
    action = services.action_add(
        cycle=cycle,
        user=teacher,
        description="Dagelijks hardop voordoen van een leesstrategie",
        owner=world.users["leader"],
        due_on=date(2026, 2, 1),
    )
    services.action_update(
        action=action,
        user=teacher,
        description=action.description,
        owner=action.owner,
        due_on=action.due_on,
        status="done",
    )
    services.note_add(cycle=cycle, author=teacher, text="Groep 7 loopt voor op de planning")
    services.phase_complete(cycle=cycle, kind=Kind.DO, user=teacher)
    first, second = cycle.criteria.all()
    services.criterion_evaluate(
        criterion=first, user=teacher, result="partly", evidence="De meting gaf 66 procent"
    )
    services.criterion_evaluate(
        criterion=second,
        user=teacher,
        result="no_data",
        evidence="",
        no_data_reason="Het leeslogboek is niet bijgehouden",
    )
    services.check_conclusion_save(
        cycle=cycle, user=teacher, conclusion="Vooruitgang, maar nog niet op niveau"
    )
    services.phase_complete(cycle=cycle, kind=Kind.CHECK, user=teacher)


@pytest.fixture
def anchored(world):
    cycle = new_cycle(world)
    through_check(world, cycle)
    services.act_decide(
        cycle=cycle,
        user=world.users["leader"],
        decision=Cycle.Decision.ANCHOR,
        note="Het werkt in de bovenbouw: vastleggen",
        anchor={
            "how": services.ANCHOR_NEW_AGREEMENT,
            "card": world.card,
            "text": "Elke dag twintig minuten lezen met een leesdoel",
            "owner": world.users["teacher"],
            "check_interval_months": 3,
            "first_check_on": date(2026, 9, 1),
        },
    )
    return cycle


def test_the_report_shows_goal_evaluation_decision_anchor_and_history(
    world, anchored, django_capture_on_commit_callbacks
):
    job = request_report(world, anchored, django_capture_on_commit_callbacks)
    text = pdf_text(job)
    assert job.file.name.endswith(".pdf")
    # the goal: what, how much, by when; why; owner, team and card
    assert "Leerlingen passen leesstrategieën zelfstandig toe" in text
    assert "70% op niveau begrijpend lezen" in text and "1 July 2026" in text
    assert "Drie metingen op rij een daling" in text
    assert world.users["teacher"].full_name in text
    assert world.team.name in text and world.card.title in text
    # the criteria with their evaluation, and the indicator's trend
    assert "Partly met" in text and "De meting gaf 66 procent" in text
    assert "No data" in text and "Het leeslogboek is niet bijgehouden" in text
    assert f"Trend: {world.indicator.name}" in text
    # actions, notes, the check and the decision with what was anchored
    assert "Dagelijks hardop voordoen van een leesstrategie" in text
    assert world.users["leader"].full_name in text
    assert "Groep 7 loopt voor op de planning" in text
    assert "Vooruitgang, maar nog niet op niveau" in text
    assert "Anchor (borgen)" in text and "Het werkt in de bovenbouw: vastleggen" in text
    assert "Anchored in the agreement “Elke dag twintig minuten lezen met een leesdoel”" in text
    # the history: who did what
    assert "Started the cycle" in text
    assert "Evaluated a success criterion (Check)" in text
    assert "Anchored the result (Act)" in text


def test_an_open_cycle_marks_its_overdue_phase_and_names_its_predecessor(
    world, django_capture_on_commit_callbacks
):
    first = new_cycle(world)
    through_check(world, first)
    follow_up = services.act_decide(
        cycle=first, user=world.users["leader"], decision="adjust", note="Bijstellen"
    )
    services.phases_schedule(
        cycle=follow_up,
        user=world.users["coordinator"],
        due_dates=due(timezone.localdate(), -3, 30, 60, 90),
        owners={},
    )
    text = pdf_text(request_report(world, follow_up, django_capture_on_commit_callbacks))
    assert "Now in the Plan phase" in text
    assert "Overdue: not completed" in text
    assert f"Follow-up of {first.title}" in text
    assert "Not evaluated yet" in text and "No decision yet." in text

    Job.objects.all().delete()
    text = pdf_text(request_report(world, first, django_capture_on_commit_callbacks))
    assert f"Continued in {follow_up.title}" in text


def test_user_text_appears_as_text(world, django_capture_on_commit_callbacks):
    cycle = new_cycle(
        world,
        title="<b>Vet</b> & <script>x</script>",
        reason="<i>schuin</i> & co",
        criteria=[("<u>onderstreept</u>", None, None)],
    )
    services.note_add(cycle=cycle, author=world.users["teacher"], text="<img src=x>")
    text = pdf_text(request_report(world, cycle, django_capture_on_commit_callbacks))
    assert "<b>Vet</b> & <script>x</script>" in text
    assert "<i>schuin</i> & co" in text and "<u>onderstreept</u>" in text
    assert "<img src=x>" in text


def test_the_report_follows_the_language_of_the_request(
    world, anchored, django_capture_on_commit_callbacks
):
    job = request_report(world, anchored, django_capture_on_commit_callbacks, language="nl")
    assert job.language == "nl"
    text = pdf_text(job)
    assert "1 juli 2026" in text  # dates (and every translated label) in Dutch


def test_another_schools_cycle_cannot_be_printed_through_this_school(
    world, django_capture_on_commit_callbacks
):
    outsider = world.users["outsider"]
    theirs = services.cycle_create(
        school=world.other_school,
        user=outsider,
        title="Geheim traject van een andere school",
        owner=outsider,
    )
    job = request_report(world, theirs, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert not job.file
