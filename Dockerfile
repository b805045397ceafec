# Production image. The same image runs the web server (gunicorn, static files through
# whitenoise), the Celery worker and Celery beat: see docker-compose.yml.
FROM python:3.11-slim

# PYTHONPATH: run the code from /app (where templates/, static/ and locale/ live next to the
# packages), never from the copy that `pip install .` puts in site-packages.
# STATIC_ROOT and MEDIA_ROOT are fixed paths inside the image; docker-compose.yml mounts the
# shared `media` volume at MEDIA_ROOT.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/media

# WeasyPrint needs Pango, HarfBuzz and at least one font; gettext provides msgfmt for
# compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --user-group --create-home --home-dir /home/kwaliteit kwaliteit

WORKDIR /app

# Only what the application needs at runtime: no .venv, .env, database or test files.
COPY pyproject.toml README.md manage.py ./
COPY kwaliteit ./kwaliteit
COPY dataplan ./dataplan
COPY kwaliteitskaarten ./kwaliteitskaarten
COPY pdca ./pdca
COPY accreditatie ./accreditatie
COPY templates ./templates
COPY static ./static
COPY locale ./locale

RUN pip install . && rm -rf build ./*.egg-info

# Translations and static files are built into the image. Settings refuse to load without a
# SECRET_KEY, so the build uses a throw-away one; the real key comes from the environment.
RUN DEBUG=0 SECRET_KEY=build-only-not-a-secret python manage.py compilemessages -v 0 \
    && DEBUG=0 SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --noinput -v 0

# Generated files (PDFs, exports) are written here by the worker and served by web; the
# directory must exist and belong to the app user before a named volume is mounted on it,
# so that the volume starts out writable.
RUN mkdir -p "$MEDIA_ROOT" && chown kwaliteit:kwaliteit "$MEDIA_ROOT"

USER kwaliteit

EXPOSE 8000

CMD ["gunicorn", "kwaliteit.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
