from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditatieConfig(AppConfig):
    name = "accreditatie"
    verbose_name = _("Accreditation")
