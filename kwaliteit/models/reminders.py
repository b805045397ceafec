"""Reminders: what waits for whom, claimed once; and the daily or weekly digest that carries them.

The database decides what is due and records what was sent. A reminder is claimed under a unique
constraint (recipient, item type, object, kind, day), where day is the due day the reminder is
about and the object is a reference (content type + id, kwaliteit.refs) to what waits: two
dispatchers, a retried task or a dispatcher that catches up after a day away all hit the same row.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..refs import content_type_field, object_id_field
from .people import School


class Reminder(models.Model):
    """One item that waits for one person; also the person's in-product notification."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("due soon")
        OVERDUE = "overdue", _("overdue")
        ESCALATION = "escalation", _("still overdue")
        MISSED = "missed", _("missed")
        AWAITING = "awaiting", _("awaits adoption")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    # The dated item's type ("pdca.plan", "cards.adoption"): what the list calls it.
    item_type = models.CharField(max_length=40)
    # The object it is about (a phase, an agreement, a card, an indicator).
    content_type = content_type_field()
    object_id = object_id_field()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    day = models.DateField(help_text="The due day this reminder is about.")
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when the item no longer waits (done, moved, or replaced by a later kind of reminder).
    resolved_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        "Digest", on_delete=models.SET_NULL, null=True, blank=True, related_name="reminders"
    )

    class Meta:
        ordering = ["day", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "item_type", "content_type", "object_id", "kind", "day"],
                name="reminder_claimed_once",
            )
        ]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                name="reminder_open",
                condition=Q(resolved_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.item_type}:{self.object_id} {self.kind} {self.day} → {self.recipient_id}"


class Digest(models.Model):
    """One e-mail to one person on one day, listing the reminders that wait for them."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        EMPTY = "empty", _("nothing left to send")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    day = models.DateField()
    # The dispatcher that created the row; it sends only the digests it claimed.
    token = models.UUIDField(default=uuid.uuid4)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="digest_once_per_day")
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="digest_status_created")]

    def __str__(self):
        return f"digest {self.day} → {self.recipient_id} ({self.status})"
