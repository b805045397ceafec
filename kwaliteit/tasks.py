"""Thin Celery tasks: take ids, call a service."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from . import reminders, services, services_jobs, services_reminders

logger = logging.getLogger(__name__)


@shared_task
def run_job(job_id):
    services_jobs.job_run(job_id=job_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_invite_mail(membership_id, is_new):
    services.invite_mail_send(
        membership_id=membership_id, is_new=is_new, site_url=settings.SITE_URL
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_password_reset_mail(user_id, uid, token):
    services.password_reset_mail_send(user_id=user_id, uid=uid, token=token)


@shared_task
def clean_up_generated_files():
    cutoff = timezone.now() - timedelta(days=settings.GENERATED_FILE_DAYS)
    return services_jobs.generated_files_cleanup(older_than=cutoff)


@shared_task
def dispatch_reminders():
    return len(reminders.dispatch())


# Short, growing pauses (30 s … 8 min, about 15 minutes in all): a mail server that is away for
# longer is a failing address the coordinator should see, not a queue that waits for days.
DIGEST_RETRIES = 5


@shared_task(bind=True, max_retries=DIGEST_RETRIES)
def send_digest(self, digest_id):
    try:
        services_reminders.digest_send(digest_id=digest_id, site_url=settings.SITE_URL)
    except DatabaseError as error:
        if reminders.is_lock_error(error):
            # Still busy after the retries inside the service: try later, the digest stays
            # waiting (queued again after an hour should this task be lost); the address is fine.
            logger.warning("Digest %s waits for a busy database", digest_id)
            raise self.retry(exc=error, countdown=30) from error
        logger.exception("Digest %s could not be made", digest_id)
        services_reminders.digest_fail(
            digest_id=digest_id, error=error, final=True, address_failed=False
        )
    except OSError as error:  # smtplib.SMTPException and connection errors: the address or server
        final = self.request.retries >= self.max_retries
        services_reminders.digest_fail(digest_id=digest_id, error=error, final=final)
        if not final:
            raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
    except Exception as error:
        # A fault of ours: retrying will not help, and the address is not to blame.
        logger.exception("Digest %s could not be made", digest_id)
        services_reminders.digest_fail(
            digest_id=digest_id, error=error, final=True, address_failed=False
        )
