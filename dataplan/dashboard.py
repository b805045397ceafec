"""The dataplan's part of the leader's dashboard (`hooks.dashboard_sections`).

Where the indicators stood at the end of the period as a bar chart (each bar drills down to its
indicators), the indicators that ask for action with their value against the norm, and the
collection moments missed in the period. Five queries, whatever the number of indicators or
measurements. Indicators belong to no team: the team filter leaves this section as it is.
"""

from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kwaliteit import charts, clock
from kwaliteit.figures import percent

from . import figures
from . import selectors_period as period_reads
from .drilldown import indicator_url, norm_text, quantity
from .selectors_period import ASKS_ACTION, ON_COURSE, WITHOUT_DATA

SHOWN = 5  # lines of each list; the drill-down has them all


def figure_url(school, key, period, team_id=None):
    """The drill-down page of a figure for this period (and the dashboard's team, which the
    page keeps), or "" while that page does not exist."""
    try:
        url = reverse("kwaliteit:figure", args=[school.slug, key])
    except NoReverseMatch:
        return ""
    params = period.params() | ({"team": team_id} if team_id else {})
    return f"{url}?{urlencode(params)}"


def status_chart(school, period, counts, team_id=None):
    labels = {
        ON_COURSE: _("On track"),
        ASKS_ACTION: _("Asks for action"),
        WITHOUT_DATA: _("No recent data"),
    }
    bars = [
        charts.Bar(
            labels[state],
            counts[state],
            figure_url(school, figures.STATE_KEYS[state], period, team_id),
        )
        for state in (ON_COURSE, ASKS_ACTION, WITHOUT_DATA)
    ]
    description = _(
        "Active indicators at the end of the period: %(ok)s on track, %(action)s asking for "
        "action, %(empty)s without data in the last year."
    ) % {"ok": counts[ON_COURSE], "action": counts[ASKS_ACTION], "empty": counts[WITHOUT_DATA]}
    return charts.bars(_("Indicators by status"), description, bars)


def section_context(school, period, team_id=None):
    today = clock.today()
    day = period_reads.as_of(period, today)
    standings = period_reads.standings(school_ids=[school.id], day=day).get(school.id, [])
    active = [row for row in standings if row.state is not None]
    counts = {state: sum(1 for row in active if row.state == state) for state in figures.STATE_KEYS}
    # Most groups missing the norm first: where the school is furthest from it.
    asking = sorted(
        (row for row in active if row.state == ASKS_ACTION),
        key=lambda row: -len(row.status.breaching) / max(row.status.group_count, 1),
    )
    missed = sorted(
        (
            item
            for item in period_reads.ended_moments(
                school_ids=[school.id], period=period, today=today
            )
            if not item.done
        ),
        key=lambda item: (item.start, item.title.casefold()),
        reverse=True,
    )
    decisions = sum(period_reads.decision_counts(school_ids=[school.id], period=period).values())
    measured = counts[ON_COURSE] + counts[ASKS_ACTION]
    return {
        "school": school,
        "period": period,
        "has_indicators": bool(active),
        "chart": status_chart(school, period, counts, team_id) if active else None,
        "measured": measured,
        "on_course": counts[ON_COURSE],
        "share": percent(counts[ON_COURSE], measured),
        "decisions": decisions,
        "asking": [
            {
                "name": row.indicator.name,
                "url": indicator_url(school, row.indicator.pk),
                "value": quantity(row.status.value, row.indicator.unit),
                "norm": norm_text(row.indicator),
                "groups": len(row.status.breaching),
                "total": row.status.group_count,
            }
            for row in asking[:SHOWN]
        ],
        "asking_count": len(asking),
        "asking_url": figure_url(school, figures.ACTION_KEY, period, team_id),
        "missed": [
            {
                "name": item.title,
                "url": item.url,
                "month": date_format(item.start, "YEAR_MONTH_FORMAT"),
            }
            for item in missed[:SHOWN]
        ],
        "missed_count": len(missed),
        "missed_url": figure_url(school, figures.MISSED_KEY, period, team_id),
        "decisions_url": figure_url(school, figures.DECISIONS_KEY, period, team_id),
        "plan_url": reverse("dataplan:plan", args=[school.slug]),
    }


def dashboard_section(request, *, period, team_id=None):
    """The dataplan block of request.school's dashboard, or "" for who may not see the plan."""
    if not request.access.can("dataplan.view"):
        return ""
    context = section_context(request.school, period, team_id)
    # Without the request: the page's context processors ran once already.
    return mark_safe(render_to_string("dataplan/dashboard/section.html", context))  # noqa: S308
