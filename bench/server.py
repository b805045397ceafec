"""A gunicorn server for the bench, a load generator and a logged-in timer that share it."""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from .env import BASE_DIR, WORK_DIR

HOST = "127.0.0.1"  # the bench only ever talks to this machine
WORKERS = 2  # the machine has 2 cores
CONCURRENCY = 8
DURATION = 5.0
WARMUP = 1.0
TIMEOUT = 10.0


@dataclass(frozen=True)
class Server:
    port: int


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float

    @property
    def rps(self):
        return self.requests / self.seconds


def _free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _get(conn, path, headers):
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status


def _wait_ready(server, proc):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = WORK_DIR / "gunicorn.log"
            raise RuntimeError(f"gunicorn exited with {proc.returncode}; see {log}")
        conn = http.client.HTTPConnection(HOST, server.port, timeout=TIMEOUT)
        try:
            if _get(conn, "/healthz/", {}) == 200:
                return
        except OSError:
            time.sleep(0.1)
        finally:
            conn.close()
    raise RuntimeError("gunicorn did not answer /healthz/ within 30 s")


@contextmanager
def gunicorn():
    """Start gunicorn on a free port with the bench environment; always stop it."""
    server = Server(port=_free_port())
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "gunicorn", "kwaliteit.wsgi:application",
        "--bind", f"{HOST}:{server.port}", "--workers", str(WORKERS),
        "--no-control-socket",  # its default path is shared with any other gunicorn here
    ]  # fmt: skip
    with open(WORK_DIR / "gunicorn.log", "ab") as log:
        proc = subprocess.Popen(command, cwd=BASE_DIR, env=dict(os.environ), stdout=log, stderr=log)
    try:
        _wait_ready(server, proc)
        yield server
    finally:
        proc.terminate()  # SIGTERM: gunicorn's graceful shutdown
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _worker(server, path, headers, deadline, counts, errors):
    conn = http.client.HTTPConnection(HOST, server.port, timeout=TIMEOUT)
    done = 0
    try:
        while time.monotonic() < deadline:
            # A closed connection (sync workers close after each response) reopens by itself.
            status = _get(conn, path, headers)
            if status != 200:
                errors.append(status)
                return
            done += 1
    except OSError as error:
        errors.append(repr(error))
    finally:
        conn.close()
        counts.append(done)


def load(server, path, *, cookie=None, concurrency=CONCURRENCY, duration=DURATION, warmup=WARMUP):
    """Requests per second for one path at a fixed concurrency, after a warm-up."""
    headers = {"Cookie": cookie} if cookie else {}
    result = None
    for seconds in (warmup, duration):
        counts, errors = [], []
        deadline = time.monotonic() + seconds
        started = time.monotonic()
        threads = [
            threading.Thread(target=_worker, args=(server, path, headers, deadline, counts, errors))
            for _ in range(concurrency)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise RuntimeError(f"GET {path} failed under load: {errors[:3]}")
        result = LoadResult(requests=sum(counts), seconds=time.monotonic() - started)
    return result


def login_cookie(user):
    """A Cookie header value for a logged-in session of this user (stored in the bench DB)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def median_ms(server, path, *, cookie=None, requests=50, warmup=5):
    """Median wall time in ms of sequential GETs of one page, through the bench server."""
    headers = {"Cookie": cookie} if cookie else {}
    conn = http.client.HTTPConnection(HOST, server.port, timeout=TIMEOUT)
    times = []
    try:
        for index in range(warmup + requests):
            started = time.perf_counter()
            status = _get(conn, path, headers)
            elapsed = time.perf_counter() - started
            if status != 200:
                raise RuntimeError(f"GET {path} answered {status}, expected 200")
            if index >= warmup:
                times.append(elapsed)
    finally:
        conn.close()
    return statistics.median(times) * 1000
