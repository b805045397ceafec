"""The vision PDF job on a real Celery worker with Redis, and the beat schedule.

The worker test needs PostgreSQL (DATABASE_URL) and Redis (the `postgres` and `redis_broker`
fixtures of tests/conftest.py; helpers in tests/helpers/services.py). It is skipped without
them, unless REQUIRE_SERVICES=1 (CI), which makes a missing service a failure. The broker is
TEST_REDIS_URL (default redis://127.0.0.1:6379/15, a database of its own that the test
flushes): do not set REDIS_URL for `make test`, or settings make every task non-eager.
"""

import io
import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from pypdf import PdfReader

from kwaliteit import services_jobs
from kwaliteit.models import Job, Role

from .factories import MembershipFactory, SchoolFactory, UserFactory, VisionVersionFactory
from .helpers.services import CELERY, JOB_TIMEOUT, TEST_REDIS_URL, _database_url, _worker_log


@pytest.fixture
def worker(postgres, redis_broker, tmp_path):
    """A real worker process on the test database, the test Redis and the test MEDIA_ROOT."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DB_CONN_MAX_AGE": "0",
        "REDIS_URL": TEST_REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DEBUG": "0",
        "SECRET_KEY": "test-only-secret-key",
        "ALLOWED_HOSTS": "localhost",
        "DJANGO_SETTINGS_MODULE": "kwaliteit.settings",
        "PYTHONUNBUFFERED": "1",
    }
    log_path = tmp_path / "worker.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "kwaliteit",
                "worker",
                "-Q",
                "default,reports",
                "--pool=solo",
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--hostname",
                f"test-worker-{os.getpid()}@%h",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.log_path = log_path
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
def test_the_vision_pdf_is_made_by_a_real_worker(worker, redis_broker):
    school = SchoolFactory(name="OBS De Regenboog")
    leader = UserFactory(full_name="Lars de Vries")
    MembershipFactory(user=leader, school=school, role=Role.LEADER)
    version = VisionVersionFactory(
        school=school,
        number=1,
        adopted=True,
        adopted_by=leader,
        title="Leren met hoofd, hart en handen",
        values=["Nieuwsgierigheid", "Vertrouwen"],
    )

    with transaction.atomic():
        job = services_jobs.job_create(school=school, user=leader, kind="vision_pdf", about=version)
        # Queued on commit only: the worker must not look for a row that does not exist yet.
        assert redis_broker.llen("reports") == 0

    deadline = time.monotonic() + JOB_TIMEOUT
    while True:
        job.refresh_from_db()
        if job.is_finished:
            break
        assert worker.poll() is None, f"the worker stopped:\n{_worker_log(worker)}"
        assert time.monotonic() < deadline, (
            f"job still {job.status} after {JOB_TIMEOUT}s:\n{_worker_log(worker)}"
        )
        time.sleep(0.25)

    assert job.status == Job.Status.DONE, f"{job.error}\n{_worker_log(worker)}"
    # Made by the worker, not in this process (its log line follows the saved status).
    succeeded = re.compile(r"Task kwaliteit\.tasks\.run_job\[[^]]+\] succeeded")
    deadline = time.monotonic() + 10
    while not succeeded.search(_worker_log(worker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert succeeded.search(_worker_log(worker)), _worker_log(worker)
    path = Path(job.file.path)
    assert path.is_relative_to(Path(settings.MEDIA_ROOT))
    content = path.read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split()
    )
    assert "Leren met hoofd, hart en handen" in text
    assert "Nieuwsgierigheid" in text


def test_the_beat_schedule_names_only_registered_tasks():
    from kwaliteit.celery import app

    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule
    unknown = {
        name: entry["task"] for name, entry in schedule.items() if entry["task"] not in app.tasks
    }
    assert not unknown, f"the beat schedule names tasks that do not exist: {unknown}"
