from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KwaliteitskaartenConfig(AppConfig):
    name = "kwaliteitskaarten"
    verbose_name = _("Quality cards")

    def ready(self):
        from kwaliteit import demo, vision_sections

        from . import demo as cards_demo
        from . import (
            reminders,  # noqa: F401  agreement follow-ups and card reviews
            reports,  # noqa: F401  registers the card PDF
        )
        from .coverage import vision_draft_section, vision_section

        vision_sections.register(vision_section)
        vision_sections.register_draft(vision_draft_section)
        demo.register(cards_demo.build)
