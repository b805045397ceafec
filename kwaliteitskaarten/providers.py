"""What the cards offer through the core's hooks."""

from django.utils.translation import gettext_lazy as _

from kwaliteit import dated, hooks, jobs

from . import audit_verbs, demo, object_info, reports
from . import dated as card_dates
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
