from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataplanConfig(AppConfig):
    name = "dataplan"
    verbose_name = _("Dataplan")
