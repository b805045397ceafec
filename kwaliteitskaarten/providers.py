"""What the cards offer through the core's hooks."""

from django.utils.translation import gettext_lazy as _

from kwaliteit import dated, figures, hooks, jobs

from . import attention as card_attention
from . import audit_verbs, demo, object_info, reports
from . import dashboard as card_dashboard
from . import dated as card_dates
from . import drilldown as card_drilldown
from . import figures as card_figures
from . import report as card_report
from .coverage import vision_draft_section, vision_section

jobs.register(
    jobs.JobKind(
        "card_pdf", _("Quality card (PDF)"), reports.render_card_pdf, back=reports.back_to_card
    )
)

hooks.vision_sections.register(vision_section)
hooks.vision_draft_sections.register(vision_draft_section)

hooks.demo_builders.register(demo.build)  # after the dataplan's, before the cycles'

dated.provider(card_dates.AGREEMENT_TYPES)(card_dates.agreement_items)
dated.provider(card_dates.REVIEW_TYPES)(card_dates.review_items)
dated.provider(card_dates.REVIEW_DRAFT_TYPES)(card_dates.review_draft_items)
dated.provider(card_dates.ADOPTION_TYPES)(card_dates.adoption_items)

hooks.object_info.register(object_info.cards, key="kwaliteitskaarten.kwaliteitskaart")
hooks.object_info.register(object_info.card_versions, key="kwaliteitskaarten.cardversion")
hooks.object_info.register(object_info.agreements, key="kwaliteitskaarten.afspraak")

audit_verbs.SENTENCES.register(hooks.audit_verbs)  # what its history records say

# Issue 11: figures per school, the objects behind them, the dashboard, the report, start pages.
figures.provider(card_figures.TYPES)(card_figures.card_figures)
for key, objects in card_drilldown.PROVIDERS.items():
    hooks.figure_objects.register(objects, key=key)
hooks.dashboard_sections.register(card_dashboard.section)
hooks.report_sections.register(card_report.section)
hooks.attention_items.register(card_attention.reflection_prompt)
