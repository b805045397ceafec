"""The cycle page shows where a cycle stands: ✓ only for completed phases, the current phase
marked as current (in words), and the phases still to come on one line each."""

import re

from django.urls import reverse

from .helpers import complete_do, complete_plan


def page(world, en, cycle):
    url = reverse("pdca:cycle", args=[world.school.slug, cycle.pk])
    return en("coordinator").get(url).content.decode()


def phase_item(html, kind):
    return re.search(rf'<li id="{kind}" class="([^"]*)"[^>]*>(.*?)</li>', html, re.S).groups()


def test_a_cycle_in_its_plan_is_not_marked_done(world, en, cycle):
    html = page(world, en, cycle)
    assert '<span class="badge current">in the Plan</span>' in html
    assert 'class="badge ok">in the' not in html  # the ✓ badge is for what is done
    classes, plan = phase_item(html, "plan")
    assert classes == "phase current" and "current phase" in plan


def test_future_phases_collapse_to_one_line_until_they_start(world, en, cycle):
    html = page(world, en, cycle)
    phases = {phase.kind: phase for phase in cycle.phases.all()}
    for kind, before in (("do", "plan"), ("check", "do"), ("act", "check")):
        classes, item = phase_item(html, kind)
        assert classes == "phase future"
        line = " ".join(re.sub(r"<[^>]+>", "", item).split())
        starts = phases[before].due_on
        when = f"{starts.day} {starts:%B} {starts.year}"
        assert line.endswith(f"— from {when}, responsible: {cycle.owner.full_name}"), line
        assert "due" not in line and "Complete" not in item
    # the Check and Act sections wait too: no empty evaluation table yet
    assert "not evaluated yet" not in html
    assert "Starts when the previous phase is completed" in html


def test_completed_phases_expand_with_their_tick_and_the_next_becomes_current(world, en, cycle):
    user = world.users["coordinator"]
    complete_plan(cycle, user)
    complete_do(cycle, user)
    html = page(world, en, cycle)
    assert phase_item(html, "plan")[0] == phase_item(html, "do")[0] == "phase done"
    assert "completed on" in phase_item(html, "do")[1]
    classes, check = phase_item(html, "check")
    assert classes == "phase current" and "current phase" in check
    assert phase_item(html, "act")[0] == "phase future"
    assert "not evaluated yet" in html  # the Check section is open now
