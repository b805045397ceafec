"""The objects behind each dataplan figure (`hooks.figure_objects`, keyed by the figure's key):
the indicators with their latest value, norm, target and status, the missed collection moments,
the decisions. For one school and a period; a fixed few queries. Numbers are shown the Dutch way
(kwaliteit.numbers: "72,5"), as the drill-down page and its export show them."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kwaliteit import numbers
from kwaliteit.figures import Row, Rows

from . import figures
from . import selectors_period as period_reads
from .selectors_period import ASKS_ACTION, ON_COURSE, WITHOUT_DATA


def quantity(value, unit):
    """72.5 and "%" → "72,5 %"; "—" without a value."""
    if value is None:
        return "—"
    shown = numbers.localized(value)
    return f"{shown} {unit}" if unit else shown


def norm_text(indicator):
    sign = "≥" if indicator.higher_is_better else "≤"
    return f"{sign} {quantity(indicator.norm, indicator.unit)}"


def state_label(state):
    return {
        ON_COURSE: _("on track"),
        ASKS_ACTION: _("asks for action"),
        WITHOUT_DATA: _("no data in the last year"),
    }.get(state, _("inactive"))


def indicator_url(school, indicator_id):
    return reverse("dataplan:indicator", args=[school.slug, indicator_id])


def indicator_columns():
    return (_("Latest value"), _("Norm"), _("Target"), _("Status"))


def indicator_row(school, standing):
    indicator, status = standing.indicator, standing.status
    return Row(
        title=indicator.name,
        url=indicator_url(school, indicator.pk),
        cells=(
            quantity(status.value, indicator.unit),
            norm_text(indicator),
            quantity(indicator.target, indicator.unit),
            state_label(standing.state),
        ),
        date=status.last_measured_on,
    )


def standings_of(school, period):
    """The school's active indicators as they stood at the period's end."""
    day = period_reads.as_of(period)
    rows = period_reads.standings(school_ids=[school.id], day=day).get(school.id, [])
    return [row for row in rows if row.state is not None]


def _indicators(states):
    def provider(*, school, period, team_id=None, user=None):
        rows = [row for row in standings_of(school, period) if row.state in states]
        return Rows(indicator_columns(), [indicator_row(school, row) for row in rows])

    return provider


on_course = _indicators({ON_COURSE})
asking_for_action = _indicators({ASKS_ACTION})
without_data = _indicators({WITHOUT_DATA})
measured = _indicators({ON_COURSE, ASKS_ACTION})  # behind the share on course


def missed_moments(*, school, period, team_id=None, user=None):
    """The collection moments that ended in the period without a measurement, oldest first."""
    moments = [
        item
        for item in period_reads.ended_moments(school_ids=[school.id], period=period)
        if not item.done
    ]
    moments.sort(key=lambda item: (item.start, item.title.casefold()))
    owners = {owner for item in moments for owner in item.waits_for}
    names = dict(
        get_user_model().objects.filter(pk__in=owners).values_list("pk", "full_name")
        if owners
        else []
    )
    return Rows(
        (_("Collection moment"), _("Owner")),
        [
            Row(
                title=item.title,
                url=item.url,
                cells=(
                    date_format(item.start, "YEAR_MONTH_FORMAT"),
                    ", ".join(names.get(owner, "") for owner in item.waits_for) or "—",
                ),
                date=item.date,
            )
            for item in moments
        ],
    )


def decisions(*, school, period, team_id=None, user=None):
    """The decisions taken in the period, oldest first, with their indicator."""
    return Rows(
        (_("Indicator"),),
        [
            Row(
                title=decision.text,
                url=indicator_url(school, decision.indicator_id),
                cells=(decision.indicator.name,),
                date=decision.decided_on,
            )
            for decision in period_reads.decisions_in(school=school, period=period)
        ],
    )


PROVIDERS = {
    figures.ON_COURSE_KEY: on_course,
    figures.ACTION_KEY: asking_for_action,
    figures.NO_DATA_KEY: without_data,
    figures.SHARE_KEY: measured,
    figures.MISSED_KEY: missed_moments,
    figures.DECISIONS_KEY: decisions,
}


def register(hook):
    for key, provider in PROVIDERS.items():
        hook.register(provider, key=key)
