from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PdcaConfig(AppConfig):
    name = "pdca"
    verbose_name = _("Improvement cycles")

    def ready(self):
        from kwaliteit import demo

        from . import demo as pdca_demo
        from . import (
            links,  # noqa: F401  "start a cycle" on indicators that ask for action
            reminders,  # noqa: F401  phases that are due or overdue
            reports,  # noqa: F401  registers the cycle PDF
        )

        demo.register(pdca_demo.build)  # after the dataplan and cards demos (app order)
