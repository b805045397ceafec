"""Response headers: a strict Content-Security-Policy, and nothing private kept in a cache."""

import pytest
from django.urls import reverse

from kwaliteit.models import Job

from .conftest import get


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
