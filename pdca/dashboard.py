"""The cycles' part of the leader's dashboard (`hooks.dashboard_sections`): the PDCA funnel, the
decision mix, Checks and Acts on time with their trend per month, what is overdue now and the
cycles that stay longest in one phase. Every bar and number links to the figure's drill-down.

Five queries whatever the number of cycles: the four figure providers and the top five.
"""

from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kwaliteit import charts, clock

from . import figures
from .models import Cycle, Phase

Kind = Phase.Kind
STUCK_SHOWN = 5


def figure_url(school, key, *, period, team_id=None):
    """The drill-down page of a figure, with the period and team chosen; "" while the core has
    no such page (the dashboard's URL is the core's, made in parallel with this app's part)."""
    try:
        url = reverse("kwaliteit:figure", args=[school.slug, key])
    except NoReverseMatch:
        return ""
    params = dict(period.params())
    if team_id:
        params["team"] = team_id
    return f"{url}?{urlencode(params)}"


def funnel_chart(totals, link=lambda key: ""):
    """Cycles per phase and closed: where the cycles are."""
    bars = [
        charts.Bar(str(kind.label), totals[key].value, link(key))
        for kind, key in ((Kind(k), key) for k, key in figures.PHASE_KEYS.items())
    ]
    bars.append(charts.Bar(_("Closed"), totals[figures.CLOSED].value, link(figures.CLOSED)))
    return charts.bars(
        _("Cycles per phase"),
        _(
            "Open cycles per current phase (Plan, Do, Check, Act) and the cycles closed in the "
            "period."
        ),  # fmt: skip
        bars,
    )


def decision_chart(totals, link=lambda key: ""):
    """The decisions of the closed cycles: anchored, adjusted, stopped."""
    labels = {
        Cycle.Decision.ANCHOR: _("Anchor"),
        Cycle.Decision.ADJUST: _("Adjust"),
        Cycle.Decision.STOP: _("Stop"),
    }
    bars = [
        charts.Bar(labels[decision], totals[key].value, link(key))
        for decision, key in figures.DECISION_KEYS.items()
    ]
    return charts.bars(
        _("Decisions of the closed cycles"),
        _("How many cycles closed in the period were anchored, adjusted or stopped."),
        bars,
    )


def on_time_chart(kind, trend):
    """The share of Checks (Acts) completed on time per month of their due date."""
    key = figures.ON_TIME_KEYS[kind]
    title = _("Checks on time per month") if kind == Kind.CHECK else _("Acts on time per month")
    return charts.line(
        title,
        _(
            "Per month of the due date: the share completed on or before that date. A month "
            "in which nothing was due is left empty."
        ),  # fmt: skip
        [charts.Point(value.month, value.value) for value in trend[key]],
        unit="%",
        maximum=100,
    )


def stuck_cycles(*, school, period, team_id=None, today=None, limit=STUCK_SHOWN):
    """The open cycles that have been in their current phase longest (one query)."""
    today = today or clock.today()
    ref = figures.reference_day(period, today)
    rows = figures.open_cycles_by_time_in_phase(
        school_ids=[school.pk], period=period, team_id=team_id, today=today
    ).values("pk", "title", "current_kind", "since", "current_due", "owner__full_name")[:limit]
    return [
        {
            **row,
            "phase": Kind(row["current_kind"]).label,
            "days": (ref - timezone.localdate(row["since"])).days,
            "overdue": bool(row["current_due"] and row["current_due"] < today),
        }
        for row in rows
    ]


def on_time_rows(totals, link=lambda key: ""):
    """(label, Value, drill-down url) of the two on-time shares and the two overdue counts."""
    return [
        (_("Checks completed on time"), totals[figures.ON_TIME_KEYS[Kind.CHECK]],
         link(figures.ON_TIME_KEYS[Kind.CHECK])),
        (_("Acts completed on time"), totals[figures.ON_TIME_KEYS[Kind.ACT]],
         link(figures.ON_TIME_KEYS[Kind.ACT])),
    ]  # fmt: skip


def dashboard_section(request, *, period, team_id=None):
    """The cycles' section of request.school's dashboard, as safe HTML."""
    school = request.school
    today = clock.today()
    totals, trend = figures.for_school(
        school_id=school.pk, period=period, team_id=team_id, today=today
    )

    def link(key):
        return figure_url(school, key, period=period, team_id=team_id)

    context = {
        "funnel": funnel_chart(totals, link),
        "decisions": decision_chart(totals, link),
        "on_time": on_time_rows(totals, link),
        "overdue": [
            (
                _("Overdue Checks"),
                totals[figures.OVERDUE_KEYS[Kind.CHECK]].value,
                link(figures.OVERDUE_KEYS[Kind.CHECK]),
            ),
            (
                _("Overdue Acts"),
                totals[figures.OVERDUE_KEYS[Kind.ACT]].value,
                link(figures.OVERDUE_KEYS[Kind.ACT]),
            ),
        ],  # fmt: skip
        "check_trend": on_time_chart(Kind.CHECK, trend),
        "act_trend": on_time_chart(Kind.ACT, trend),
        "stuck": stuck_cycles(school=school, period=period, team_id=team_id, today=today),
        "stuck_url": link(figures.LONGEST),
        "longest": totals[figures.LONGEST].value,
        "period": period,
        "school": school,
    }
    # Without the request: the context processors would run again for one section.
    return render_to_string("pdca/dashboard/section.html", context)
