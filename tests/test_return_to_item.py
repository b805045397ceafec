"""After a save the user lands on the item they changed (#action-12), not at the top of a long
page: the redirect carries a fragment, the page has that element and says what was saved."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from dataplan.models import Measurement
from kwaliteit.models import Team

from .factories import MeasurementFactory
from .pdca.helpers import complete_do, complete_plan, make_cycle

TODAY = timezone.localdate()


def lands_on(client, response, fragment, message):
    """The redirect ends in #fragment; that page has the element and the confirmation."""
    assert response.status_code == 302, response.content.decode()[:500]
    location = response["Location"]
    assert location.endswith(f"#{fragment}"), location
    page = client.get(location.split("#")[0]).content.decode()
    assert f'id="{fragment}"' in page
    assert message in page
    assert "/static/js/return-to-item." in page  # focuses the item
    return page


def pdca_url(world, name, *args):
    return reverse(f"pdca:{name}", args=[world.school.slug, *args])


def test_cycle_edits_return_to_the_changed_item(world):
    cycle = make_cycle(world)
    client = world.client_for("coordinator")
    client.cookies["django_language"] = "en"
    due = (TODAY + timedelta(days=10)).isoformat()
    data = {"description": "Leesmaatjes", "owner": world.users["leader"].pk, "due_on": due}
    response = client.post(pdca_url(world, "action-add", cycle.pk), data)
    action = cycle.actions.get()
    lands_on(client, response, f"action-{action.pk}", "The action has been added.")
    data["status"] = "started"
    response = client.post(pdca_url(world, "action-edit", cycle.pk, action.pk), data)
    lands_on(client, response, f"action-{action.pk}", "The action has been saved.")

    data = {
        "description": "Ouders merken het",
        "indicator": world.indicator.pk,
        "target_value": "4",
    }
    response = client.post(pdca_url(world, "criterion-add", cycle.pk), data)
    criterion = cycle.criteria.get(description="Ouders merken het")
    lands_on(client, response, f"criterion-{criterion.pk}", "The success criterion has been added.")
    response = client.post(pdca_url(world, "criterion-edit", cycle.pk, criterion.pk), data)
    lands_on(client, response, f"criterion-{criterion.pk}", "The success criterion has been saved.")

    response = client.post(pdca_url(world, "note-add", cycle.pk), {"text": "Goede start"})
    note = cycle.notes.get()
    lands_on(client, response, f"note-{note.pk}", "The progress note has been saved.")

    schedule = {f"due_{p.kind}": p.due_on.isoformat() for p in cycle.phases.all()}
    response = client.post(pdca_url(world, "schedule", cycle.pk), schedule)
    assert response["Location"].endswith("#phases")
    response = client.post(pdca_url(world, "phase-complete", cycle.pk, "plan"))
    lands_on(client, response, "plan", "completed")


def test_an_evaluation_returns_to_its_criterion_on_the_check_page(world):
    cycle = make_cycle(world)
    user = world.users["coordinator"]
    complete_plan(cycle, user)
    complete_do(cycle, user)
    criterion = cycle.criteria.get()
    client = world.client_for("coordinator")
    client.cookies["django_language"] = "en"
    response = client.post(
        pdca_url(world, "evaluate", cycle.pk, criterion.pk), {"result": "met", "evidence": "82%"}
    )
    assert response["Location"].startswith(pdca_url(world, "check", cycle.pk))
    lands_on(client, response, f"criterion-{criterion.pk}", "The evaluation has been saved.")


def test_a_measurement_returns_to_its_row_on_its_page_of_its_year(world):
    indicator = world.indicator
    for day in range(30):  # a full first page of newer values in the same school year
        MeasurementFactory(
            indicator=indicator, group=world.measurement.group, measured_on=date(2025, 11, 1 + day)
        )
    client = world.client_for("coordinator")
    client.cookies["django_language"] = "en"
    url = reverse("dataplan:measurement-add", args=[world.school.slug, indicator.pk])
    data = {"group_name": "Groep 6", "measured_on": "2025-10-01", "value": "72"}
    response = client.post(url, data)
    added = Measurement.objects.get(group__name="Groep 6")
    assert "?jaar=2025&pagina=2#" in response["Location"]
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert f'id="measurement-{added.pk}"' in page
    assert "The measurement has been saved." in page

    url = reverse("dataplan:decision-add", args=[world.school.slug, indicator.pk])
    response = client.post(url, {"decided_on": "2025-11-01", "text": "Extra lezen"})
    decision = indicator.decisions.get()
    lands_on(client, response, f"decision-{decision.pk}", "The decision has been recorded.")


def test_member_and_team_edits_return_to_their_row(world):
    client = world.client_for("coordinator")
    client.cookies["django_language"] = "en"
    slug = world.school.slug
    teacher = world.school.memberships.get(user=world.users["teacher"])
    response = client.post(
        reverse("kwaliteit:member-edit", args=[slug, teacher.pk]),
        {"role": "teacher", "teams": [world.team.pk], "is_active": "on"},
    )
    lands_on(client, response, f"member-{teacher.pk}", "The changes have been saved.")
    response = client.post(
        reverse("kwaliteit:team-edit", args=[slug, world.team.pk]), {"name": "Middenbouw"}
    )
    lands_on(client, response, f"team-{world.team.pk}", "The changes have been saved.")
    response = client.post(reverse("kwaliteit:teams", args=[slug]), {"name": "Onderbouw"})
    team = Team.objects.get(name="Onderbouw")
    lands_on(client, response, f"team-{team.pk}", "The team has been added.")
