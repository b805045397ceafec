from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KwaliteitConfig(AppConfig):
    name = "kwaliteit"
    verbose_name = _("Quality core")

    def ready(self):
        from . import hooks

        hooks.autodiscover()  # every app's providers.py, in app order
