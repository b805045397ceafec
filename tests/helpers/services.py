"""A real worker, Redis and PostgreSQL for the tests that need them (tests/test_worker.py,
tests/test_reminders_pg.py); the fixtures that use these live in tests/conftest.py."""

import os
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from kombu import pools as kombu_pools

from kwaliteit import celery_app

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CELERY = Path(sys.executable).with_name("celery")
JOB_TIMEOUT = 60


def _unavailable(reason):
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def _redis_or_skip():
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        client.close()
        _unavailable(f"Redis at {TEST_REDIS_URL} is not reachable ({error})")
    return client


def _database_url():
    db = connection.settings_dict  # NAME is the test database's name by now
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


def _reset_broker_connections():
    """Forget pooled broker connections so that the next publish uses conf.broker_url."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu also keeps producer pools per connection in a registry of its own: without this, a
    # later eager task in the same test process would take a producer from the closed pool.
    kombu_pools.reset()


def _worker_log(process):
    return process.log_path.read_text(errors="replace")[-4000:]
