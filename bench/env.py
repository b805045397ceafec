"""Environment and database for the bench; runs before Django is set up."""

import os
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parent.parent
WORK_DIR = BASE_DIR / "var" / "bench"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/kwaliteit_bench"


def database_url():
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def configure():
    """Point settings at the bench database; figures are only meaningful as in production."""
    os.environ["DATABASE_URL"] = database_url()
    os.environ["DEBUG"] = "0"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ.setdefault("SECURE_COOKIES", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    # Own static and media folders, so bench files never mix with a developer's.
    os.environ.setdefault("STATIC_ROOT", str(WORK_DIR / "static"))
    os.environ.setdefault("MEDIA_ROOT", str(WORK_DIR / "media"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kwaliteit.settings")


def ensure_database(*, rebuild=False):
    """Create the bench database if missing; with rebuild, drop it first."""
    config = dj_database_url.parse(database_url())
    params = {
        "dbname": "postgres",
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
    }
    name = config["NAME"]
    with psycopg.connect(**params, autocommit=True) as conn:
        if rebuild:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            conn.execute(drop.format(sql.Identifier(name)))
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
