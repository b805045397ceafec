from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataplanConfig(AppConfig):
    name = "dataplan"
    verbose_name = _("Dataplan")

    def ready(self):
        from kwaliteit import demo

        from . import demo as dataplan_demo
        from . import (
            reminders,  # noqa: F401  missed collection moments
            reports,  # noqa: F401  registers the dataplan PDF
            runs,  # noqa: F401  registers an import's runs
        )

        demo.register(dataplan_demo.build)
