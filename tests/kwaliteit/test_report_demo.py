"""The demo has De Regenboog's annual report of 2025-2026 written, waiting for Marco to adopt."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kwaliteit.models import AnnualReport, User

pytestmark = pytest.mark.django_db


def test_the_demo_report_waits_for_the_leader_and_seeding_again_adds_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    report = AnnualReport.objects.get(school__slug="obs-de-regenboog")
    assert (report.start_year, report.status) == (2025, "draft")
    assert set(report.narratives) == {"vision", "cards", "dataplan", "pdca"}
    assert report.created_at.date() < report.school_year().last_day
    call_command("seed_demo", stdout=io.StringIO())
    assert AnnualReport.objects.count() == 1

    leader = Client()
    leader.force_login(User.objects.get(email="marco@regenboog.example"))
    leader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = leader.get(reverse("kwaliteit:report", args=[report.school.slug, report.pk])).text
    assert "nieuwsgierigheid is een kernwaarde geworden" in page
    assert "Core values added: Nieuwsgierigheid" in page
    assert "Adopt the report" in page
