"""What the dataplan offers through the core's hooks."""

from django.utils.translation import gettext_lazy as _

from kwaliteit import dated, figures, hooks, jobs

from . import attention, audit_verbs, dashboard, demo, drilldown, object_info, report, reports, runs
from . import figures as dataplan_figures
from .dated import TYPES, collection_items

jobs.register(
    jobs.JobKind(
        "dataplan_pdf", _("Dataplan (PDF)"), reports.render_dataplan_pdf, back=reports.back_to_plan
    )
)

for kind in runs.KINDS:  # an import's reading, checking and saving
    jobs.register(kind)

hooks.demo_builders.register(demo.build)  # first: the cards and cycles demos build on it

dated.provider(TYPES)(collection_items)

hooks.object_info.register(object_info.indicators, key="dataplan.indicator")
hooks.object_info.register(object_info.data_imports, key="dataplan.dataimport")
hooks.object_info.register(object_info.decisions, key="dataplan.decision")

audit_verbs.SENTENCES.register(hooks.audit_verbs)  # what its history records say

# Issue 11: the dashboard, the board roll-up, the start pages and the annual report.
figures.provider(dataplan_figures.TYPES)(dataplan_figures.dataplan_figures)
drilldown.register(hooks.figure_objects)  # the objects behind each figure, per key
hooks.dashboard_sections.register(dashboard.dashboard_section)
hooks.report_sections.register(report.report_section)
hooks.attention_items.register(attention.unfinished_imports)
