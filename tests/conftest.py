"""Personas and shared fixtures: one school with every role, a board member, an outsider."""

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone, translation

from kwaliteit import celery_app, reminders
from kwaliteit.models import Role
from kwaliteitskaarten import services as card_services

from .factories import (
    BoardFactory,
    DataImportFactory,
    IndicatorFactory,
    MeasurementFactory,
    MembershipFactory,
    SchoolFactory,
    TeamFactory,
    UserFactory,
    VisionVersionFactory,
)
from .helpers.services import (
    TEST_REDIS_URL,
    _redis_or_skip,
    _reset_broker_connections,
    _unavailable,
)


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path, request):
    """Quick password hashing, files in a temporary folder, jobs in-process unless a test
    explicitly needs the real worker."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "http://testserver"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A request activates its language in this thread; no test reads what an earlier one left.
    translation.activate(settings.LANGUAGE_CODE)
    if request.node.get_closest_marker("services") is None:
        celery_app.conf.task_always_eager = True
        yield
        celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    else:
        yield


@pytest.fixture(autouse=True)
def _audit_trail_flushable(request):
    """SQLite empties tables with DELETE after a transactional test, which the audit trail's
    triggers refuse: such tests empty it with the triggers lifted, just before the flush."""
    if not {"transactional_db", "live_server"} & set(request.fixturenames):
        yield
        return
    from django.db import connection

    from kwaliteit.audit_lock import emptied_for_test_flush

    request.getfixturevalue("transactional_db")
    with emptied_for_test_flush(connection):
        yield


@dataclass
class World:
    """The people and things most tests need."""

    school: object
    other_school: object
    board: object
    team: object
    users: dict
    indicator: object = None
    measurement: object = None
    data_import: object = None
    card: object = None
    agreement: object = None

    def client_for(self, persona, *, language=None):
        """A signed-in client; with `language` it reads the pages in that language, whatever
        the person's profile says, so a test can assert one language."""
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        if language:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client


@pytest.fixture
def world(db):
    board = BoardFactory(name="Stichting Lerend Land", slug="lerend-land")
    school = SchoolFactory(board=board, name="OBS De Regenboog", slug="regenboog")
    other_school = SchoolFactory(name="CBS Elders", slug="elders")
    team = TeamFactory(school=school, name="Bovenbouw")
    users = {}
    for role in (Role.COORDINATOR, Role.LEADER, Role.TEACHER, Role.VIEWER):
        user = UserFactory(email=f"{role}@regenboog.example", full_name=f"{role.label} Persoon")
        MembershipFactory(user=user, school=school, role=role, teams=[team])
        users[str(role)] = user
    users["board_member"] = UserFactory(email="bestuur@lerend-land.example")
    board.members.add(users["board_member"])
    users["outsider"] = UserFactory(email="coordinator@elders.example")
    MembershipFactory(user=users["outsider"], school=other_school, role=Role.COORDINATOR)
    indicator = IndicatorFactory(school=school, name="Leesresultaten", owner=users["coordinator"])
    # The indicator has existed for years: its collection moments can have been missed.
    IndicatorFactory._meta.model.objects.filter(pk=indicator.pk).update(
        created_at=timezone.make_aware(datetime(2024, 8, 1))
    )
    indicator.refresh_from_db()
    measurement = MeasurementFactory(indicator=indicator, group__name="Groep 5B")
    data_import = DataImportFactory(school=school, created_by=users["coordinator"])
    card = card_services.card_create(
        school=school,
        title="Feedback in de klas",
        owner=users["teacher"],
        team=team,
        user=users["coordinator"],
    )
    agreement = card_services.agreement_add(
        card=card,
        text="Elke les een exit-ticket",
        owner=users["teacher"],
        check_interval_months=3,
        first_check_on=date(2026, 3, 1),
    )
    return World(
        school=school,
        other_school=other_school,
        board=board,
        team=team,
        users=users,
        indicator=indicator,
        measurement=measurement,
        data_import=data_import,
        card=card,
        agreement=agreement,
    )


@pytest.fixture
def vision(world):
    """Two adopted versions and a draft, as a school has after two years."""
    coordinator, leader = world.users["coordinator"], world.users["leader"]
    v1 = VisionVersionFactory(
        school=world.school,
        number=1,
        adopted=True,
        adopted_on=date(2024, 6, 20),
        adopted_by=leader,
        created_by=coordinator,
        statement="Wij leren samen.",
        values=["Samen", "Vertrouwen"],
    )
    v2 = VisionVersionFactory(
        school=world.school,
        number=2,
        adopted=True,
        adopted_on=date(2025, 9, 4),
        adopted_by=leader,
        created_by=coordinator,
        statement="Wij leren samen en geven elkaar feedback.",
        values=["Samen", "Vertrouwen", "Nieuwsgierigheid"],
    )
    # The draft reads differently from every adopted version, so a page that leaks it shows.
    draft = VisionVersionFactory(
        school=world.school,
        number=3,
        created_by=coordinator,
        title="Concept: samen verder",
        statement="Wij zoeken nog naar woorden voor ons concept.",
        values=["Samen"],
    )
    return {"v1": v1, "v2": v2, "draft": draft}


@pytest.fixture
def coordinator_client(world):
    return world.client_for("coordinator")


@pytest.fixture
def postgres(transactional_db):
    """Committed rows on a server database, so that another process can read them."""
    if connection.vendor != "postgresql":
        _unavailable(f"the worker test needs PostgreSQL (DATABASE_URL), not {connection.vendor}")


@pytest.fixture
def redis_broker():
    """Point this process's Celery app at the test Redis for the duration of a test."""
    client = _redis_or_skip()
    client.flushdb()
    saved = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    celery_app.conf.broker_url = TEST_REDIS_URL
    celery_app.conf.task_always_eager = False
    _reset_broker_connections()
    try:
        yield client
    finally:
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
        _reset_broker_connections()
        client.flushdb()
        client.close()


@pytest.fixture
def dispatch(django_capture_on_commit_callbacks):
    """Run the dispatcher at a moment; the digests it queues are sent (tasks run in-process)."""

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.dispatch(now=now)

    return run
