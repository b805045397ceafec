"""What the beat entry does, by hand: `manage.py send_reminders` (safe to run at any time)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from kwaliteit import reminders
from kwaliteit.models import Reminder


class Command(BaseCommand):
    help = "Claim the reminders that are due and queue today's digest e-mails."

    def handle(self, *args, **options):
        started = timezone.now()
        digests = reminders.dispatch(now=started)
        claimed = Reminder.objects.filter(created_at__gte=started).count()
        self.stdout.write(f"{claimed} new reminders, {len(digests)} digests queued")
