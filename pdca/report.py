"""The cycles' chapter of the annual quality report (`hooks.report_sections`): the year's cycles
with their results, decisions and what was anchored, the on-time figures and the funnel chart.

The same template in the page and the PDF (`pdca/report/section.html`): no forms, no htmx.
Seven queries whatever the number of cycles: the four figure providers, the cycles, their
criteria's results and the anchoring records.
"""

from collections import Counter, defaultdict

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from kwaliteit import clock
from kwaliteit.models import AuditEvent
from kwaliteit.reports import Section

from . import dashboard, figures
from .models import Cycle, Phase, SuccessCriterion

Kind = Phase.Kind
RESULTS = [
    SuccessCriterion.Result.MET,
    SuccessCriterion.Result.PARTLY,
    SuccessCriterion.Result.NOT_MET,
    SuccessCriterion.Result.NO_DATA,
]
CYCLE_FIELDS = (
    "pk", "title", "state", "closed_at", "goal_what", "goal_measure", "check_conclusion",
    "decision_note", "owner__full_name", "team__name", "anchored_agreement__text",
    "anchored_card__title",
)  # fmt: skip


def _anchoring_texts(cycle_ids):
    """cycle id → what its Act anchored, as recorded when it was decided (the newest record)."""
    events = (
        AuditEvent.objects.filter(
            content_type__app_label="pdca",
            content_type__model="cycle",
            object_id__in=[str(pk) for pk in cycle_ids],
            verb="anchored",
        )
        .order_by("at", "pk")
        .values_list("object_id", "data")
    )
    return {int(object_id): (data or {}).get("text", "") for object_id, data in events}


def _results(cycle_ids):
    """cycle id → Counter of its criteria's results."""
    rows = (
        SuccessCriterion.objects.filter(cycle_id__in=cycle_ids)
        .order_by()
        .values_list("cycle_id", "result")
        .annotate(count=Count("pk"))
    )
    found = defaultdict(Counter)
    for cycle_id, result, count in rows:
        found[cycle_id][result or ""] += count
    return found


def year_cycles(*, school, period, today=None):
    """The cycles that ran in the period: closed in it (with decision, results and anchoring)
    and still open at its end (with their phase), each list oldest first."""
    cycles = list(
        figures.cycles_in_period(school_ids=[school.pk], period=period, today=today)
        .order_by("created_at", "pk")
        .values(*CYCLE_FIELDS)
    )
    ids = [cycle["pk"] for cycle in cycles]
    results = _results(ids) if ids else {}
    anchored = _anchoring_texts(
        [c["pk"] for c in cycles if c["state"] == Cycle.Decision.ANCHOR]
    )  # fmt: skip
    closed, running = [], []
    for cycle in cycles:
        counts = results.get(cycle["pk"], Counter())
        cycle["results"] = [
            (SuccessCriterion.Result(result).label, counts[result])
            for result in RESULTS
            if counts[result]
        ]
        cycle["unevaluated"] = counts[""]
        if cycle["state"] in Cycle.Decision.values:
            cycle["decision"] = Cycle.Decision(cycle["state"]).label
            cycle["closed_on"] = timezone.localdate(cycle["closed_at"])
            cycle["anchoring"] = anchored.get(cycle["pk"], "")
            closed.append(cycle)
        else:
            cycle["phase"] = Kind(cycle["state"]).label if cycle["state"] else ""
            running.append(cycle)
    closed.sort(key=lambda cycle: (cycle["closed_at"], cycle["pk"]))
    return closed, running


def report_section(*, school, period):
    """The chapter "Improvement cycles" of the school's report for the period (a school year)."""
    today = clock.today()
    closed, running = year_cycles(school=school, period=period, today=today)
    totals, trend = figures.for_school(school_id=school.pk, period=period, today=today)
    context = {
        "closed": closed,
        "running": running,
        "funnel": dashboard.funnel_chart(totals),
        "check_trend": dashboard.on_time_chart(Kind.CHECK, trend),
        "on_time": dashboard.on_time_rows(totals),
        "decisions": [
            (label, totals[figures.DECISION_KEYS[decision]].value)
            for decision, label in (
                (Cycle.Decision.ANCHOR, _("anchored")),
                (Cycle.Decision.ADJUST, _("adjusted")),
                (Cycle.Decision.STOP, _("stopped")),
            )
        ],
        "period": period,
    }
    empty = "" if closed or running else _("No improvement cycle ran in this school year.")
    return Section(
        key="pdca",
        title=_("Improvement cycles"),
        order=40,
        template="pdca/report/section.html",
        context=context,
        empty_text=empty,
    )
