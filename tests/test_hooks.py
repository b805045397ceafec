"""The one seam mechanism: apps register providers on hooks, the core and other apps iterate them,
a failing provider is logged and the others still answer."""

import logging
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.html import format_html

from kwaliteit import dated, hooks, reminders
from kwaliteit.hooks import Hook
from kwaliteit.models import Reminder, User
from kwaliteitskaarten.dated import AGREEMENT_TYPES, agreement_items
from pdca.dated import phase_items
from pdca.links import start_from_card
from pdca.models import Cycle, Phase

README = Path(__file__).resolve().parents[1] / "README.md"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def english(world):
    User.objects.update(language="en")


def broken(*args, **kwargs):
    raise RuntimeError("provider crashed")


# --- the hook itself --------------------------------------------------------------------------


def test_providers_are_registered_as_decorators_and_answer_in_order():
    hook = Hook("greetings", "(name) -> str")

    @hook.register
    def hello(name):
        return f"hello {name}"

    hook.register(lambda name: "")  # an empty answer is left out
    hook.register(lambda name: f"bye {name}")
    assert hook.results("Anouk") == ["hello Anouk", "bye Anouk"]
    assert hook.providers()[0] is hello


def test_a_keyed_hook_holds_one_provider_per_key():
    hook = Hook("kinds", "key = name", keyed=True)
    hook.register("first", key="a")
    with pytest.raises(ValueError, match="already has a provider for 'a'"):
        hook.register("second", key="a")
    with pytest.raises(TypeError, match="needs a key"):
        hook.register("third")
    assert hook.get("a") == "first" and hook.get("b") is None


def test_override_swaps_the_providers_for_a_test_and_puts_them_back():
    before = hooks.job_kinds.keys()
    with hooks.job_kinds.override(only="kind"):
        assert hooks.job_kinds.keys() == ["only"]
    assert hooks.job_kinds.keys() == before


def test_items_of_a_provider_that_fails_halfway_are_all_left_out(caplog):
    hook = Hook("numbers", "() -> iterable of int")

    @hook.register
    def halfway():
        yield 1
        raise RuntimeError("halfway")

    hook.register(lambda: [2, 3])
    with caplog.at_level(logging.ERROR, logger="kwaliteit.hooks"):
        items, failed = hook.items()
    assert items == [2, 3] and failed == [halfway]
    assert "halfway" in caplog.text


def test_every_apps_providers_are_discovered_in_app_order():
    builders = [builder.__module__ for builder in hooks.demo_builders.providers()]
    apps = [module.split(".")[0] for module in builders]
    assert apps == ["kwaliteit", "dataplan", "kwaliteitskaarten", "pdca"]
    assert hooks.job_kinds.keys() == [
        "vision_pdf",
        "board_report_pdf",
        "dataplan_pdf",
        "dataplan.import_read",
        "dataplan.import_check",
        "dataplan.import_commit",
        "card_pdf",
        "cycle_pdf",
    ]
    hooks.autodiscover()  # once only: a second call registers nothing twice
    assert len(hooks.demo_builders.providers()) == 4


def test_every_hook_is_in_the_readmes_table():
    table = {
        match.group(1)
        for match in re.finditer(r"^\|\s*`?(?:hooks\.)?(\w+)`?\s*\|", README.read_text(), re.M)
    }
    missing = {hook.name for hook in hooks.all_hooks()} - table
    assert not missing, f"hooks missing from README.md's hook table: {sorted(missing)}"


# --- a failing provider does not take the page or the dispatch down --------------------------


def test_a_failing_object_action_leaves_the_others_on_the_card_page(world, caplog):
    url = reverse("kwaliteitskaarten:card", args=[world.school.slug, world.card.pk])
    with (
        hooks.object_actions.override(broken, start_from_card),
        caplog.at_level(logging.ERROR, logger="kwaliteit.hooks"),
    ):
        response = world.client_for("coordinator").get(url)
    assert response.status_code == 200
    assert "Start an improvement cycle" in response.content.decode()
    assert "provider crashed" in caplog.text


def test_a_failing_vision_section_leaves_the_others_on_the_vision_page(world, vision, caplog):
    def block(request, version):
        return format_html("<p>Over versie {}</p>", version.number)

    url = reverse("kwaliteit:vision", args=[world.school.slug])
    with (
        hooks.vision_sections.override(broken, block),
        caplog.at_level(logging.ERROR, logger="kwaliteit.hooks"),
    ):
        response = world.client_for("teacher").get(url)
    assert response.status_code == 200
    assert "<p>Over versie 2</p>" in response.content.decode()
    assert "provider crashed" in caplog.text


DUE = date(2026, 3, 16)


def at(day):
    return datetime.combine(day, time(5), tzinfo=AMSTERDAM)  # before the digest hour


def overdue_plan(world):
    teacher = world.users["teacher"]
    cycle = Cycle.objects.create(school=world.school, title="Rekenen", owner=teacher,
                                 created_by=teacher)  # fmt: skip
    Phase.objects.create(cycle=cycle, kind=Phase.Kind.PLAN, position=0, due_on=DUE)
    return cycle


def test_a_failing_dated_items_provider_keeps_its_reminders_and_the_others_still_come(
    world, caplog
):
    world.agreement.next_check_on = DUE
    world.agreement.save()
    reminders.dispatch(now=at(DUE + timedelta(days=1)))
    agreement = Reminder.objects.filter(item_type="cards.agreement", resolved_at=None)
    assert agreement.exists()

    overdue_plan(world)
    with hooks.dated_items.override(phase_items):
        dated.provider(AGREEMENT_TYPES)(broken)  # the agreements' provider fails this time
        with caplog.at_level(logging.ERROR, logger="kwaliteit.hooks"):
            reminders.dispatch(now=at(DUE + timedelta(days=2)))
    assert "provider crashed" in caplog.text
    assert Reminder.objects.filter(item_type="pdca.plan", resolved_at=None).exists()
    assert agreement.exists(), "not resolved while its provider failed"
    # resolve_for asks only the failing provider: nothing is resolved either.
    with hooks.dated_items.override():
        dated.provider(AGREEMENT_TYPES)(broken)
        reminders.resolve_for(item_type="cards.agreement", item_ids=[world.agreement.pk])
    assert agreement.exists()

    # Without any agreements' provider the reminder no longer waits: resolved.
    with hooks.dated_items.override(phase_items):
        reminders.dispatch(now=at(DUE + timedelta(days=3)))
    assert not agreement.exists()
    with hooks.dated_items.override(phase_items, agreement_items):
        reminders.dispatch(now=at(DUE + timedelta(days=4)))
    assert agreement.exists(), "back once its provider answers again"
