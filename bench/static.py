"""Static files for DEBUG=0: collect them only when a source file changed."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command


def _newest_source():
    newest = 0.0
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            newest = max(newest, storage.get_modified_time(path).timestamp())
    return newest


def ensure_collected():
    """Hashed names need the manifest; collecting (and compressing) takes seconds, so reuse it."""
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if manifest.exists() and manifest.stat().st_mtime >= _newest_source():
        return
    call_command("collectstatic", interactive=False, verbosity=0)
