"""What the walkthrough of the history found: every record reads as a sentence in the reader's
words, on every page that shows it, and readers never see a draft's history."""

from datetime import date

from django.urls import reverse

from kwaliteit import audit
from kwaliteit import services as core_services
from kwaliteitskaarten import services as card_services
from pdca import services as pdca_services

from .builders import adopt_card_twice
from .helpers.audit import events_of
from .pdca.helpers import make_cycle


def _vision_url(world, name, *args):
    return reverse(f"kwaliteit:{name}", args=[world.school.slug, *args])


def test_a_changed_list_of_core_values_reads_on_the_version_page_and_in_the_export(world, vision):
    # A change to a reverse relation (the version's core values) once made these pages fail.
    audit.record(
        actor=world.users["coordinator"],
        verb="vision_draft_updated",
        obj=vision["v2"],
        changes={"core_values": ["Samen", "Samen, Vertrouwen"]},
        data={"number": 2},
    )
    client = world.client_for("coordinator", language="en")
    page = client.get(_vision_url(world, "vision-version", 2)).content.decode()
    assert "edited the draft of version 2" in page
    assert "Samen, Vertrouwen" in page
    export = client.get(
        _vision_url(world, "audit-export"), {"start": "01-01-2020", "end": "31-12-2030"}
    )
    assert export.status_code == 200
    assert "Samen, Vertrouwen" in export.content.decode("utf-8-sig")


def test_the_vision_page_shows_the_visions_history_and_adoption_reads_as_a_sentence(world):
    coordinator, leader = world.users["coordinator"], world.users["leader"]
    draft = core_services.vision_draft_start(school=world.school, user=coordinator)
    core_services.vision_draft_update(
        version=draft, title="Samen leren", statement="Wij leren samen.", values=[("Samen", "")]
    )
    core_services.vision_adopt(version=draft, user=leader, adopted_on=date(2026, 1, 5))
    page = world.client_for("teacher", language="en").get(_vision_url(world, "vision"))
    html = page.content.decode()
    assert "History" in html
    assert "adopted version 1" in html
    assert "started the draft" not in html  # a teacher sees no draft history


def test_a_teacher_sees_a_cards_adoption_but_not_its_drafts(world, vision):
    adopt_card_twice(world, vision)
    draft = card_services.card_review_start(card=world.card, user=world.users["coordinator"])
    url = reverse("kwaliteitskaarten:card", args=[world.school.slug, world.card.pk])
    started = f"started the draft of version {draft.number}"
    teacher = world.client_for("viewer", language="en").get(url).content.decode()
    assert f"adopted version {draft.number - 1}" in teacher
    assert started not in teacher
    coordinator = world.client_for("coordinator", language="en").get(url).content.decode()
    assert started in coordinator


def test_an_actions_new_status_reads_as_its_label_not_its_code(world):
    cycle = make_cycle(world)
    teacher = world.users["teacher"]
    action = pdca_services.action_add(
        cycle=cycle, user=teacher, description="Leeshoek", owner=teacher, due_on=date(2027, 1, 1)
    )
    pdca_services.action_update(
        action=action,
        user=teacher,
        description="Leeshoek",
        owner=teacher,
        due_on=date(2027, 1, 1),
        status="done",
    )
    url = reverse("pdca:cycle", args=[world.school.slug, cycle.pk])
    html = world.client_for("teacher", language="nl").get(url).content.decode()
    assert "<del>gepland</del> → <ins>gedaan</ins>" in html  # the labels, in Dutch


def test_changing_the_start_of_the_school_year_is_recorded(world):
    core_services.school_year_start_set(
        school=world.school, month=9, day=1, user=world.users["coordinator"]
    )
    [event] = events_of(world.school, verb="school_year_start_changed")
    assert event.actor == world.users["coordinator"]
    assert event.changes == {"year_start_month": [8, 9]}
