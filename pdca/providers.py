"""What the cycles offer through the core's hooks."""

from django.utils.translation import gettext_lazy as _

from kwaliteit import dated, hooks, jobs
from kwaliteit import figures as core_figures

from . import (
    attention,
    audit_verbs,
    dashboard,
    demo,
    drilldown,
    figures,
    links,
    object_info,
    report,
    reports,
)
from .dated import ACTION_TYPES, PHASE_TYPES, action_items, phase_items

jobs.register(
    jobs.JobKind(
        "cycle_pdf",
        _("Improvement cycle (PDF)"),
        reports.render_cycle_pdf,
        back=reports.back_to_cycle,
    )
)

# "Start an improvement cycle" on an indicator that asks for action and on a card in use.
hooks.object_actions.register(links.start_from_indicator)
hooks.object_actions.register(links.start_from_card)

hooks.demo_builders.register(demo.build)  # last: it builds on the dataplan and cards demos

dated.provider(PHASE_TYPES)(phase_items)
dated.provider(ACTION_TYPES)(action_items)

hooks.object_info.register(object_info.cycles, key="pdca.cycle")
hooks.object_info.register(object_info.phases, key="pdca.phase")
hooks.object_info.register(object_info.actions, key="pdca.action")

audit_verbs.SENTENCES.register(hooks.audit_verbs)  # what its history records say

# The leader's dashboard, the board roll-up, the annual report and the start pages (issue 11):
# the cycles' figures, the cycles behind each, a dashboard section, a report chapter and the
# indicators and Acts that wait for someone.

core_figures.provider(figures.FUNNEL_TYPES)(figures.funnel_figures)
core_figures.provider(figures.LONGEST_TYPES)(figures.longest_figures)
core_figures.provider(figures.ON_TIME_TYPES)(figures.on_time_figures)
core_figures.provider(figures.OVERDUE_TYPES)(figures.overdue_figures)
for key, provider in drilldown.PROVIDERS.items():
    hooks.figure_objects.register(provider, key=key)
hooks.dashboard_sections.register(dashboard.dashboard_section)
hooks.report_sections.register(report.report_section)
hooks.attention_items.register(attention.attention_items)
