"""Writes around reminders: send a digest, record a failure, mark read, change preferences."""

from itertools import groupby

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from .emails import send_templated_mail
from .models import Digest, Reminder
from .reminders import item_label, retry_on_lock


def _undigested(recipient_id):
    return Reminder.objects.filter(recipient_id=recipient_id, resolved_at__isnull=True).filter(
        Q(digest__isnull=True) | Q(digest__status=Digest.Status.FAILED)
    )


def _by_school(reminders):
    """[(school, [reminder, ...]), ...] in school-name order; each reminder gets its label."""
    for reminder in reminders:
        reminder.label = item_label(reminder.item_type)
    rows = sorted(reminders, key=lambda r: (r.school.name, r.school_id, r.day, r.id))
    return [(school, list(items)) for school, items in groupby(rows, key=lambda r: r.school)]


def _pending_locked(digest_id):
    """The digest, locked, if it still waits to be sent; call inside a transaction."""
    return (
        Digest.objects.select_for_update(of=("self",))
        .select_related("recipient")
        .filter(pk=digest_id, status=Digest.Status.PENDING)
        .first()
    )


def digest_send(*, digest_id, site_url):
    """Send one digest once: the locked row says whether it still waits.

    Reminders of the person that no e-mail carried yet join it, so a reminder a parallel
    dispatcher claimed a moment later still goes out today. A send error propagates (the task
    retries) and leaves the digest waiting; a busy database is waited for here, and never
    blamed on the address.
    """
    retry_on_lock(_digest_send, digest_id=digest_id, site_url=site_url)


def _digest_send(*, digest_id, site_url):
    with transaction.atomic():
        digest = _pending_locked(digest_id)
        if digest is None:
            return
        _undigested(digest.recipient_id).exclude(digest=digest).update(digest=digest)
        reminders = list(digest.reminders.filter(resolved_at__isnull=True).select_related("school"))
        digest.attempts += 1
        if not reminders:
            digest.status = Digest.Status.EMPTY
            digest.save(update_fields=["status", "attempts"])
            return
        user = digest.recipient
        context = {
            "schools": _by_school(reminders),
            "count": len(reminders),
            "notifications_url": site_url + reverse("notifications"),
            "settings_url": site_url + reverse("reminder-settings"),
        }
        send_templated_mail(user=user, template="digest", context=context)
        digest.status = Digest.Status.SENT
        digest.sent_at = timezone.now()
        digest.error = ""
        digest.save(update_fields=["status", "attempts", "sent_at", "error"])
        if user.email_failing_since:
            user.email_failing_since = None
            user.email_error = ""
            user.save(update_fields=["email_failing_since", "email_error"])


def digest_fail(*, digest_id, error, final, address_failed=True):
    """Record a failed attempt; after the last one the person's address counts as failing."""
    retry_on_lock(
        _digest_fail,
        digest_id=digest_id,
        error=str(error)[:500],
        final=final,
        address_failed=address_failed,
    )


def _digest_fail(*, digest_id, error, final, address_failed):
    with transaction.atomic():
        digest = _pending_locked(digest_id)
        if digest is None:
            return
        digest.attempts += 1
        digest.error = error
        fields = ["attempts", "error"]
        if final:
            digest.status = Digest.Status.FAILED
            fields.append("status")
        if final and address_failed:
            user = digest.recipient
            user.email_failing_since = user.email_failing_since or timezone.now()
            user.email_error = error
            user.save(update_fields=["email_failing_since", "email_error"])
        digest.save(update_fields=fields)


def notification_read(*, user, pk):
    """Mark one of the user's own notifications read; another person's answers 404."""
    updated = Reminder.objects.filter(pk=pk, recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if not updated and not Reminder.objects.filter(pk=pk, recipient=user).exists():
        raise Http404


def notifications_read_all(*, user):
    return Reminder.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def reminder_frequency_set(*, user, frequency):
    user.reminder_frequency = frequency
    user.save(update_fields=["reminder_frequency"])


def school_reminder_settings_save(*, school, due_soon_days, escalate_after_days):
    school.reminder_due_soon_days = due_soon_days
    school.reminder_escalate_after_days = escalate_after_days
    school.save(update_fields=["reminder_due_soon_days", "reminder_escalate_after_days"])
