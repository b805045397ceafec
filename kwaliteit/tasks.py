"""Thin Celery tasks: take ids, call a service."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import services


@shared_task
def job_run(job_id):
    services.job_run(job_id=job_id)


@shared_task
def generated_files_cleanup():
    cutoff = timezone.now() - timedelta(days=settings.GENERATED_FILE_DAYS)
    return services.generated_files_cleanup(older_than=cutoff)
