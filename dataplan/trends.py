"""The trend chart of an indicator: which groups to draw, and the chart itself."""

from django.utils.translation import gettext as _

from . import charts, selectors

MAX_SERIES = 6


def chosen_groups(row, asked_ids=()):
    """The groups drawn: the ones asked for, else those asking for action, else the first.

    A trend is history: groups not measured for over a year can be drawn too (current ones first).
    """
    every = [*row.status.latest, *row.status.out_of_date]
    by_id = {item.group_id: item for item in every}
    asked = [g for g in asked_ids if g in by_id]
    if asked:
        return [by_id[g] for g in asked[:MAX_SERIES]]
    breaching = row.status.breaching[:MAX_SERIES]
    if breaching:
        return breaching
    return every[:MAX_SERIES]


def indicator_chart(row, groups):
    series_data = selectors.series_for(
        indicator=row.indicator, group_ids=[group.group_id for group in groups]
    )
    whole_school = _("whole school")
    series = [
        charts.Series(label=group.group_name or whole_school, points=series_data[group.group_id])
        for group in groups
    ]
    indicator = row.indicator
    return charts.trend_chart(
        series,
        title=indicator.name,
        unit=indicator.unit,
        norm=indicator.norm,
        target=indicator.target,
        higher_is_better=indicator.higher_is_better,
    )
