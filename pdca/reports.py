"""An improvement cycle as a PDF report (a background job, as the card and vision PDFs): the goal,
the four phases, the criteria and how they were evaluated, the decision and the whole history."""

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dataplan import selectors as dataplan_selectors
from dataplan.trends import chosen_groups, indicator_chart
from kwaliteit import history, pdf

from .models import Action, Cycle, Phase, ProgressNote, SuccessCriterion


def cycle_for_report(*, school, pk):
    """The cycle with everything the report shows; another school's cycle does not exist here."""
    cycle = (
        Cycle.objects.filter(school=school, pk=pk)
        .select_related(
            "owner",
            "team",
            "indicator",
            "predecessor",
            "anchored_agreement",
            "anchored_card",
            "created_by",
        )
        .prefetch_related(
            "cards",
            Prefetch("phases", Phase.objects.select_related("owner", "completed_by")),
            Prefetch(
                "criteria",
                SuccessCriterion.objects.select_related("indicator__school", "evaluated_by"),
            ),
            Prefetch("actions", Action.objects.select_related("owner")),
            Prefetch(
                "notes", ProgressNote.objects.select_related("author").order_by("created_at", "id")
            ),
        )
        .first()
    )
    if cycle is None:
        raise Http404
    return cycle


def _charts(criteria):
    """The trend chart of each indicator a criterion is measured by (once per indicator)."""
    charts, seen = [], set()
    for criterion in criteria:
        indicator = criterion.indicator
        if indicator is None or indicator.pk in seen:
            continue
        seen.add(indicator.pk)
        row = dataplan_selectors.indicator_row(indicator=indicator)
        if row.status.latest:
            charts.append((indicator, indicator_chart(row, chosen_groups(row))))
    return charts


def cycle_pdf_context(cycle):
    today = timezone.localdate()
    phases = list(cycle.phases.all())
    current = next((phase for phase in phases if not phase.is_completed), None)
    rows = [
        {
            "phase": phase,
            "responsible": phase.owner or cycle.owner,
            "overdue": phase.is_overdue(today),
            "late": phase.is_completed and timezone.localdate(phase.completed_at) > phase.due_on,
        }
        for phase in phases
    ]
    criteria = list(cycle.criteria.all())
    return {
        "cycle": cycle,
        "cards": list(cycle.cards.all()),
        "phases": rows,
        "current": current,
        "criteria": criteria,
        "charts": _charts(criteria),
        "actions": [(action, action.is_overdue(today)) for action in cycle.actions.all()],
        "notes": list(cycle.notes.all()),
        "events": history.all_for(cycle),
        "successor": Cycle.objects.filter(predecessor=cycle).only("title").first(),
        "today": today,
    }


def render_cycle_pdf(job):
    cycle = cycle_for_report(school=job.school, pk=job.object_id)
    content = pdf.render("pdf/cycle.html", cycle_pdf_context(cycle), job.school)
    name = slugify(f"{_('improvement cycle')} {cycle.title}")
    return f"{name or 'cycle'}.pdf", content


def back_to_cycle(job):
    url = reverse("pdca:cycle", args=[job.school.slug, job.object_id])
    return url, _("Back to the improvement cycle")
