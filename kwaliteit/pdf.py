"""PDF rendering: the only module that imports WeasyPrint.

Its URL fetcher serves our own static files and nothing else: no network, no other files.
"""

import logging
import mimetypes
import os

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils._os import safe_join
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# A base address that can never resolve: every relative URL in a PDF template lands under it.
BASE_URL = "https://pdf.invalid/"
STATIC_PREFIX = BASE_URL.rstrip("/") + settings.STATIC_URL


class StaticOnlyFetcher(URLFetcher):
    """Serves /static/… from our static files; refuses every other URL."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith(STATIC_PREFIX):
            logger.warning("PDF asked for %s; refused", url)
            raise ValueError(f"Refused to fetch {url}")
        relative = url[len(STATIC_PREFIX) :].split("?")[0].split("#")[0]
        try:
            # finders in development; the collected files (safely joined) in production
            path = finders.find(relative) or safe_join(settings.STATIC_ROOT, relative)
        except SuspiciousFileOperation:
            path = None
        if not path or not os.path.isfile(path):
            raise ValueError(f"No static file {relative}")
        content_type = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
        with open(path, "rb") as handle:
            body = handle.read()
        return URLFetcherResponse(url, body, headers={"Content-Type": content_type})


def render(template_name, context, school, *, variant=None) -> bytes:
    """Render a template that extends pdf/base.html to PDF bytes; variant asks WeasyPrint for a
    PDF variant such as "pdf/ua-1" (tagged, for screen readers)."""
    return write(html(template_name, context, school), variant=variant)


def html(template_name, context, school) -> str:
    """The HTML a PDF is made of."""
    return render_to_string(
        template_name, {**context, "school": school, "generated_at": timezone.localtime()}
    )


def write(html, *, variant=None) -> bytes:
    """WeasyPrint alone: HTML to PDF bytes, fetching only our static files."""
    options = {"pdf_variant": variant} if variant else {}
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(**options)
