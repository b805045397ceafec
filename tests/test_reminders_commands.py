"""The send_reminders command: dispatching in a loop, a fresh demo's notifications, and three
dispatchers on one busy SQLite file."""

import io
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from email import message_from_bytes
from pathlib import Path
from time import sleep

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kwaliteit.models import Digest, Reminder, Role, User

from .factories import MembershipFactory, SchoolFactory
from .helpers.reminders import make_cycle, phase_reminders


@pytest.fixture(autouse=True)
def english(world):
    """Pages and e-mails in English, so that the tests read the texts as written here."""
    User.objects.update(language="en")
    for user in world.users.values():
        user.language = "en"


def test_the_command_can_keep_dispatching(world, capsys, settings, monkeypatch):
    # `make run` without Redis starts `send_reminders --every 300` next to the web server.
    from kwaliteit.management.commands import send_reminders

    pauses = []
    monkeypatch.setattr(send_reminders.time, "sleep", pauses.append)
    # Between runs the loop drops stale connections; inside the test's transaction that would
    # close the test's own connection on PostgreSQL, so only count the calls.
    refreshed = []
    monkeypatch.setattr(send_reminders, "close_old_connections", lambda: refreshed.append(1))
    settings.REMINDER_DIGEST_HOUR = 0
    make_cycle(world.school, world.users["teacher"], due=timezone.localdate() - timedelta(days=1))
    call_command("send_reminders", every=300, max_runs=1)
    assert capsys.readouterr().out.count("digests queued") == 1
    assert pauses == [], "one run: no pause after it"
    assert phase_reminders(recipient=world.users["teacher"]).exists()
    call_command("send_reminders", every=300, max_runs=3)
    assert capsys.readouterr().out.count("digests queued") == 3
    assert pauses == [300, 300]
    assert len(refreshed) == 2, "a fresh connection before every later run"
    assert Digest.objects.filter(recipient=world.users["teacher"]).count() == 1, "claimed once"


def test_a_fresh_demo_has_notifications_for_the_coordinator(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    coordinator = User.objects.get(email="anouk@regenboog.example")
    client = Client()
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("notifications")).content.decode()
    assert Reminder.objects.filter(recipient=coordinator, resolved_at=None).exists()
    assert "overdue" in page
    assert "No notifications" not in page


# --- a busy database --------------------------------------------------------------------------

DISPATCHERS = 3


def _dispatcher_script(start_file):
    """A separate process: Django set up, then wait for the others and dispatch a few times
    (as beat and `send_reminders --every` do), all three at once."""
    return (
        "import os, time, django\n"
        "django.setup()\n"
        "from django.core.management import call_command\n"
        f"while not os.path.exists({str(start_file)!r}):\n"
        "    time.sleep(0.01)\n"
        "for _ in range(8):\n"
        "    call_command('send_reminders')\n"
    )


def test_three_dispatchers_on_a_busy_sqlite_file_send_every_digest_once(transactional_db, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("this one is about SQLite, the embedded default")
    school = SchoolFactory()
    for i in range(60):
        person = MembershipFactory(school=school, role=Role.TEACHER).user
        make_cycle(school, person, title=f"Traject {i}", due=timezone.localdate())
    people = set(User.objects.filter(memberships__school=school).values_list("email", flat=True))
    # The test database lives in memory; the dispatchers share one file, as `make run` does.
    database = tmp_path / "kwaliteit.sqlite3"
    target = sqlite3.connect(database)
    connection.ensure_connection()
    connection.connection.backup(target)
    target.close()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    start = tmp_path / "start"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "kwaliteit.settings",
        "REDIS_URL": "",
        "REMINDER_DIGEST_HOUR": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _dispatcher_script(start)],
            cwd=Path(__file__).resolve().parents[1],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(DISPATCHERS)
    ]
    sleep(3)  # let all three finish starting up, then let them go at once
    start.touch()
    outputs = [process.communicate(timeout=300)[0].decode() for process in processes]
    assert all(process.returncode == 0 for process in processes), outputs

    with sqlite3.connect(database) as db:
        statuses = Counter(
            status for (status,) in db.execute("SELECT status FROM kwaliteit_digest")
        )
        errors = [e for (e,) in db.execute("SELECT error FROM kwaliteit_digest") if e]
        reminded = {
            email
            for (email,) in db.execute(
                "SELECT DISTINCT u.email FROM kwaliteit_reminder r"
                " JOIN kwaliteit_user u ON u.id = r.recipient_id"
            )
        }
        failing = db.execute(
            "SELECT count(*) FROM kwaliteit_user WHERE email_failing_since IS NOT NULL"
        ).fetchone()[0]
    assert people <= reminded
    assert statuses == {"sent": len(reminded)}, (statuses, errors)
    assert failing == 0, "a busy database is never the address's fault"
    separator = b"\n" + b"-" * 79 + b"\n"  # the file backend may put several in one file
    recipients = Counter(
        message_from_bytes(raw)["To"]
        for path in mail_dir.iterdir()
        for raw in path.read_bytes().split(separator)
        if raw.strip()
    )
    assert set(recipients) == reminded
    assert set(recipients.values()) == {1}, "every digest sent exactly once"
