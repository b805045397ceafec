"""What the beat entry does, by hand: `manage.py send_reminders` (safe to run at any time).

With `--every SECONDS` it keeps dispatching, so that `make run` without Redis (no beat) still
reminds people; `--max-runs` ends the loop after so many dispatches.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from kwaliteit import reminders
from kwaliteit.models import Reminder


class Command(BaseCommand):
    help = "Claim the reminders that are due and queue today's digest e-mails."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep dispatching, once every SECONDS (default: once, then stop).",
        )
        parser.add_argument(
            "--max-runs",
            type=int,
            default=0,
            metavar="N",
            help="With --every: stop after N dispatches (default: never).",
        )

    def handle(self, *args, every, max_runs, **options):
        if every < 0 or max_runs < 0:
            raise CommandError("--every and --max-runs cannot be negative.")
        runs = 0
        while True:
            try:
                self._dispatch_once()
            except Exception as error:
                if not every:
                    raise
                # A loop next to the dev server keeps going after a bad moment.
                self.stderr.write(f"Dispatch failed: {error}")
            runs += 1
            if not every or runs == max_runs:
                return
            close_old_connections()  # a long-running loop must not hold a stale connection
            time.sleep(every)

    def _dispatch_once(self):
        started = timezone.now()
        digests = reminders.dispatch(now=started)
        claimed = Reminder.objects.filter(created_at__gte=started).count()
        self.stdout.write(f"{claimed} new reminders, {len(digests)} digests queued")
        self.stdout.flush()
