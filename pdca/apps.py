from django.apps import AppConfig


class PdcaConfig(AppConfig):
    name = "pdca"
