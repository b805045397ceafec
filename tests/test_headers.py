"""Response headers: a strict Content-Security-Policy, and nothing private kept in a cache."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from kwaliteit.models import Job

from .helpers.pages import get

ROOT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_signed_in_pages_carry_a_strict_content_security_policy(world):
    response = get(world.client_for("coordinator"), reverse("kwaliteit:vision", args=["regenboog"]))
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]


def test_htmx_is_told_not_to_add_an_inline_style(world):
    response = get(world.client_for("teacher"), reverse("kwaliteit:home", args=["regenboog"]))
    assert b'<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in (
        response.content
    )


def test_a_signed_in_page_is_not_kept_by_the_browser(world):
    response = get(world.client_for("teacher"), reverse("kwaliteit:home", args=["regenboog"]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_is_not_kept_by_the_browser(world, fmt):
    url = reverse("dataplan:export", args=["regenboog", fmt])
    response = get(world.client_for("coordinator"), url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"


def test_a_pdf_download_is_not_kept_by_the_browser(
    world, vision, django_capture_on_commit_callbacks
):
    client = world.client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("kwaliteit:vision-pdf", args=["regenboog", vision["v2"].number]))
    job = Job.objects.get(school=world.school, kind="vision_pdf")
    assert job.status == Job.Status.DONE
    response = get(client, reverse("kwaliteit:job-download", args=["regenboog", job.id]))
    assert response.status_code == 200
    assert response.content_bytes.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"


def test_public_pages_keep_their_own_caching(client):
    assert "Cache-Control" not in get(client, reverse("healthz"))
    # The login page keeps Django's own never-cache header (it holds a CSRF token).
    assert "must-revalidate" in get(client, reverse("login"))["Cache-Control"]


def test_static_files_stay_cacheable(client, world):
    from django.templatetags.static import static

    response = get(world.client_for("teacher"), static("css/app.css"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_no_page_template_holds_inline_script_or_style():
    """What the policy would block: inline <script>, <style>, style="" or on…="" handlers.
    PDFs and e-mails are not shown under the policy and keep their own styles."""
    root = ROOT_TEMPLATES
    inline = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=|javascript:", re.I)
    offenders = [
        f"{path.relative_to(root)}: {match.group()}"
        for path in root.rglob("*.html")
        if path.relative_to(root).parts[0] not in {"pdf", "emails"}
        for match in inline.finditer(path.read_text())
    ]
    assert not offenders, offenders


def test_the_error_page_is_styled_by_a_static_file(client, settings):
    """500.html has no template context: it names the unhashed file, which is served too."""
    href = f"{settings.STATIC_URL}css/error.css"
    assert f'href="{href}"' in (ROOT_TEMPLATES / "500.html").read_text()
    response = get(client, href)
    assert response.status_code == 200
    assert b"font-family" in response.content_bytes
