"""Reminders under real concurrency (PostgreSQL) and on a real Celery worker with beat (Redis).

Skipped without PostgreSQL and Redis, unless REQUIRE_SERVICES=1 (CI) makes that a failure; see
tests/test_worker.py; the fixtures are in tests/conftest.py.
"""

import os
import subprocess
import threading
import time
from collections import Counter
from datetime import timedelta
from email import message_from_bytes

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from kwaliteit import reminders, services_reminders, tasks
from kwaliteit.models import Digest, Membership, Reminder, Role, User
from pdca.models import Cycle, Phase

from .factories import SchoolFactory, UserFactory
from .helpers.reminders import DUE, at
from .helpers.services import CELERY, TEST_REDIS_URL, _database_url, _worker_log

ITEMS = 1_000
PEOPLE = 100


def due_phases(school, people, count, due_on):
    """count open cycles, each with one Plan phase due on due_on, spread over people."""
    cycles = Cycle.objects.bulk_create(
        Cycle(
            school=school,
            title=f"Traject #{i:04}#",
            owner=people[i % len(people)],
            created_by=people[0],
        )
        for i in range(count)
    )
    Phase.objects.bulk_create(
        Phase(cycle=cycle, kind=Phase.Kind.PLAN, position=0, due_on=due_on) for cycle in cycles
    )
    return cycles


def people_of(school, n):
    users = User.objects.bulk_create(
        User(email=f"persoon{i}@regenboog.example", full_name=f"Persoon {i}", language="en")
        for i in range(n)
    )
    Membership.objects.bulk_create(
        Membership(user=user, school=school, role=Role.TEACHER) for user in users
    )
    return users


@pytest.mark.usefixtures("postgres")
def test_two_dispatchers_in_parallel_send_each_reminder_once(monkeypatch):
    school = SchoolFactory(slug="regenboog")
    people = people_of(school, PEOPLE)
    due_phases(school, people, ITEMS, DUE)
    queued = []
    monkeypatch.setattr(tasks.send_digest, "delay", queued.append)

    barrier = threading.Barrier(2)
    won, errors = {}, []

    def dispatcher(name):
        try:
            barrier.wait(timeout=30)
            won[name] = reminders.dispatch(now=at(DUE + timedelta(days=1)))
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=dispatcher, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors

    rows = Reminder.objects.values_list("recipient", "item_type", "object_id", "kind", "day")
    assert len(rows) == ITEMS == len(set(rows))
    assert not set(won["a"]) & set(won["b"]), "a digest belongs to one dispatcher"
    assert sorted(won["a"] + won["b"]) == sorted(Digest.objects.values_list("id", flat=True))
    assert sorted(queued) == sorted(won["a"] + won["b"])

    for digest_id in queued * 2:  # every task delivered twice (a retry, a redelivery)
        services_reminders.digest_send(digest_id=digest_id, site_url="http://testserver")

    per_person = Counter(message.to[0] for message in mail.outbox)
    assert len(per_person) == PEOPLE and set(per_person.values()) == {1}
    mentioned = Counter(title for message in mail.outbox for title in _titles(message.body))
    assert len(mentioned) == ITEMS and set(mentioned.values()) == {1}
    per_day = Counter(Digest.objects.values_list("recipient", "day"))
    assert set(per_day.values()) == {1}


def _titles(body):
    return [part.split("#")[0] for part in body.split("Traject #")[1:]]


# --- a real worker with beat ------------------------------------------------------------------


@pytest.fixture
def beat_worker(postgres, redis_broker, tmp_path):  # noqa: F811  fixtures of test_worker
    """`celery worker -B`: the real beat schedule, dispatching every two seconds."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DB_CONN_MAX_AGE": "0",
        "REDIS_URL": TEST_REDIS_URL,
        "DEBUG": "0",
        "SECRET_KEY": "test-only-secret-key",
        "ALLOWED_HOSTS": "localhost",
        "DJANGO_SETTINGS_MODULE": "kwaliteit.settings",
        "PYTHONUNBUFFERED": "1",
        "REMINDER_DISPATCH_SECONDS": "2",
        "REMINDER_DIGEST_HOUR": "0",
        "SITE_URL": "https://kwaliteit.example.nl",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    log_path = tmp_path / "worker.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "kwaliteit",
                "worker",
                "-B",
                "--schedule",
                str(tmp_path / "beat-schedule"),
                "-Q",
                "default",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--hostname",
                f"test-beat-{os.getpid()}@%h",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.log_path = log_path
        process.mail_dir = mail_dir
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.mark.services
def test_beat_dispatches_and_the_worker_mails_the_digest(beat_worker):
    # The most faithful setup: the real beat schedule from settings (only its interval shortened
    # through the environment) triggers the task in a real worker, which queues the digest on
    # Redis and sends it; nothing in this process calls the dispatcher.
    school = SchoolFactory(name="OBS De Regenboog")
    teacher = UserFactory(email="fatima@regenboog.example", full_name="Fatima", language="en")
    Membership.objects.create(user=teacher, school=school, role=Role.TEACHER)
    cycle = Cycle.objects.create(
        school=school, title="Begrijpend lezen", owner=teacher, created_by=teacher
    )
    Phase.objects.create(
        cycle=cycle, kind="check", position=2, due_on=timezone.localdate() - timedelta(days=1)
    )

    deadline = time.monotonic() + 60
    while not Digest.objects.filter(recipient=teacher, status=Digest.Status.SENT).exists():
        assert beat_worker.poll() is None, f"the worker stopped:\n{_worker_log(beat_worker)}"
        assert time.monotonic() < deadline, f"no digest sent:\n{_worker_log(beat_worker)}"
        time.sleep(0.25)

    [path] = list(beat_worker.mail_dir.iterdir())
    message = message_from_bytes(path.read_bytes().split(b"\n" + b"-" * 79)[0])
    assert message["To"] == "fatima@regenboog.example"
    text = message.get_payload()[0].get_payload(decode=True).decode()
    assert "Begrijpend lezen" in text and "overdue since" in text
    assert f"https://kwaliteit.example.nl/s/{school.slug}/verbetertrajecten/{cycle.pk}/" in text
    log = _worker_log(beat_worker)
    assert "Scheduler: Sending due task reminders-dispatch" in log, log
    time.sleep(3)  # beat keeps dispatching: nothing is sent twice
    assert len(list(beat_worker.mail_dir.iterdir())) == 1
    assert Reminder.objects.filter(recipient=teacher).count() == 1


@pytest.mark.usefixtures("postgres")
def test_three_dispatchers_at_once_send_every_digest_and_fail_none():
    # Each dispatcher sends the digests it won right away (no broker: tasks run in-process),
    # while the others are still claiming and resolving: the busy database is waited for.
    school = SchoolFactory(slug="regenboog")
    people = people_of(school, PEOPLE)
    due_phases(school, people, ITEMS // 2, DUE)
    due_phases(school, people, ITEMS // 2, DUE + timedelta(days=1))
    barrier = threading.Barrier(3)
    errors = []

    def dispatcher():
        try:
            barrier.wait(timeout=30)
            for hour in (8, 9, 10):
                reminders.dispatch(now=at(DUE + timedelta(days=1), hour=hour))
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=dispatcher) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors

    statuses = Counter(Digest.objects.values_list("status", flat=True))
    assert statuses == {Digest.Status.SENT: PEOPLE}, list(Digest.objects.values("status", "error"))
    per_person = Counter(message.to[0] for message in mail.outbox)
    assert len(per_person) == PEOPLE and set(per_person.values()) == {1}
    assert not User.objects.filter(email_failing_since__isnull=False).exists()
