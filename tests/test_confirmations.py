"""Destructive actions ask first and say what happens; one click never removes anything."""

import pytest
from django.urls import reverse

from dataplan.models import Measurement
from kwaliteit.models import Team, VisionVersion
from pdca.models import SuccessCriterion

from .pdca.helpers import make_cycle

CONFIRMED = {"bevestigd": "ja"}


def kept(world, vision, name):
    """Whether the thing the action would remove is still there."""
    if name == "team":
        return Team.objects.filter(pk=world.team.pk).exists()
    if name == "draft":
        return VisionVersion.objects.filter(pk=vision["draft"].pk).exists()
    if name == "measurement":
        return Measurement.objects.filter(pk=world.measurement.pk).exists()
    if name == "card":
        world.card.refresh_from_db()
        return world.card.archived_on is None
    return SuccessCriterion.objects.filter(pk=world.criterion.pk).exists()


def action_url(world, name):
    slug = world.school.slug
    if name == "team":
        return reverse("kwaliteit:team-delete", args=[slug, world.team.pk])
    if name == "draft":
        return reverse("kwaliteit:vision-draft-discard", args=[slug])
    if name == "measurement":
        return reverse("dataplan:measurement-delete", args=[slug, world.measurement.pk])
    if name == "card":
        return reverse("kwaliteitskaarten:archive", args=[slug, world.card.pk])
    cycle = make_cycle(world)
    world.criterion = cycle.criteria.get()
    return reverse("pdca:criterion-delete", args=[slug, cycle.pk, world.criterion.pk])


SAYS = {
    "team": "Its members stay in the school",
    "draft": "Everything written in this draft is lost",
    "measurement": "The value disappears from the indicator",
    "card": "The card leaves the register",
    "criterion": "The criterion leaves the plan",
}


@pytest.mark.parametrize("name", SAYS)
def test_a_destructive_action_asks_first_and_acts_when_confirmed(world, vision, name):
    client = world.client_for("coordinator")
    client.cookies["django_language"] = "en"
    url = action_url(world, name)
    for asked in (client.get(url), client.post(url)):
        assert asked.status_code == 200
        html = asked.content.decode()
        assert SAYS[name] in html
        assert 'name="bevestigd" value="ja"' in html
        assert kept(world, vision, name)
    done = client.post(url, CONFIRMED)
    assert done.status_code == 302
    assert not kept(world, vision, name)


@pytest.mark.parametrize(
    ("page", "action"),
    [
        ("kwaliteit:team-edit", "kwaliteit:team-delete"),
        ("kwaliteit:vision-draft", "kwaliteit:vision-draft-discard"),
        ("kwaliteitskaarten:card", "kwaliteitskaarten:archive"),
    ],
)
def test_the_destructive_action_sits_apart_at_the_bottom(world, vision, page, action):
    slug = world.school.slug
    args = {
        "kwaliteit:team-edit": [slug, world.team.pk],
        "kwaliteitskaarten:card": [slug, world.card.pk],
    }
    html = world.client_for("coordinator").get(reverse(page, args=args.get(page, [slug])))
    html = html.content.decode()
    target = reverse(action, args=args.get(page, [slug]))
    zone = html.index('class="danger-zone"')
    assert html.index(f'href="{target}"') > zone  # in the danger zone, a link to the question
    assert f'action="{target}"' not in html  # no one-click form
    assert "<form" not in html[zone : html.index("</section>", zone)]


def test_deactivating_a_member_asks_first_and_keeps_the_rest_of_the_form(world):
    client = world.client_for("coordinator")
    client.cookies["django_language"] = "en"
    teacher = world.school.memberships.get(user=world.users["teacher"])
    url = reverse("kwaliteit:member-edit", args=[world.school.slug, teacher.pk])
    data = {"role": "viewer", "teams": [world.team.pk]}  # "active" unticked
    asked = client.post(url, data)
    assert asked.status_code == 200
    assert "can no longer open this school" in asked.content.decode()
    teacher.refresh_from_db()
    assert (teacher.is_active, teacher.role) == (True, "teacher")  # nothing saved yet
    done = client.post(url, {**data, **CONFIRMED})
    assert done.status_code == 302
    teacher.refresh_from_db()
    assert (teacher.is_active, teacher.role) == (False, "viewer")
    assert list(teacher.teams.all()) == [world.team]


def test_deleting_a_whole_school_value_names_the_whole_school(world):
    from datetime import date
    from decimal import Decimal

    from dataplan import services as dataplan_services
    from dataplan.models import Level

    world.indicator.level = Level.SCHOOL
    world.indicator.save(update_fields=["level"])
    measurement = dataplan_services.measurement_add(
        indicator=world.indicator,
        group_name="",
        measured_on=date(2025, 11, 20),
        value=Decimal("7.5"),
        note="",
        user=world.users["coordinator"],
    )
    client = world.client_for("coordinator")
    client.cookies["django_language"] = "en"
    url = reverse("dataplan:measurement-delete", args=[world.school.slug, measurement.pk])
    html = client.get(url).content.decode()
    assert "Delete the measurement of whole school on 20 November 2025?" in html
