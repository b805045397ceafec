from django.apps import AppConfig


class AccreditatieConfig(AppConfig):
    name = "accreditatie"
