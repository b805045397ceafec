from django.apps import AppConfig


class KwaliteitskaartenConfig(AppConfig):
    name = "kwaliteitskaarten"
