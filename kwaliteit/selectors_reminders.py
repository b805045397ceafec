"""Reads of a person's notifications (their reminders): only ever their own."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .models import Reminder
from .reminders import item_label


def _labelled(reminders):
    reminders = list(reminders)
    for reminder in reminders:
        reminder.label = item_label(reminder.item_type)
    return reminders


def notifications_open(*, user):
    """What still waits and was not read yet, newest first."""
    rows = Reminder.objects.filter(recipient=user, resolved_at__isnull=True, read_at__isnull=True)
    return _labelled(rows.select_related("school").order_by("-created_at", "-id"))


def notifications_earlier(*, user):
    """Read or resolved notifications, newest first (a queryset, for paging)."""
    return (
        Reminder.objects.filter(recipient=user)
        .filter(Q(resolved_at__isnull=False) | Q(read_at__isnull=False))
        .select_related("school")
        .order_by("-created_at", "-id")
    )


def label_page(page):
    page.object_list = _labelled(page.object_list)
    return page


def unread_per_school(*, user):
    """An annotation for schools: how many of the user's notifications there are unread."""
    unread = (
        Reminder.objects.filter(
            school=OuterRef("pk"), recipient=user, resolved_at__isnull=True, read_at__isnull=True
        )
        .order_by()
        .values("school")
        .annotate(count=Count("id"))
        .values("count")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), 0)
