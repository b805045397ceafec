"""Thin Celery tasks: take ids, call a service."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import services


@shared_task
def job_run(job_id):
    services.job_run(job_id=job_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def invite_mail_send(membership_id, is_new):
    services.invite_mail_send(
        membership_id=membership_id, is_new=is_new, site_url=settings.SITE_URL
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def password_reset_mail_send(user_id, uid, token):
    services.password_reset_mail_send(user_id=user_id, uid=uid, token=token)


@shared_task
def generated_files_cleanup():
    cutoff = timezone.now() - timedelta(days=settings.GENERATED_FILE_DAYS)
    return services.generated_files_cleanup(older_than=cutoff)
