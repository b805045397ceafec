from django.apps import AppConfig


class DataplanConfig(AppConfig):
    name = "dataplan"
