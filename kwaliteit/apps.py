from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KwaliteitConfig(AppConfig):
    name = "kwaliteit"
    verbose_name = _("Quality core")

    def ready(self):
        from . import (
            jobs,  # noqa: F401  registers the job kinds of the core
            reminders_vision,  # noqa: F401  vision drafts that wait for the leaders
        )
