"""What the core offers through its own hooks: the vision PDF, vision drafts waiting for the
leaders, and what its objects are when another app refers to them."""

from django.utils.translation import gettext_lazy as _

from . import audit_verbs, dated, dated_vision, hooks, jobs, object_info

jobs.register(
    jobs.JobKind("vision_pdf", _("Vision (PDF)"), jobs.render_vision_pdf, back=jobs.back_to_vision)
)

dated.provider(dated_vision.TYPES)(dated_vision.vision_draft_items)

hooks.object_info.register(object_info.vision_versions, key="kwaliteit.visionversion")
hooks.object_info.register(object_info.memberships, key="kwaliteit.membership")
hooks.object_info.register(object_info.teams, key="kwaliteit.team")

audit_verbs.SENTENCES.register(hooks.audit_verbs)  # what its history records say

# The core's chapter of the annual report: the vision and its changes in the year.
from . import report_vision, selectors_reports  # noqa: E402  (kept with their registrations)

hooks.report_sections.register(report_vision.vision_section)
hooks.object_info.register(selectors_reports.report_info, key="kwaliteit.annualreport")

# The demo's annual report (a draft of De Regenboog, for the leader to adopt).
from . import report_demo  # noqa: E402  (kept with its registration)

hooks.demo_builders.register(report_demo.build)
