"""The dataplan's chapter of the annual quality report (`hooks.report_sections`).

For the report's school year: every indicator with its latest value at the year's end against
its norm and target, a small chart of its monthly mean with the norm and target lines (the
dataplan's own trend chart, with its description and the values as a table), the collection
moments missed and the decisions taken in the year. The same template in the page and the PDF;
six queries, whatever the number of indicators or measurements.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from kwaliteit import clock
from kwaliteit.reports import Section

from . import selectors_period as period_reads
from .charts import Series, trend_chart
from .drilldown import norm_text, quantity, state_label
from .selectors_period import ASKS_ACTION, ON_COURSE, STATES, WITHOUT_DATA


@dataclass
class IndicatorResult:
    name: str
    question: str
    value: str
    norm: str
    target: str
    state: str
    status: str
    meets_target: bool
    measured_on: object
    chart: object
    months: list  # [(first day of the month, its mean as shown)]


def _result(standing, means):
    indicator, status = standing.indicator, standing.status
    months = [(month, last, Decimal(mean).quantize(Decimal("0.1"))) for month, last, mean in means]
    chart = trend_chart(
        [Series(_("mean of the groups"), [(last, mean) for _month, last, mean in months])],
        title=indicator.name,
        unit=indicator.unit,
        norm=indicator.norm,
        target=indicator.target,
        higher_is_better=indicator.higher_is_better,
        height=220,
        chart_id=f"report-dataplan-chart-{indicator.pk}",
    )
    return IndicatorResult(
        name=indicator.name,
        question=indicator.question,
        value=quantity(status.value, indicator.unit),
        norm=norm_text(indicator),
        target=quantity(indicator.target, indicator.unit),
        state=standing.state,
        status=state_label(standing.state),
        meets_target=status.value is not None and indicator.meets_target(status.value),
        measured_on=status.last_measured_on,
        chart=chart,
        months=[(month, quantity(mean, indicator.unit)) for month, _last, mean in months],
    )


def report_section(*, school, period):
    """The chapter "Dataplan" of the school's report for the period (a school year)."""
    today = clock.today()
    day = period_reads.as_of(period, today)
    standings = period_reads.standings(school_ids=[school.id], day=day).get(school.id, [])
    means = period_reads.monthly_means(
        indicator_ids=[row.indicator.pk for row in standings], period=period
    )
    active = [row for row in standings if row.state is not None]
    counts = {state: sum(1 for row in active if row.state == state) for state in STATES}
    moments = period_reads.ended_moments(school_ids=[school.id], period=period, today=today)
    context = {
        "as_of": day,
        "indicators": [_result(row, means.get(row.indicator.pk, [])) for row in active],
        "on_course": counts[ON_COURSE],
        "asking": counts[ASKS_ACTION],
        "without_data": counts[WITHOUT_DATA],
        "moments": len(moments),
        "missed": sum(1 for item in moments if not item.done),
        "decisions": period_reads.decisions_in(school=school, period=period),
    }
    return Section(
        key="dataplan",
        title=_("Dataplan"),
        order=30,
        template="dataplan/report/section.html",
        context=context,
        empty_text="" if means else _("No measurements were recorded in this school year."),
    )
