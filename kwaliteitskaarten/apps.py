from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KwaliteitskaartenConfig(AppConfig):
    name = "kwaliteitskaarten"
    verbose_name = _("Quality cards")
