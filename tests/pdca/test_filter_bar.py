"""The cycle list's filters: each label above its own control, apply and clear side by side."""

from django.urls import reverse

from .helpers import make_cycle


def test_each_filter_keeps_its_label_with_its_control(world, en):
    make_cycle(world)
    url = reverse("pdca:list", args=[world.school.slug])
    html = en("viewer").get(url).content.decode()
    bar = html[html.index('<div class="filter-bar">') : html.index('<div id="cycle-results"')]
    fields = bar[: bar.index('<div class="filter-actions">')]
    groups = fields.split('<div class="filter">')[1:]
    assert len(groups) == 5
    for group, name in zip(groups, ["fase", "eigenaar", "team", "kaart", "te_laat"], strict=True):
        assert f'<label for="id_{name}"' in group and f'id="id_{name}"' in group
        if name != "te_laat":  # a checkbox keeps its label after the box, as checkboxes do
            assert group.index("<label") < group.index(f'id="id_{name}"')  # label above
    assert '<button type="submit">Apply filters</button>' in bar
    assert "Clear filters" not in bar  # nothing to clear yet
    filtered = en("viewer").get(url, {"te_laat": "on"}).content.decode()
    assert f'<a href="{url}">Clear filters</a>' in filtered
