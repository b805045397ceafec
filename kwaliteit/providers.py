"""What the core offers through its own hooks: the vision PDF and the board report, vision drafts
waiting for the leaders, e-mail addresses our mail does not reach, and what its objects are when
another app refers to them."""

from django.utils.translation import gettext_lazy as _

from . import (
    attention_core,
    audit_verbs,
    board,
    dashboard,
    dated,
    dated_vision,
    figures,
    hooks,
    jobs,
    object_info,
    report_demo,
    report_vision,
    selectors_reports,
)

jobs.register(
    jobs.JobKind("vision_pdf", _("Vision (PDF)"), jobs.render_vision_pdf, back=jobs.back_to_vision)
)
# The board roll-up's report (kwaliteit/board.py): asked for on the board page.
jobs.register(
    jobs.JobKind(
        board.REPORT_KIND, _("Board report (PDF)"), board.render_report, back=board.back_to_board
    )
)

dated.provider(dated_vision.TYPES)(dated_vision.vision_draft_items)

# The start page: e-mail addresses our mail does not reach.
hooks.attention_items.register(attention_core.failing_addresses)

hooks.object_info.register(object_info.vision_versions, key="kwaliteit.visionversion")
hooks.object_info.register(object_info.memberships, key="kwaliteit.membership")
hooks.object_info.register(object_info.teams, key="kwaliteit.team")

audit_verbs.SENTENCES.register(hooks.audit_verbs)  # what its history records say

# The dashboard (issue 11): the core's own figure, vision versions adopted, and its objects.
figures.provider(dashboard.VISION_TYPES)(dashboard.vision_figures)
hooks.figure_objects.register(dashboard.vision_adoption_objects, key=dashboard.VISION_ADOPTIONS)

# The core's chapter of the annual report: the vision and its changes in the year.
hooks.report_sections.register(report_vision.vision_section)
hooks.object_info.register(selectors_reports.report_info, key="kwaliteit.annualreport")

# The demo's annual report (a draft of De Regenboog, for the leader to adopt).
hooks.demo_builders.register(report_demo.build)
