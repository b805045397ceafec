"""The Celery app; settings under CELERY_* in settings.py (the beat schedule too)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kwaliteit.settings")

app = Celery("kwaliteit")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
