"""The dataplan's figures per school (`hooks.school_figures`), for any number of schools.

Where the indicators stood at the end of the period (on course, asking for action, without
data), the share on course of those with data, the collection moments missed in the period and
the decisions taken in it. Seven queries in all, whatever the number of schools.

A school without indicators has no dataplan figures (None, shown as "—", never 0); the share on
course has none while no indicator has a value of the last year; missed moments have none while
no collection moment ended in the period. Indicators belong to no team: `team_id` is ignored.
"""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from kwaliteit import clock
from kwaliteit.figures import COUNT, HIGHER, LOWER, PERCENT, FigureType, Value, percent

from . import selectors_period as period_reads
from .selectors_period import ASKS_ACTION, ON_COURSE, WITHOUT_DATA

GROUP = _("Dataplan")

ON_COURSE_KEY = "dataplan.on_course"
ACTION_KEY = "dataplan.action"
NO_DATA_KEY = "dataplan.no_data"
SHARE_KEY = "dataplan.on_course_share"
MISSED_KEY = "dataplan.missed_moments"
DECISIONS_KEY = "dataplan.decisions"

STATE_KEYS = {ON_COURSE: ON_COURSE_KEY, ASKS_ACTION: ACTION_KEY, WITHOUT_DATA: NO_DATA_KEY}

TYPES = [
    FigureType(
        ON_COURSE_KEY,
        _("Indicators on track"),
        COUNT,
        better=HIGHER,
        group=GROUP,
        help=_("Active indicators whose latest values meet the norm at the end of the period."),
    ),
    FigureType(
        ACTION_KEY,
        _("Indicators asking for action"),
        COUNT,
        better=LOWER,
        group=GROUP,
        help=_(
            "Active indicators with a group on the wrong side of the norm at the end of the period."
        ),
    ),
    FigureType(
        NO_DATA_KEY,
        _("Indicators without data"),
        COUNT,
        better=LOWER,
        group=GROUP,
        help=_("Active indicators without a measurement in the year before the end of the period."),
    ),
    FigureType(
        SHARE_KEY,
        _("Share of indicators on track"),
        PERCENT,
        better=HIGHER,
        group=GROUP,
        help=_("Of the active indicators with data, the share whose values meet the norm."),
    ),
    FigureType(
        MISSED_KEY,
        _("Missed collection moments"),
        COUNT,
        better=LOWER,
        group=GROUP,
        help=_("Collection months that ended in the period without a measurement."),
    ),
    FigureType(
        DECISIONS_KEY,
        _("Decisions on indicators"),
        COUNT,
        better=HIGHER,
        group=GROUP,
        help=_("Decisions the school recorded on its indicators in the period."),
    ),
]


def dataplan_figures(*, school_ids, period, team_id=None):
    """Every dataplan figure of these schools for the period (team_id: indicators have none)."""
    school_ids = list(school_ids)
    today = clock.today()
    standings = period_reads.standings(school_ids=school_ids, day=period_reads.as_of(period, today))
    moments = period_reads.ended_moments(school_ids=school_ids, period=period, today=today)
    decisions = period_reads.decision_counts(school_ids=school_ids, period=period)
    months = [month for month in period.months() if month <= today]
    for school_id in school_ids:
        rows = standings.get(school_id, [])
        yield from _standing_values(school_id, rows)
        yield from _moment_values(school_id, [m for m in moments if m.school_id == school_id])
        counts = {month: decisions.get((school_id, month), 0) for month in months}
        has_plan = bool(rows) or any(counts.values())
        yield Value(school_id, DECISIONS_KEY, sum(counts.values()) if has_plan else None)
        if has_plan:
            for month, count in counts.items():
                yield Value(school_id, DECISIONS_KEY, count, month=month)


def _standing_values(school_id, rows):
    states = Counter(row.state for row in rows if row.state is not None)
    active = sum(states.values())
    for state, key in STATE_KEYS.items():
        yield Value(school_id, key, states[state] if active else None)
    measured = states[ON_COURSE] + states[ASKS_ACTION]
    yield Value(
        school_id,
        SHARE_KEY,
        percent(states[ON_COURSE], measured),
        numerator=states[ON_COURSE],
        denominator=measured,
    )


def _moment_values(school_id, moments):
    if not moments:
        yield Value(school_id, MISSED_KEY, None)
        return
    missed = Counter(item.start for item in moments if not item.done)
    yield Value(school_id, MISSED_KEY, sum(missed.values()))
    for month in sorted({item.start for item in moments}):
        yield Value(school_id, MISSED_KEY, missed[month], month=month)
